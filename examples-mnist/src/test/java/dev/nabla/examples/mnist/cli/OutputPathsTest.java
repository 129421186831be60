package dev.nabla.examples.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model or report path that cannot be written fails before the first epoch, naming the path and the reason. */
class OutputPathsTest {

  private static void assertFailsBeforeTraining(Cli.Result r, String message) {
    assertEquals(1, r.status(), r.both());
    assertEquals("mnist train: " + message, r.err().strip(), r.both());
    assertFalse(r.out().contains("Epoch"), "no epoch may run:\n" + r.both());
  }

  @Test
  void aModelFileInAMissingDirectory(@TempDir Path dir) {
    Path model = dir.resolve("missing").resolve("m.nabla");
    assertFailsBeforeTraining(Cli.run("train", "--data", Cli.subset().toString(), "--limit", "100", "--model-out", model.toString(),
        "--report-dir", dir.resolve("r").toString()),
        "--model-out " + model + ": directory " + dir.resolve("missing") + " does not exist");
  }

  @Test
  void aModelFileThatIsADirectory(@TempDir Path dir) {
    assertFailsBeforeTraining(Cli.run("train", "--data", Cli.subset().toString(), "--limit", "100", "--model-out", dir.toString(),
        "--report-dir", dir.resolve("r").toString()),
        "--model-out " + dir + " is a directory; give a file name, e.g. " + dir.resolve("mnist-model.nabla"));
  }

  @Test
  void aModelFileInADirectoryThatCannotBeWritten(@TempDir Path dir) {
    // sysfs refuses new files even to root, for whom permission bits on a temporary directory would not
    Path sys = Path.of("/sys");
    assumeTrue(Files.isDirectory(sys) && !Files.exists(sys.resolve("m.nabla")), "needs Linux's /sys");
    Cli.Result r = Cli.run("train", "--data", Cli.subset().toString(), "--limit", "100", "--model-out", sys.resolve("m.nabla").toString(),
        "--report-dir", dir.resolve("r").toString());
    assertFailsBeforeTraining(r, "--model-out /sys/m.nabla: directory /sys is not writable (permission denied)");
  }

  @Test
  void aReportDirectoryThatIsAFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("report"), "not a directory");
    assertFailsBeforeTraining(Cli.run("train", "--data", Cli.subset().toString(), "--limit", "100", "--model-out",
        dir.resolve("m.nabla").toString(), "--report-dir", file.toString()), "--report-dir " + file + " is a file, not a directory");
  }

  @Test
  void aReportDirectoryUnderAFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    Path report = file.resolve("report");
    Cli.Result r = Cli.run("train", "--data", Cli.subset().toString(), "--limit", "100", "--model-out",
        dir.resolve("m.nabla").toString(), "--report-dir", report.toString());
    assertEquals(1, r.status(), r.both());
    assertFalse(r.out().contains("Epoch"), r.both());
    assertEquals("mnist train: --report-dir " + report + ": " + file + " is a file, not a directory", r.err().strip(), r.both());
  }
}
