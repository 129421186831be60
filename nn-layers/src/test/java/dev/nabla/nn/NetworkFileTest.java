package dev.nabla.nn;

import static dev.nabla.nn.NetworkFileException.Problem.BAD_MAGIC;
import static dev.nabla.nn.NetworkFileException.Problem.CORRUPT_DATA;
import static dev.nabla.nn.NetworkFileException.Problem.CORRUPT_HEADER;
import static dev.nabla.nn.NetworkFileException.Problem.MISMATCH;
import static dev.nabla.nn.NetworkFileException.Problem.TRAILING_DATA;
import static dev.nabla.nn.NetworkFileException.Problem.TRUNCATED;
import static dev.nabla.nn.NetworkFileException.Problem.UNSUPPORTED_VERSION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkFileTest {
  @TempDir
  Path dir;

  private final Network net = Network.builder(3, 2, 2).hidden(Activation.TANH).output(Activation.SOFTMAX).seed(4).build();

  private Path saved() throws IOException {
    Path file = dir.resolve("net.nabla");
    net.save(file);
    return file;
  }

  private NetworkFileException rejected(byte[] content) throws IOException {
    Path file = dir.resolve("bad.nabla");
    Files.write(file, content);
    return assertThrows(NetworkFileException.class, () -> NetworkFile.load(file));
  }

  @Test
  void saveThenLoadRestoresEveryParameterBitForBit() throws IOException {
    Path file = saved();
    Network loaded = Network.load(file);
    assertArrayEquals(net.sizes(), loaded.sizes());
    assertEquals(net.layers().stream().map(Dense::activation).toList(),
        loaded.layers().stream().map(Dense::activation).toList());
    for (int i = 0; i < net.variables().size(); i++) {
      assertEquals(net.variables().get(i).name(), loaded.variables().get(i).name());
      double[] a = net.parameters().get(net.variables().get(i)).toArray();
      double[] b = loaded.parameters().get(loaded.variables().get(i)).toArray();
      for (int k = 0; k < a.length; k++) {
        assertEquals(Double.doubleToRawLongBits(a[k]), Double.doubleToRawLongBits(b[k]));
      }
    }
    Path again = dir.resolve("again.nabla");
    loaded.save(again);
    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
  }

  @Test
  void theFileFollowsTheDocumentedLayout() throws IOException {
    byte[] bytes = Files.readAllBytes(saved());
    int layers = 2;
    long p = net.parameters().count();
    assertEquals(28 + 5 * layers + 8 * p, bytes.length);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte[] magic = new byte[8];
    b.get(magic);
    assertEquals("NABLANET", new String(magic, StandardCharsets.US_ASCII));
    assertEquals(1, b.getInt());
    assertEquals(layers, b.getInt());
    assertArrayEquals(new int[] {3, 2, 2}, new int[] {b.getInt(), b.getInt(), b.getInt()});
    assertEquals(Activation.TANH.code(), b.get());
    assertEquals(Activation.SOFTMAX.code(), b.get());
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, b.position());
    assertEquals((int) crc.getValue(), b.getInt());
    Tensor w1 = net.parameters().get(net.variables().get(0));
    assertEquals(Double.doubleToRawLongBits(w1.get(0, 0)), b.getLong());
  }

  @Test
  void loadingIntoANetworkKeepsThatNetworksVariables() throws IOException {
    Network other = Network.builder(3, 2, 2).hidden(Activation.TANH).output(Activation.SOFTMAX).seed(99).build();
    Network restored = NetworkFile.load(saved(), other);
    assertEquals(other.variables(), restored.variables());
    assertSame(other.output(), restored.output());
    for (int i = 0; i < net.variables().size(); i++) {
      assertEquals(net.parameters().get(net.variables().get(i)), restored.parameters().get(restored.variables().get(i)));
    }
  }

  @Test
  void everyTruncationIsRejectedAsTruncated() throws IOException {
    byte[] bytes = Files.readAllBytes(saved());
    for (int length = 0; length < bytes.length; length++) {
      NetworkFileException e = rejected(Arrays.copyOf(bytes, length));
      assertEquals(TRUNCATED, e.problem(), "length " + length + ": " + e.getMessage());
    }
  }

  @Test
  void everyFlippedByteIsRejectedWithTheProblemOfItsRegion() throws IOException {
    byte[] bytes = Files.readAllBytes(saved());
    int headerEnd = NetworkFile.headerLength(2);
    for (int i = 0; i < bytes.length; i++) {
      byte[] copy = bytes.clone();
      copy[i] ^= (byte) 0xff;
      NetworkFileException e = rejected(copy);
      Set<NetworkFileException.Problem> expected =
          i < 8 ? Set.of(BAD_MAGIC)
          : i < 12 ? Set.of(UNSUPPORTED_VERSION)
          : i < 16 ? Set.of(CORRUPT_HEADER, TRUNCATED) // a layer count the file is too short for
          : i < headerEnd ? Set.of(CORRUPT_HEADER)
          : Set.of(CORRUPT_DATA);
      assertTrue(expected.contains(e.problem()), "byte " + i + ": " + e.getMessage());
    }
  }

  @Test
  void aFlippedParameterByteIsReportedAsAChecksumMismatchNamingTheFile() throws IOException {
    byte[] bytes = Files.readAllBytes(saved());
    bytes[NetworkFile.headerLength(2) + 5] ^= 0x10;
    NetworkFileException e = rejected(bytes);
    assertEquals(CORRUPT_DATA, e.problem());
    assertTrue(e.getMessage().startsWith(dir.resolve("bad.nabla") + ": corrupted data — checksum of the weights and biases"),
        e.getMessage());
  }

  @Test
  void aFileWithAnotherMagicIsRejectedAsNotANetworkFile() throws IOException {
    NetworkFileException e = rejected("P5\n28 28\n255\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(BAD_MAGIC, e.problem());
    assertTrue(e.getMessage().contains("not a Nabla network file — starts with bytes 50 35 0a 32"), e.getMessage());
  }

  @Test
  void anUnsupportedVersionIsRejectedNamingBothVersions() throws IOException {
    byte[] bytes = Files.readAllBytes(saved());
    ByteBuffer.wrap(bytes).putInt(8, 2);
    NetworkFileException e = rejected(bytes);
    assertEquals(UNSUPPORTED_VERSION, e.problem());
    assertTrue(e.getMessage().endsWith("the file has version 2; this reader supports version 1"), e.getMessage());
  }

  @Test
  void trailingBytesAreRejected() throws IOException {
    byte[] bytes = Files.readAllBytes(saved());
    assertEquals(TRAILING_DATA, rejected(Arrays.copyOf(bytes, bytes.length + 1)).problem());
  }

  @Test
  void loadingWithOtherExpectedSizesIsRejectedNamingBoth() throws IOException {
    Path file = saved();
    var e = assertThrows(NetworkFileException.class, () -> NetworkFile.load(file, 784, 30, 10));
    assertEquals(MISMATCH, e.problem());
    assertTrue(e.getMessage().endsWith("the file holds a network of sizes [3, 2, 2] but sizes [784, 30, 10] were expected"),
        e.getMessage());
    assertArrayEquals(net.sizes(), NetworkFile.load(file, 3, 2, 2).sizes());
  }

  @Test
  void loadingIntoANetworkWithOtherActivationsIsRejected() throws IOException {
    Path file = saved();
    Network sigmoid = Network.builder(3, 2, 2).build();
    var e = assertThrows(NetworkFileException.class, () -> NetworkFile.load(file, sigmoid));
    assertEquals(MISMATCH, e.problem());
    assertTrue(e.getMessage().contains("[TANH, SOFTMAX] but [SIGMOID, SIGMOID]"), e.getMessage());
    Network bigger = Network.builder(3, 4, 2).hidden(Activation.TANH).output(Activation.SOFTMAX).build();
    assertEquals(MISMATCH, assertThrows(NetworkFileException.class, () -> NetworkFile.load(file, bigger)).problem());
  }

  @Test
  void savingReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = saved();
    Network other = Network.builder(5, 1).seed(8).build();
    other.save(file);
    assertArrayEquals(other.sizes(), Network.load(file).sizes());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void aFailedSaveLeavesNeitherATemporaryFileNorAChangedTarget() throws IOException {
    Path target = dir.resolve("occupied");
    Files.createDirectory(target);
    Files.writeString(target.resolve("keep.txt"), "a non-empty directory cannot be replaced by a file");
    assertThrows(IOException.class, () -> net.save(target));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList());
    }
    assertTrue(Files.isDirectory(target));
  }

  @Test
  void aSavedFileGetsTheSamePermissionsAsAnyNewFileInItsDirectory() throws IOException {
    Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path plain = Files.write(dir.resolve("plain.bin"), new byte[] {1});
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(saved()));
  }

  @Test
  void savingNonFiniteParametersIsRefusedBeforeAnythingIsWritten() {
    LinkedHashMap<Variable, Tensor> values = net.parameters().toMap();
    values.put(net.variables().get(1), Tensor.of(1, Double.NaN));
    Network broken = net.withParameters(values);
    Path file = dir.resolve("nan.nabla");
    var e = assertThrows(IllegalArgumentException.class, () -> broken.save(file));
    assertTrue(e.getMessage().startsWith("save: parameter 'b1' [2] holds NaN or infinite values"), e.getMessage());
    assertFalse(Files.exists(file));
  }

  @Test
  void aMissingFileIsAnIoErrorNamingIt() {
    Path missing = dir.resolve("missing.nabla");
    var e = assertThrows(IOException.class, () -> Network.load(missing));
    assertTrue(e.getMessage().contains("missing.nabla"), e.getMessage());
  }
}
