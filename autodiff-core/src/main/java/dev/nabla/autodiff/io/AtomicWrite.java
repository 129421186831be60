package dev.nabla.autodiff.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** Writes a file so that its name holds either the old contents or all of the new ones, never a part. */
final class AtomicWrite {
  private AtomicWrite() {}

  /**
   * Writes {@code bytes} to a temporary file beside {@code file} ({@code .<name>.<uuid>.tmp}), forces
   * it to disk, renames it over {@code file} atomically and syncs the directory where the platform
   * allows; the temporary file is deleted on failure.
   *
   * <pre>{@code
   * AtomicWrite.write(Path.of("checkpoint.graph"), text.getBytes(StandardCharsets.UTF_8));
   * }</pre>
   *
   * @throws IOException when writing or renaming fails (the target is then unchanged)
   */
  static void write(Path file, byte[] bytes) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    // CREATE_NEW under a random name rather than Files.createTempFile, so the file gets the usual
    // permissions (createTempFile makes it owner-only on POSIX systems)
    Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // some platforms (Windows) cannot open a directory; the file itself was forced before the rename
    }
  }
}
