package dev.nabla.autodiff.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file written atomically holds all of the new contents, or, when writing fails, the old ones. */
class AtomicWriteTest {

  @Test
  void theFileHoldsTheNewContentsAndNoTemporaryFileIsLeft(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("results.txt");
    Files.writeString(file, "old");
    byte[] big = new byte[200_000]; // more than the 64 KB buffer
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) i;
    }
    AtomicWrite.write(file, out -> {
      out.write("new ".getBytes(StandardCharsets.UTF_8));
      out.write(big);
    });

    byte[] written = Files.readAllBytes(file);
    assertEquals(4 + big.length, written.length);
    assertEquals("new ", new String(written, 0, 4, StandardCharsets.UTF_8));
    assertEquals(List.of("results.txt"), names(dir));
  }

  @Test
  void aWriterThatFailsHalfwayLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("model.bin");
    Files.write(file, new byte[] {1, 2, 3});
    IOException failure = new IOException("disk full");

    IOException e = assertThrows(IOException.class, () -> AtomicWrite.write(file, out -> {
      out.write(new byte[100_000]);
      throw failure;
    }));
    assertSame(failure, e);
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
    assertEquals(List.of("model.bin"), names(dir));
  }

  @Test
  void bytesAreWrittenAsGiven(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("a.graph");
    AtomicWrite.write(file, "nabla-graph 1\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("nabla-graph 1\n", Files.readString(file));
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
