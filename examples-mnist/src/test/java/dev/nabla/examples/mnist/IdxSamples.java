package dev.nabla.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.function.Executable;

/** Generators and checks shared by the IDX property classes. */
final class IdxSamples {
  /** The name every generated file is read under; rejections must name it. */
  static final String NAME = "sample-idx-ubyte";

  private IdxSamples() {}

  /** Small valid arrays of rank 1 to 4: up to 12 records of up to 5 × 5 × 5 random bytes. */
  static Arbitrary<IdxArray> arrays() {
    Arbitrary<int[]> dims = Arbitraries.integers().between(1, 4).flatMap(rank ->
        Arbitraries.integers().between(1, 5).array(int[].class).ofSize(rank - 1)
            .flatMap(inner -> Arbitraries.integers().between(1, 12).map(count -> prepend(count, inner))));
    return dims.flatMap(d -> Arbitraries.bytes().array(byte[].class).ofSize(product(d))
        .map(data -> IdxArray.of(NAME, d, data)));
  }

  /** The file content of {@code array}, raw or gzip. */
  static byte[] encode(IdxArray array, boolean gzip) {
    return gzip ? IdxWriter.toGzipBytes(array) : IdxWriter.toBytes(array);
  }

  /** {@code raw} compressed with gzip. */
  static byte[] gzip(byte[] raw) {
    var out = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A copy of {@code content} with bit {@code bit} of byte {@code position} flipped. */
  static byte[] flip(byte[] content, int position, int bit) {
    byte[] copy = content.clone();
    copy[position] ^= (byte) (1 << bit);
    return copy;
  }

  /** {@code fraction} in [0, 1) scaled to a position in [0, length). */
  static int position(double fraction, int length) {
    return Math.min(length - 1, (int) (fraction * length));
  }

  /** The header length of a raw IDX file of the given rank. */
  static int headerLength(int rank) {
    return 4 + 4 * rank;
  }

  /**
   * Runs {@code read} and checks it throws an {@link IdxFormatException} naming {@link #NAME}, and
   * nothing else (no index exception, no OutOfMemoryError), without allocating more than a small
   * multiple of the content's size on this thread.
   */
  static IdxFormatException assertRejected(int contentLength, Executable read) {
    long before = allocatedBytes();
    IdxFormatException e = assertThrows(IdxFormatException.class, read);
    long allocated = allocatedBytes() - before;
    assertEquals(NAME, e.file());
    assertTrue(e.getMessage().startsWith(NAME + ": "), e.getMessage());
    if (before >= 0) {
      long bound = (1L << 20) + 4L * contentLength;
      assertTrue(allocated <= bound, "rejecting " + contentLength + " bytes allocated " + allocated
          + " bytes (bound " + bound + "): " + e.getMessage());
    }
    return e;
  }

  /** Bytes allocated so far by this thread, or -1 when the JVM cannot tell. */
  private static long allocatedBytes() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx
        && mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled()) {
      return mx.getCurrentThreadAllocatedBytes();
    }
    return -1;
  }

  private static int[] prepend(int first, int[] rest) {
    int[] dims = new int[rest.length + 1];
    dims[0] = first;
    System.arraycopy(rest, 0, dims, 1, rest.length);
    return dims;
  }

  private static int product(int[] dims) {
    int p = 1;
    for (int d : dims) {
      p *= d;
    }
    return p;
  }
}
