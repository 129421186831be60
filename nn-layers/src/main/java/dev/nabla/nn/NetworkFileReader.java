package dev.nabla.nn;

import static dev.nabla.nn.NetworkFileException.Problem.BAD_MAGIC;
import static dev.nabla.nn.NetworkFileException.Problem.CORRUPT_DATA;
import static dev.nabla.nn.NetworkFileException.Problem.CORRUPT_HEADER;
import static dev.nabla.nn.NetworkFileException.Problem.MISMATCH;
import static dev.nabla.nn.NetworkFileException.Problem.TRAILING_DATA;
import static dev.nabla.nn.NetworkFileException.Problem.TRUNCATED;
import static dev.nabla.nn.NetworkFileException.Problem.UNSUPPORTED_VERSION;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;

/** Reads the format documented on {@link NetworkFile}, checking everything before trusting it. */
final class NetworkFileReader {
  private final Path file;
  private final InputStream in;
  private final long length;
  private long position;

  private NetworkFileReader(Path file, InputStream in, long length) {
    this.file = file;
    this.in = in;
    this.length = length;
  }

  static Network read(Path file, int[] expectedSizes, Network like) throws IOException {
    long length = Files.size(file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), NetworkFile.CHUNK)) {
      return new NetworkFileReader(file, in, length).read(expectedSizes, like);
    }
  }

  private Network read(int[] expectedSizes, Network like) throws IOException {
    byte[] magic = bytes((int) Math.min(length, NetworkFile.MAGIC.length), "magic");
    for (int i = 0; i < magic.length; i++) {
      if (magic[i] != NetworkFile.MAGIC[i]) {
        throw fail(BAD_MAGIC, "starts with bytes " + HexFormat.ofDelimiter(" ").formatHex(magic)
            + ", expected \"NABLANET\" (4e 41 42 4c 41 4e 45 54)");
      }
    }
    if (magic.length < NetworkFile.MAGIC.length) {
      throw fail(TRUNCATED, "the file has only " + length + " bytes and ends inside the magic");
    }
    ByteBuffer fixed = ByteBuffer.wrap(bytes(8, "version and layer count"));
    int version = fixed.getInt();
    if (version != NetworkFile.VERSION) {
      throw fail(UNSUPPORTED_VERSION, "the file has version " + Integer.toUnsignedString(version)
          + "; this reader supports version " + NetworkFile.VERSION);
    }
    int layers = fixed.getInt();
    if (layers < 1 || layers > NetworkFile.MAX_LAYERS) {
      throw fail(CORRUPT_HEADER, "layer count " + Integer.toUnsignedString(layers) + " is outside [1, "
          + NetworkFile.MAX_LAYERS + "]");
    }
    int headerLength = NetworkFile.headerLength(layers);
    ByteBuffer rest = ByteBuffer.wrap(bytes(headerLength - 16, "header of " + layers + " layers"));
    int[] sizes = new int[layers + 1];
    for (int i = 0; i <= layers; i++) {
      sizes[i] = rest.getInt();
    }
    byte[] codes = new byte[layers];
    rest.get(codes);
    int storedCrc = rest.getInt();
    CRC32C crc = new CRC32C();
    crc.update(NetworkFile.MAGIC);
    crc.update(fixed.array());
    crc.update(rest.array(), 0, rest.capacity() - 4);
    if ((int) crc.getValue() != storedCrc) {
      throw fail(CORRUPT_HEADER, String.format(Locale.ROOT,
          "header checksum mismatch: stored %08x, computed %08x", storedCrc, (int) crc.getValue()));
    }
    Activation[] activations = new Activation[layers];
    long parameters = 0;
    for (int l = 0; l < layers; l++) {
      int code = codes[l] & 0xff;
      String where = "layer " + (l + 1);
      activations[l] = Activation.fromCode(code).orElseThrow(
          () -> fail(CORRUPT_HEADER, where + " has unknown activation code " + code));
    }
    for (int i = 0; i <= layers; i++) {
      if (sizes[i] < 1 || sizes[i] > NetworkFile.MAX_SIZE) {
        throw fail(CORRUPT_HEADER, "layer size " + Integer.toUnsignedString(sizes[i]) + " at position " + i
            + " is outside [1, " + NetworkFile.MAX_SIZE + "]");
      }
      if (i > 0) {
        long weights = (long) sizes[i] * sizes[i - 1];
        if (weights > Integer.MAX_VALUE - 8) {
          throw fail(CORRUPT_HEADER, "layer " + i + " would have " + weights + " weights, more than an array holds");
        }
        parameters += weights + sizes[i];
      }
    }
    long expectedLength = headerLength + 8 * parameters + 4;
    if (length < expectedLength) {
      throw fail(TRUNCATED, "the header describes " + NetworkFile.describe(sizes, activations) + " ("
          + expectedLength + " bytes) but the file has only " + length + " bytes");
    }
    if (length > expectedLength) {
      throw fail(TRAILING_DATA, "the header describes " + NetworkFile.describe(sizes, activations) + " ("
          + expectedLength + " bytes) but the file has " + length + " bytes");
    }
    checkExpected(sizes, activations, expectedSizes, like);
    return readParameters(sizes, activations, like);
  }

  private void checkExpected(int[] sizes, Activation[] activations, int[] expectedSizes, Network like)
      throws NetworkFileException {
    if (expectedSizes != null && !Arrays.equals(sizes, expectedSizes)) {
      throw fail(MISMATCH, "the file holds a network of sizes " + Arrays.toString(sizes) + " but sizes "
          + Arrays.toString(expectedSizes) + " were expected");
    }
    if (like != null) {
      Activation[] expected = like.layers().stream().map(Dense::activation).toArray(Activation[]::new);
      if (!Arrays.equals(activations, expected)) {
        throw fail(MISMATCH, "the file holds a network with activations " + Arrays.toString(activations)
            + " but " + Arrays.toString(expected) + " were expected");
      }
    }
  }

  private Network readParameters(int[] sizes, Activation[] activations, Network like) throws IOException {
    List<Dense> layers = new ArrayList<>();
    for (int l = 1; l < sizes.length; l++) {
      layers.add(like != null ? like.layers().get(l - 1) : Dense.of(l, sizes[l - 1], sizes[l], activations[l - 1]));
    }
    LinkedHashMap<Variable, Tensor> values = new LinkedHashMap<>();
    CRC32C crc = new CRC32C();
    byte[] chunk = new byte[NetworkFile.CHUNK];
    for (Dense layer : layers) {
      for (Variable v : List.of(layer.weights(), layer.biases())) {
        double[] data = new double[v.shape().size()];
        int done = 0;
        while (done < data.length) {
          int count = Math.min(data.length - done, chunk.length / 8);
          readFully(chunk, count * 8, "parameter '" + v.name() + "'");
          crc.update(chunk, 0, count * 8);
          ByteBuffer.wrap(chunk, 0, count * 8).asDoubleBuffer().get(data, done, count);
          done += count;
        }
        values.put(v, Tensor.wrap(Shape.of(v.shape().dims()), data));
      }
    }
    int stored = ByteBuffer.wrap(bytes(4, "data checksum")).getInt();
    if (stored != (int) crc.getValue()) {
      throw fail(CORRUPT_DATA, String.format(Locale.ROOT,
          "checksum of the weights and biases does not match: stored %08x, computed %08x", stored, (int) crc.getValue()));
    }
    for (var e : values.entrySet()) {
      if (!e.getValue().isFinite()) {
        throw fail(CORRUPT_DATA, "parameter '" + e.getKey().name() + "' holds NaN or infinite values");
      }
    }
    return like != null ? like.withParameters(values) : Network.of(layers, values);
  }

  private byte[] bytes(int n, String what) throws IOException {
    byte[] b = new byte[n];
    readFully(b, n, what);
    return b;
  }

  private void readFully(byte[] into, int n, String what) throws IOException {
    int read = in.readNBytes(into, 0, n);
    position += read;
    if (read < n) {
      throw fail(TRUNCATED, "the file ends after " + position + " bytes, inside the " + what);
    }
  }

  private NetworkFileException fail(NetworkFileException.Problem problem, String details) {
    return new NetworkFileException(file, problem, details);
  }
}
