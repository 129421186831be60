package dev.nabla.examples.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.examples.mnist.MnistModel;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mnist train --spark local[2]} on the committed subset: the local run's lines, model and failures. */
class SparkTrainCommandTest {
  /** Java 24+ warns that java.base has no package sun.security.action, an option Spark's launcher passes too. */
  private static final String JAVA_24_WARNING = "WARNING: package sun.security.action not in java.base";
  /** The JVM's own line for --add-modules jdk.incubator.vector, which ./mnist passes for the vector kernels. */
  private static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";
  private static final Pattern EPOCH = Pattern.compile(
      "Epoch (\\d+)/3: validation (\\d+) / 500 \\(\\d+\\.\\d\\d%\\)  test \\d+\\.\\d\\d%  cost \\d\\.\\d{4}  \\d+\\.\\d\\d s(  \\(best so far\\))?");

  @Test
  void trainingOnSparkPrintsTheLocalRunsLinesSavesTheBestModelAndRepeatsExactly(@TempDir Path dir) throws Exception {
    String[] options = {"--epochs", "3", "--init", "scaled", "--momentum", "0.5", "--weight-decay", "0.0001", "--eta-decay",
        "0.5", "--eta-decay-every", "2", "--spark", "local[2]"};
    Cli.Result first = Cli.trainOnSubset(dir, options);
    assertEquals(0, first.status(), first.both());
    assertTrue(first.out().startsWith("Training Network[784, 30, 10] (sigmoid, sigmoid; 23,860 parameters) on 500 images "
        + "(validation: 500, test: 500): quadratic cost, batch 10, η = 3.0 (× 0.5 every 2 epochs), momentum 0.5, weight decay "
        + "λ = 1.0E-4, 3 epochs, on Spark local[2] (Bernoulli batches)\n"), first.out());
    List<String> epochs = first.epochLines();
    assertEquals(3, epochs.size(), first.out());
    int best = 0;
    for (String line : first.out().lines().filter(l -> l.startsWith("Epoch ")).toList()) {
      Matcher m = EPOCH.matcher(line);
      assertTrue(m.matches(), "not the local run's epoch line: " + line);
      best = Math.max(best, Integer.parseInt(m.group(2)));
    }
    assertTrue(best > 300, "chance is 10%; best validation " + best + " / 500\n" + first.out());
    assertTrue(first.out().contains("Best validation accuracy " + Format.percent(best / 500.0) + " at epoch "), first.out());
    assertTrue(first.out().contains("Trained 3 epochs in "), first.out());
    assertEquals(784, MnistModel.load(dir.resolve("model.nabla")).sizes()[0]);

    Cli.Result again = Cli.trainOnSubset(dir, options);
    assertEquals(0, again.status(), again.both());
    assertEquals(epochs, again.epochLines(), "the same seed and master give the same run");
  }

  @Test
  void divergenceOnSparkIsReportedAsLocallyWithTheBestModelSoFar(@TempDir Path dir) {
    Cli.Result r = Cli.trainOnSubset(dir, "--epochs", "5", "--eta", "1e30", "--spark", "local[2]");
    assertEquals(1, r.status(), r.both());
    assertTrue(r.err().contains("mnist train: mini-batch gradient descent on Spark diverged at epoch "), r.err());
    assertTrue(r.err().contains("Try a smaller learning rate than η = 1.0E30.\n"), r.err());
    assertTrue(r.err().contains("mnist train: the best model so far (epoch 1, "), r.err());
  }

  @Test
  void onlyLocalMastersAreTakenAndThreadsAreLeftToTheMaster() {
    Cli.Result cluster = Cli.run("train", "--spark", "spark://host:7077");
    assertEquals(2, cluster.status(), cluster.both());
    assertTrue(cluster.err().startsWith("mnist train: --spark takes a local master: local, local[N], local[*] or local[N,F] "
        + "(N threads, F attempts per task), got 'spark://host:7077'; on a cluster, use nabla-spark's SparkGradientDescent "
        + "through spark-submit\n"), cluster.err());
    Cli.Result threads = Cli.run("train", "--spark", "local[2]", "--threads", "2");
    assertEquals(2, threads.status(), threads.both());
    assertTrue(threads.err().startsWith("mnist train: --threads splits batches over this process's threads; with --spark"),
        threads.err());
  }

  @Test
  void sparkPrintsNothingOfItsOwnInARunOfTheCommand(@TempDir Path dir) throws Exception {
    // a child JVM started as ./mnist starts it: Spark's log lines go to the process's stderr, not to the CLI's writers
    Process p = sparkChild(dir, "--limit", "200", "--epochs", "1", "--spark", "local[1]");
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), log);
    assertEquals(0, p.exitValue(), log);
    List<String> spark = log.lines().filter(l -> !l.startsWith("Training ") && !l.startsWith("Epoch ") && !l.startsWith("Best ")
        && !l.startsWith("Trained ") && !l.startsWith("mnist train: warning: after epoch 1") && !JAVA_24_WARNING.equals(l)
        && !INCUBATOR_WARNING.equals(l)).toList();
    assertEquals(List.of(), spark, "lines that are not the command's own:\n" + log);
  }

  @Test
  void stoppingASparkRunSaysWhereTheBestModelIsAndNothingMore(@TempDir Path dir) throws Exception {
    // Spark's own shutdown hook stops it mid-job: neither its failed tasks nor the failed job may be reported
    Process p = sparkChild(dir, "--limit", "500", "--epochs", "100000", "--spark", "local[2]");
    StringBuffer log = new StringBuffer();
    Thread reader = new Thread(() -> {
      try (var in = p.getInputStream()) {
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) > 0; ) {
          log.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      } catch (java.io.IOException closed) {
        // the child is gone
      }
    }, "child-output");
    reader.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!log.toString().contains("Epoch 2/") && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(log.toString().contains("Epoch 2/"), "two epochs within 90 s:\n" + log);
      p.toHandle().destroy(); // SIGTERM
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child did not stop within 60 s of SIGTERM:\n" + log);
      reader.join(10_000);
    } finally {
      p.destroyForcibly();
    }
    assertEquals(143, p.exitValue(), log.toString());
    String after = log.substring(log.indexOf("mnist train: interrupted during epoch "));
    assertTrue(after.startsWith("mnist train: interrupted during epoch "), log.toString());
    assertTrue(after.contains("; the best model so far (epoch "), log.toString());
    assertEquals(1, after.lines().filter(l -> !JAVA_24_WARNING.equals(l) && !INCUBATOR_WARNING.equals(l)).count(),
        "lines after the interrupt:\n" + log);
  }

  /**
   * {@code mnist train} on the subset with {@code more}, in a child JVM with the options ./mnist gives it
   * (the Vector API module, Spark's), stdout and stderr merged.
   */
  private static Process sparkChild(Path dir, String... more) throws java.io.IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path options = Path.of(System.getProperty("user.dir")).resolveSibling("nabla-spark").resolve("spark-java-options");
    List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "--add-modules", "jdk.incubator.vector",
        "@" + options, "-cp",
        System.getProperty("java.class.path"), MnistCli.class.getName(), "train", "--data", Cli.subset().toString(),
        "--init", "scaled", "--model-out", dir.resolve("m.nabla").toString(), "--report-dir", dir.resolve("report").toString()));
    command.addAll(List.of(more));
    ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true);
    child.environment().put("SPARK_LOCAL_IP", "127.0.0.1"); // as ./mnist sets it
    return child.start();
  }

  @Test
  void withoutSparkOnTheClassPathTheCommandSaysWhatIsMissing(@TempDir Path dir) throws Exception {
    // the class path of a run started without ./mnist's lib-spark: no nabla-spark, no Spark
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.contains("nabla-spark") && !e.contains(File.separator + "spark" + File.separator)
            && !e.contains("spark-"))
        .collect(Collectors.joining(File.pathSeparator));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-cp", classPath, MnistCli.class.getName(), "train", "--data",
        Cli.subset().toString(), "--limit", "100", "--epochs", "1", "--spark", "local[2]", "--model-out",
        dir.resolve("m.nabla").toString(), "--report-dir", dir.resolve("report").toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), log);
    assertEquals(1, p.exitValue(), log);
    assertTrue(log.contains("mnist train: --spark needs nabla-spark and Spark on the class path (dev.nabla.spark."), log);
    assertTrue(log.contains("; ./mnist adds them from examples-mnist/target/lib-spark\n"), log);
  }
}
