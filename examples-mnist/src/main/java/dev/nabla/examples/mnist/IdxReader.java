package dev.nabla.examples.mnist;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes (the format of the MNIST files), raw or gzip-compressed; gzip is
 * recognised by its magic number, not by the file name.
 *
 * <p>An IDX file is a 4-byte magic number ({@code 0x00 0x00}, the element type, the number of
 * dimensions), one big-endian 32-bit size per dimension, then the data in row-major order. The reader
 * checks all of it and rejects anything else with an {@link IdxFormatException} naming the file:
 * a wrong magic number, an element type other than unsigned byte ({@code 0x08}), a number of
 * dimensions other than the one asked for, a zero or oversized dimension, and a data length that is
 * not exactly what the header claims (too short or too long), or a damaged gzip stream. The header's
 * claim is checked against the file's real length <em>before</em> anything sized by the header is
 * allocated; for gzip content, whose length is unknown until it is decompressed, the data buffer
 * grows only as decompressed bytes actually arrive, and claims above {@link #maxDataBytes()} are
 * refused outright, so no input can make the reader run out of memory.
 *
 * <pre>{@code
 * IdxArray pixels = IdxReader.create().read(Path.of("data/mnist/train-images-idx3-ubyte"), 3);
 * pixels.dims();   // [60000, 28, 28]
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class IdxReader {
  /** The default limit on a file's data: 128 MiB, room for MNIST's 47,040,000 bytes of training pixels. */
  public static final long DEFAULT_MAX_DATA_BYTES = 128L << 20;

  /** The IDX element-type code of unsigned bytes, the only type this reader accepts. */
  public static final int UNSIGNED_BYTE = 0x08;

  private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
  private static final int INITIAL_GZIP_BUFFER = 64 << 10;

  private final long maxDataBytes;

  private IdxReader(long maxDataBytes) {
    this.maxDataBytes = maxDataBytes;
  }

  /** A reader with the {@link #DEFAULT_MAX_DATA_BYTES default} limit. */
  public static IdxReader create() {
    return new IdxReader(DEFAULT_MAX_DATA_BYTES);
  }

  /** A reader that refuses files whose header claims more than {@code maxDataBytes} bytes of data. */
  public IdxReader withMaxDataBytes(long maxDataBytes) {
    checkArgument(maxDataBytes > 0 && maxDataBytes <= MAX_ARRAY_LENGTH,
        "maxDataBytes must be in [1, %s], got %s", MAX_ARRAY_LENGTH, maxDataBytes);
    return new IdxReader(maxDataBytes);
  }

  /** The largest amount of data, in bytes, this reader accepts from one file. */
  public long maxDataBytes() {
    return maxDataBytes;
  }

  /**
   * Reads a whole IDX file that must have {@code rank} dimensions; messages name the file by {@code
   * file.toString()}.
   *
   * @throws IdxFormatException when the content is not a valid IDX file of unsigned bytes and rank
   *     {@code rank}
   * @throws IOException when the file cannot be read (for example, it does not exist)
   */
  public IdxArray read(Path file, int rank) throws IOException {
    checkNotNull(file, "file");
    long length = Files.size(file);
    try (InputStream in = Files.newInputStream(file)) {
      return read(file.toString(), in, length, rank);
    }
  }

  /**
   * Reads IDX content held in memory (raw or gzip), naming it {@code name} in messages.
   *
   * @throws IdxFormatException when the content is not a valid IDX file of unsigned bytes and rank
   *     {@code rank}
   */
  public IdxArray read(String name, byte[] content, int rank) {
    checkNotNull(name, "name");
    checkNotNull(content, "content");
    try {
      return read(name, new ByteArrayInputStream(content), content.length, rank);
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": unexpected I/O error reading memory", e); // not reachable
    }
  }

  private IdxArray read(String name, InputStream raw, long rawLength, int rank) throws IOException {
    checkArgument(rank >= 1 && rank <= 255, "%s: rank must be in [1, 255], got %s", name, rank);
    var buffered = new BufferedInputStream(raw);
    buffered.mark(2);
    boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
    buffered.reset();
    try {
      if (gzip) {
        return parse(name, new GZIPInputStream(buffered), -1, rank, "the decompressed file");
      }
      return parse(name, buffered, rawLength, rank, "the file");
    } catch (ZipException | EOFException e) {
      // Only the gzip layer throws these: this class's own reads test for the end of the stream.
      throw new IdxFormatException(name, "damaged gzip stream (" + e.getMessage() + ")");
    }
  }

  /** {@code length} is the exact content length, or -1 when unknown (gzip). */
  private IdxArray parse(String name, InputStream in, long length, int rank, String what) throws IOException {
    byte[] magic = new byte[4];
    int got = readFully(in, magic, 0, 4);
    if (got < 4) {
      throw new IdxFormatException(name, String.format(Locale.ROOT,
          "%s is only %d bytes long, too short for an IDX header", what, got));
    }
    if (magic[0] != 0 || magic[1] != 0) {
      throw new IdxFormatException(name, String.format(Locale.ROOT,
          "not an IDX file: it starts with 0x%02x 0x%02x, not the magic number's 0x00 0x00", magic[0], magic[1]));
    }
    int type = magic[2] & 0xFF;
    if (type != UNSIGNED_BYTE) {
      throw new IdxFormatException(name, String.format(Locale.ROOT,
          "element type 0x%02x (%s) is not supported; only unsigned bytes (0x08) are", type, typeName(type)));
    }
    int fileRank = magic[3] & 0xFF;
    if (fileRank != rank) {
      throw new IdxFormatException(name, String.format(Locale.ROOT,
          "has %d dimension%s, expected %d", fileRank, fileRank == 1 ? "" : "s", rank));
    }
    int[] dims = readDims(name, in, rank, what);
    long headerLength = 4L + 4L * rank;
    BigInteger claimed = Arrays.stream(dims).mapToObj(BigInteger::valueOf).reduce(BigInteger.ONE, BigInteger::multiply);
    String claim = Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(" × "))
        + (rank > 1 ? " = " + claimed : "");
    if (length >= 0 && !claimed.equals(BigInteger.valueOf(length - headerLength))) {
      throw new IdxFormatException(name, String.format(Locale.ROOT,
          "header claims %s bytes of data but %s has %d after the header", claim, what, length - headerLength));
    }
    if (claimed.compareTo(BigInteger.valueOf(maxDataBytes)) > 0) {
      throw new IdxFormatException(name, String.format(Locale.ROOT,
          "header claims %s bytes of data, more than this reader's limit of %d (see IdxReader.withMaxDataBytes)",
          claim, maxDataBytes));
    }
    int size = claimed.intValueExact();
    byte[] data = new byte[length >= 0 ? size : Math.min(size, INITIAL_GZIP_BUFFER)];
    int filled = 0;
    while (filled < size) {
      if (filled == data.length) {
        data = Arrays.copyOf(data, (int) Math.min(size, 2L * data.length));
      }
      int n = readFully(in, data, filled, data.length - filled);
      filled += n;
      if (filled < data.length) {
        break; // end of stream
      }
    }
    if (filled < size) {
      throw new IdxFormatException(name, String.format(Locale.ROOT,
          "header claims %s bytes of data but %s has %d after the header", claim, what, filled));
    }
    if (in.read() >= 0) {
      throw new IdxFormatException(name, String.format(Locale.ROOT,
          "header claims %s bytes of data but %s has more after the header", claim, what));
    }
    return IdxArray.wrap(name, dims, data);
  }

  private static int[] readDims(String name, InputStream in, int rank, String what) throws IOException {
    byte[] raw = new byte[4 * rank];
    int got = readFully(in, raw, 0, raw.length);
    if (got < raw.length) {
      throw new IdxFormatException(name, String.format(Locale.ROOT,
          "%s ends inside the header: %d dimensions need %d bytes of sizes, there are %d", what, rank, raw.length, got));
    }
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      long d = ((raw[4 * i] & 0xFFL) << 24) | ((raw[4 * i + 1] & 0xFF) << 16)
          | ((raw[4 * i + 2] & 0xFF) << 8) | (raw[4 * i + 3] & 0xFF);
      if (d == 0 || d > MAX_ARRAY_LENGTH) {
        throw new IdxFormatException(name, String.format(Locale.ROOT,
            "dimension %d is %d; it must be in [1, %d]", i, d, MAX_ARRAY_LENGTH));
      }
      dims[i] = (int) d;
    }
    return dims;
  }

  /** Reads until {@code len} bytes are in or the stream ends; returns how many were read. */
  private static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
    int total = 0;
    while (total < len) {
      int n = in.read(b, off + total, len - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  private static String typeName(int type) {
    return switch (type) {
      case 0x08 -> "unsigned byte";
      case 0x09 -> "signed byte";
      case 0x0B -> "short";
      case 0x0C -> "int";
      case 0x0D -> "float";
      case 0x0E -> "double";
      default -> "not an IDX type";
    };
  }
}
