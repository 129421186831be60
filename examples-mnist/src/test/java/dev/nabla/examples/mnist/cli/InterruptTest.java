package dev.nabla.examples.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.examples.mnist.MnistModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT, sent with {@code kill -INT}) during training keeps the best model so far, says where it
 * is, and leaves no temporary file: run in a child JVM, because the shutdown hook is what is tested.
 */
class InterruptTest {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void killingATrainingRunKeepsTheBestModelSoFarAndSaysWhereItIs(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("model.nabla");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
        MnistCli.class.getName(), "train", "--data", Cli.subset().toString(), "--limit", "500", "--epochs", "100000",
        "--init", "scaled", "--model-out", model.toString(), "--report-dir", dir.resolve("report").toString())
        .redirectErrorStream(true).start();
    StringBuilder log = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        log.append(line).append('\n');
        if (line.startsWith("Epoch 3/")) {
          new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor(); // Ctrl-C
        }
      }
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), log.toString());
    assertEquals(130, p.exitValue(), log.toString()); // 128 + SIGINT
    assertTrue(log.toString().contains("mnist train: interrupted during epoch "), log.toString());
    assertTrue(log.toString().contains("; the best model so far (epoch "), log.toString());
    assertTrue(log.toString().contains(") is in " + model), log.toString());
    assertEquals(List.of(model.getFileName().toString(), "report"), names(dir), "no temporary files:\n" + log);
    assertEquals(784, MnistModel.load(model).sizes()[0], "the kept model loads");
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
