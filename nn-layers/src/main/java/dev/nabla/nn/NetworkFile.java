package dev.nabla.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.io.AtomicWrite;
import dev.nabla.autodiff.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Saves and loads networks in the Nabla network format, version 1. All integers are unsigned 32-bit
 * big-endian; all parameters are IEEE 754 binary64, big-endian, so a round trip is bit-exact.
 *
 * <pre>
 * offset        size      field
 * 0             8         magic: the ASCII bytes "NABLANET"
 * 8             4         format version: 1
 * 12            4         L, the number of layers, 1 ≤ L ≤ 1024
 * 16            4·(L+1)   layer sizes n₀ (inputs) … n_L (outputs), each 1 ≤ n ≤ 2²⁴
 * 20+4L         L         activation code of each layer ({@link Activation#code()})
 * 20+5L         4         CRC-32C of bytes [0, 20+5L): the header checksum
 * 24+5L         8·P       for l = 1 … L: W_l [n_l × n_(l−1)] row-major, then b_l [n_l]
 * 24+5L+8P      4         CRC-32C of the 8·P parameter bytes: the data checksum
 * </pre>
 *
 * <p>{@code P = Σ_l (n_l·n_(l−1) + n_l)}, so the file is exactly {@code 28 + 5L + 8P} bytes long. A
 * reader checks, in order: the magic, the version, the layer count, the header checksum, the sizes and
 * codes, the file length against the header (before allocating anything the header claims), the
 * caller's expected architecture, then the data checksum. Each failure is a
 * {@link NetworkFileException} whose {@link NetworkFileException#problem() problem} says which.
 *
 * <p>{@link #save} writes to a temporary file in the target's directory, forces it to disk and then
 * renames it over the target atomically ({@link AtomicWrite}), so a crash or error never leaves a
 * half-written file under the target's name (the temporary file, {@code .<name>.<uuid>.tmp}, is deleted
 * on failure).
 *
 * <pre>{@code
 * NetworkFile.save(net, Path.of("mnist.nabla"));
 * Network again = NetworkFile.load(Path.of("mnist.nabla"), 784, 30, 10);   // checks the sizes
 * Network same = NetworkFile.load(Path.of("mnist.nabla"), net);            // net's own variables
 * }</pre>
 */
public final class NetworkFile {
  /** The first eight bytes of every file: {@code NABLANET}. */
  static final byte[] MAGIC = "NABLANET".getBytes(StandardCharsets.US_ASCII);
  /** The format version this class writes and reads. */
  public static final int VERSION = 1;
  static final int MAX_LAYERS = 1024;
  static final int MAX_SIZE = 1 << 24;
  static final int CHUNK = 1 << 16;

  private NetworkFile() {}

  /**
   * Writes {@code network} to {@code file} atomically, replacing any existing file.
   *
   * <pre>{@code
   * NetworkFile.save(trained, Path.of("models", "mnist.nabla"));
   * }</pre>
   *
   * @throws IllegalArgumentException when a parameter is NaN or infinite (nothing is written)
   * @throws IOException when writing or renaming fails (the target is then unchanged)
   */
  public static void save(Network network, Path file) throws IOException {
    checkNotNull(network, "save: network");
    checkNotNull(file, "save: file");
    for (Map.Entry<Variable, Tensor> e : network.parameters().asMap().entrySet()) {
      checkArgument(e.getValue().isFinite(), "save: parameter '%s' %s holds NaN or infinite values; refusing to save %s",
          e.getKey().name(), e.getValue().shape(), network);
    }
    AtomicWrite.write(file, out -> write(network, out));
  }

  private static void write(Network network, OutputStream out) throws IOException {
    int[] sizes = network.sizes();
    List<Dense> layers = network.layers();
    ByteBuffer header = ByteBuffer.allocate(headerLength(layers.size()));
    header.put(MAGIC).putInt(VERSION).putInt(layers.size());
    for (int n : sizes) {
      header.putInt(n);
    }
    for (Dense l : layers) {
      header.put((byte) l.activation().code());
    }
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, header.position());
    header.putInt((int) crc.getValue());
    out.write(header.array());

    crc.reset();
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    for (Dense l : layers) {
      for (Variable v : List.of(l.weights(), l.biases())) {
        for (double d : network.parameters().get(v).rawData()) {
          if (!chunk.hasRemaining()) {
            flush(chunk, crc, out);
          }
          chunk.putDouble(d);
        }
      }
    }
    flush(chunk, crc, out);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static void flush(ByteBuffer chunk, CRC32C crc, OutputStream out) throws IOException {
    crc.update(chunk.array(), 0, chunk.position());
    out.write(chunk.array(), 0, chunk.position());
    chunk.clear();
  }

  /** The header's length including its checksum, for {@code layers} layers. */
  static int headerLength(int layers) {
    return 8 + 4 + 4 + 4 * (layers + 1) + layers + 4;
  }

  /**
   * Reads a network, with fresh variables {@code w1, b1, …}.
   *
   * <pre>{@code
   * Network net = NetworkFile.load(Path.of("mnist.nabla"));
   * }</pre>
   *
   * @throws NetworkFileException when the file is truncated, corrupted, or of another format or version
   */
  public static Network load(Path file) throws IOException {
    return NetworkFileReader.read(checkNotNull(file, "load: file"), null, null);
  }

  /**
   * Reads a network and checks that its layer sizes are {@code expectedSizes}.
   *
   * <pre>{@code
   * Network net = NetworkFile.load(path, 784, 30, 10);
   * }</pre>
   *
   * @throws NetworkFileException with problem {@code MISMATCH} when the sizes differ, or as {@link #load(Path)}
   */
  public static Network load(Path file, int... expectedSizes) throws IOException {
    checkNotNull(expectedSizes, "load: expected sizes");
    return NetworkFileReader.read(checkNotNull(file, "load: file"), expectedSizes.clone(), null);
  }

  /**
   * Reads parameter values into a network of the same architecture (sizes and activations), keeping
   * {@code like}'s variables, so expressions already built from {@code like} evaluate with the loaded
   * values.
   *
   * <pre>{@code
   * Network restored = NetworkFile.load(path, net);   // restored.variables() == net.variables()
   * }</pre>
   *
   * @throws NetworkFileException with problem {@code MISMATCH} when sizes or activations differ
   */
  public static Network load(Path file, Network like) throws IOException {
    checkNotNull(like, "load: network to match");
    return NetworkFileReader.read(checkNotNull(file, "load: file"), like.sizes(), like);
  }

  static String describe(int[] sizes, Activation[] activations) {
    return Arrays.toString(sizes) + " " + Arrays.toString(activations);
  }
}
