package dev.nabla.examples.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nabla.examples.mnist.MnistModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a training run from outside (SIGTERM here; Ctrl-C's SIGINT runs the same shutdown hook) keeps
 * the best model so far, says where it is, and leaves no temporary file. It runs in a child JVM, because
 * the shutdown hook is what is tested. SIGTERM rather than SIGINT: a shell starts background jobs with
 * SIGINT ignored, and the child would inherit that.
 */
class InterruptTest {

  @Test
  void stoppingATrainingRunKeepsTheBestModelSoFarAndSaysWhereItIs(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("model.nabla");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
        MnistCli.class.getName(), "train", "--data", Cli.subset().toString(), "--limit", "500", "--epochs", "100000",
        "--init", "scaled", "--model-out", model.toString(), "--report-dir", dir.resolve("report").toString())
        .redirectErrorStream(true).start();
    StringBuffer log = new StringBuffer();
    Thread reader = new Thread(() -> copy(p.getInputStream(), log), "child-output");
    reader.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!log.toString().contains("Epoch 3/") && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(log.toString().contains("Epoch 3/"), "three epochs within 90 s:\n" + log);
      p.toHandle().destroy(); // SIGTERM, leaving the output stream open for the hook's message
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        fail("the child did not stop within 60 s of SIGTERM:\n" + log);
      }
      reader.join(10_000);
    } finally {
      p.destroyForcibly();
    }
    assertEquals(143, p.exitValue(), log.toString()); // 128 + SIGTERM
    assertTrue(log.toString().contains("mnist train: interrupted during epoch "), log.toString());
    assertTrue(log.toString().contains("; the best model so far (epoch "), log.toString());
    assertTrue(log.toString().contains(") is in " + model), log.toString());
    assertEquals(List.of(model.getFileName().toString(), "report"), names(dir), "no temporary files:\n" + log);
    assertEquals(784, MnistModel.load(model).sizes()[0], "the kept model loads");
  }

  private static void copy(InputStream in, StringBuffer into) {
    byte[] buffer = new byte[4096];
    try (in) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException closed) {
      // the child is gone
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
