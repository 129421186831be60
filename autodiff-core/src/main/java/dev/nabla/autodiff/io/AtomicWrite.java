package dev.nabla.autodiff.io;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that its name holds either the old contents or all of the new ones, never a part:
 * the way graph files, network files ({@code dev.nabla.nn.NetworkFile}) and the Spark trainer's
 * checkpoints are saved.
 *
 * <pre>{@code
 * AtomicWrite.write(Path.of("results.csv"), out -> out.write(csv.getBytes(StandardCharsets.UTF_8)));
 * }</pre>
 */
public final class AtomicWrite {
  private static final int BUFFER = 1 << 16;

  private AtomicWrite() {}

  /** What to write: the whole new contents, to {@code out}. */
  @FunctionalInterface
  public interface Contents {
    /** Writes the contents; need not flush or close {@code out}. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Has {@code contents} write to a temporary file beside {@code file} ({@code .<name>.<uuid>.tmp},
   * through a 64 KB buffer), forces it to disk, renames it over {@code file} atomically and syncs the
   * directory where the platform allows. On any failure, of the writing or of the rename, the temporary
   * file is deleted and {@code file} is as it was.
   *
   * @throws IOException when writing or renaming fails, or as {@code contents} throws it
   */
  public static void write(Path file, Contents contents) throws IOException {
    checkNotNull(file, "file");
    checkNotNull(contents, "contents");
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    // CREATE_NEW under a random name rather than Files.createTempFile, so the file gets the usual
    // permissions (createTempFile makes it owner-only on POSIX systems)
    Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
        contents.writeTo(out);
        out.flush();
        channel.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
    syncDirectory(dir);
  }

  /** {@link #write(Path, Contents)} of the given bytes. */
  public static void write(Path file, byte[] bytes) throws IOException {
    checkNotNull(bytes, "bytes");
    write(file, out -> out.write(bytes));
  }

  /** Best effort: makes the rename itself durable where the platform allows syncing a directory. */
  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // some platforms (Windows) cannot open a directory; the file itself was forced before the rename
    }
  }
}
