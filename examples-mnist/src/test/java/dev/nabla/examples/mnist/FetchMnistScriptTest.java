package dev.nabla.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/fetch-mnist --quiet}, which {@code ./mnist} runs every time, prints nothing when the four
 * files are already there and valid (it used to print "nothing to do" on every run). Needs the fetched
 * data, linked into a temporary directory.
 */
class FetchMnistScriptTest {
  private static final Path FETCHED = Path.of("..").resolve(MnistFiles.DEFAULT_DIRECTORY).toAbsolutePath().normalize();

  @Test
  void quietPrintsNothingWhenTheFilesAreAlreadyThere(@TempDir Path dir) throws IOException, InterruptedException {
    assumeTrue(Files.isRegularFile(FETCHED.resolve(MnistFiles.TRAIN_IMAGES)), "MNIST not fetched; run scripts/fetch-mnist");
    for (String name : new String[] {MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS, MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS}) {
      Files.createSymbolicLink(dir.resolve(name), FETCHED.resolve(name));
    }
    Process p = new ProcessBuilder("bash", Path.of("..", "scripts", "fetch-mnist").toString(), "--quiet", dir.toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), output);
    assertEquals("", output);
  }
}
