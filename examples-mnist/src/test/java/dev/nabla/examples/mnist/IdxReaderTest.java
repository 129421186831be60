package dev.nabla.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  private static final IdxReader READER = IdxReader.create();
  private static final IdxArray IMAGES = IdxArray.of("images", new int[] {2, 3, 4},
      new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, (byte) 254, (byte) 255});

  @TempDir Path dir;

  @Test
  void rawAndGzipFilesOnDiskReadBackEqual() throws IOException {
    IdxWriter.write(IMAGES, dir.resolve("images-idx3-ubyte"));
    IdxWriter.write(IMAGES, dir.resolve("images-idx3-ubyte.gz"));
    assertEquals(IMAGES, READER.read(dir.resolve("images-idx3-ubyte"), 3));
    assertEquals(IMAGES, READER.read(dir.resolve("images-idx3-ubyte.gz"), 3));
    assertEquals(4 + 3 * 4 + 24, Files.size(dir.resolve("images-idx3-ubyte")));
  }

  @Test
  void gzipIsRecognisedByItsMagicNumberNotTheFileName() throws IOException {
    Path file = dir.resolve("no-suffix");
    Files.write(file, IdxWriter.toGzipBytes(IMAGES));
    assertEquals(IMAGES, READER.read(file, 3));
  }

  @Test
  void readValuesAreUnsignedBytes() {
    IdxArray read = READER.read("images", IdxWriter.toBytes(IMAGES), 3);
    assertEquals(255, read.unsigned(23));
    assertEquals(254, read.unsigned(22));
    assertEquals(2, read.count());
    assertEquals(12, read.recordSize());
  }

  @Test
  void aShortFileIsRejectedWithTheClaimedAndActualSizes() throws IOException {
    Path file = dir.resolve("train-images-idx3-ubyte");
    ByteBuffer content = ByteBuffer.allocate(16 + 1234);
    content.putInt(0x0000_0803).putInt(60_000).putInt(28).putInt(28);
    Files.write(file, content.array());
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> READER.read(file, 3));
    assertEquals(file + ": header claims 60000 × 28 × 28 = 47040000 bytes of data but the file has 1234 after the header",
        e.getMessage());
    assertEquals(file.toString(), e.file());
  }

  @Test
  void anUnsupportedElementTypeIsNamed() {
    byte[] content = IdxWriter.toBytes(IMAGES);
    content[2] = 0x0D;
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> READER.read("floats", content, 3));
    assertEquals("floats: element type 0x0d (float) is not supported; only unsigned bytes (0x08) are", e.getMessage());
  }

  @Test
  void aWrongNumberOfDimensionsIsRejected() {
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> READER.read("labels", IdxWriter.toBytes(IMAGES), 1));
    assertEquals("labels: has 3 dimensions, expected 1", e.getMessage());
  }

  @Test
  void aClaimAboveTheLimitInAGzipFileIsRejectedBeforeDecompressing() {
    byte[] header = ByteBuffer.allocate(16).putInt(0x0000_0803).putInt(2_000_000).putInt(28).putInt(28).array();
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> READER.read("bomb.gz", IdxSamples.gzip(header), 3));
    assertEquals("bomb.gz: header claims 2000000 × 28 × 28 = 1568000000 bytes of data, more than this reader's"
        + " limit of 134217728 (see IdxReader.withMaxDataBytes)", e.getMessage());
  }

  @Test
  void aShortGzipFileSaysHowMuchDataItHeld() {
    byte[] content = ByteBuffer.allocate(16 + 10).putInt(0x0000_0803).putInt(100_000).putInt(28).putInt(28).array();
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> READER.read("short.gz", IdxSamples.gzip(content), 3));
    assertEquals("short.gz: header claims 100000 × 28 × 28 = 78400000 bytes of data but the decompressed file"
        + " has 10 after the header", e.getMessage());
  }

  @Test
  void theDataLimitCanBeLowered() {
    byte[] content = IdxWriter.toGzipBytes(IMAGES);
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> READER.withMaxDataBytes(23).read("images", content, 3));
    assertEquals("images: header claims 2 × 3 × 4 = 24 bytes of data, more than this reader's limit of 23"
        + " (see IdxReader.withMaxDataBytes)", e.getMessage());
    assertEquals(IMAGES, READER.withMaxDataBytes(24).read("images", content, 3));
  }

  @Test
  void aDamagedGzipStreamIsAFormatError() {
    byte[] content = IdxWriter.toGzipBytes(IMAGES);
    content[content.length - 5] ^= 1; // the CRC-32 in the trailer
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> READER.read("images.gz", content, 3));
    assertTrue(e.getMessage().startsWith("images.gz: damaged gzip stream"), e.getMessage());
  }

  @Test
  void aMissingFileIsAnIoErrorNotAFormatError() {
    assertThrows(NoSuchFileException.class, () -> READER.read(dir.resolve("absent"), 3));
  }
}
