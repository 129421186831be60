package dev.nabla.examples.mnist;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes {@link IdxArray}s as IDX files of unsigned bytes, raw or gzip-compressed: the inverse of
 * {@link IdxReader}. Used to make test data and subsets of MNIST.
 *
 * <pre>{@code
 * IdxWriter.write(labels, Path.of("train-labels-idx1-ubyte.gz"));   // gzip, because of the name
 * }</pre>
 */
public final class IdxWriter {
  private IdxWriter() {}

  /** The raw IDX encoding: magic number, big-endian dimensions, data. */
  public static byte[] toBytes(IdxArray array) {
    checkNotNull(array, "array");
    int[] dims = array.dims();
    ByteBuffer out = ByteBuffer.allocate(4 + 4 * dims.length + array.size());
    out.put((byte) 0).put((byte) 0).put((byte) IdxReader.UNSIGNED_BYTE).put((byte) dims.length);
    for (int d : dims) {
      out.putInt(d);
    }
    out.put(array.rawBytes());
    return out.array();
  }

  /** The raw IDX encoding compressed with gzip (deterministic: no time stamp, no file name). */
  public static byte[] toGzipBytes(IdxArray array) {
    byte[] raw = toBytes(array);
    var bytes = new ByteArrayOutputStream(raw.length / 2 + 64);
    try (var gzip = new GZIPOutputStream(bytes)) {
      gzip.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory failed", e); // not reachable
    }
    return bytes.toByteArray();
  }

  /**
   * Writes {@code array} to {@code file}, gzip-compressed when the name ends in {@code .gz}. The bytes
   * go to a temporary file beside it first, so a failed write leaves no partial file.
   */
  public static void write(IdxArray array, Path file) throws IOException {
    checkNotNull(file, "file");
    byte[] content = file.getFileName().toString().endsWith(".gz") ? toGzipBytes(array) : toBytes(array);
    Path dir = file.toAbsolutePath().getParent();
    Path temp = dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
    try {
      Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
