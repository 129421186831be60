package dev.nabla.examples.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.examples.mnist.MnistFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help, argument errors in one line with status 2, failures of the work with status 1. */
class MnistCliTest {

  @Test
  void helpListsTheSubcommandsAndTheExitStatuses() {
    Cli.Result r = Cli.run("--help");
    assertEquals(0, r.status());
    for (String s : new String[] {"train", "evaluate", "predict", "Exit status:", "  2     invalid options"}) {
      assertTrue(r.out().contains(s), s + " missing from:\n" + r.out());
    }
  }

  @Test
  void trainHelpListsEveryOptionWithItsDefaultAndTheExitStatuses() {
    Cli.Result r = Cli.run("train", "--help");
    assertEquals(0, r.status());
    for (String option : new String[] {"--layers", "--epochs", "--batch-size", "--eta", "--eta-decay", "--eta-decay-every", "--cost",
        "--momentum", "--weight-decay", "--init", "--patience", "--threads", "--seed", "--data", "--limit", "--model-out", "--report-dir",
        "Exit status:", "130"}) {
      assertTrue(r.out().contains(option), option + " missing from:\n" + r.out());
    }
    assertTrue(r.out().contains("default: 784,30,10"), r.out());
    assertTrue(r.out().contains("default: 3.0"), r.out());
  }

  @Test
  void theLayersOptionHasAReadableUsageLine() {
    String help = Cli.run("train", "--help").out();
    assertTrue(help.contains("--layers=N[,N...]"), help);
    assertFalse(help.contains("[,N,N"), help);
  }

  @Test
  void helpHasNoEscapeCodesEvenWhenPicocliIsToldItIsOnATerminal() {
    String before = System.getProperty("picocli.ansi");
    System.setProperty("picocli.ansi", "true");
    try {
      Cli.Result r = Cli.run("train", "--help");
      assertFalse(r.out().contains("\u001b["), r.out());
    } finally {
      if (before == null) {
        System.clearProperty("picocli.ansi");
      } else {
        System.setProperty("picocli.ansi", before);
      }
    }
  }

  @Test
  void anUnknownOptionFailsWithOneLineAndStatusTwo() {
    Cli.Result r = Cli.run("train", "--eta", "3", "--wings");
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("mnist train: Unknown option: '--wings'"), r.err());
    assertTrue(r.err().contains("Run 'mnist train --help'"), r.err());
    assertEquals(2, r.err().lines().count(), r.err());
  }

  @Test
  void aMalformedNumberFailsWithOneLine() {
    Cli.Result r = Cli.run("train", "--epochs", "many");
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("mnist train: Invalid value for option '--epochs': 'many' is not an int"), r.err());
  }

  @Test
  void badValuesAreRejectedBeforeAnyWorkNamingTheOption() {
    assertRejected("--layers must start with 784 (28×28 pixels), got 100", "--layers", "100,30,10");
    assertRejected("--eta must be positive, got -1.0", "--eta", "-1");
    assertRejected("--cost must be quadratic or cross-entropy, got 'hinge'", "--cost", "hinge");
    assertRejected("--eta-decay must be in (0, 1], got 2.0", "--eta-decay", "2");
    assertRejected("--weight-decay must be zero or positive, got -0.1", "--weight-decay", "-0.1");
    assertRejected("--layers sizes must be positive, got 0", "--layers", "784,0,10");
    assertRejected("--threads must be between 1 and the batch size 10, got 0", "--threads", "0");
    assertRejected("--threads must be between 1 and the batch size 4, got 5", "--threads", "5", "--batch-size", "4");
  }

  private static void assertRejected(String message, String... args) {
    Cli.Result r = Cli.run(prepend("train", args));
    assertEquals(2, r.status(), r.both());
    assertEquals("mnist train: " + message, r.err().lines().findFirst().orElse(""), r.both());
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  @Test
  void missingDataFailsWithOneLineThatSaysHowToFetchItIntoThatDirectory(@TempDir Path empty) {
    Cli.Result r = Cli.run("train", "--data", empty.toString(), "--model-out", empty.resolve("m").toString(), "--report-dir",
        empty.resolve("r").toString());
    assertEquals(1, r.status());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("run scripts/fetch-mnist " + empty + " to download MNIST into " + empty), r.err());
  }

  @Test
  void invalidDataFailsWithStatusOneNamingTheFile(@TempDir Path dir) throws IOException {
    Path data = Files.createDirectory(dir.resolve("data"));
    for (String name : new String[] {MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS, MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS}) {
      Files.copy(Cli.subset().resolve(name + ".gz"), data.resolve(name + ".gz"));
    }
    Files.write(data.resolve(MnistFiles.TRAIN_LABELS + ".gz"), new byte[] {1, 2, 3});
    Cli.Result r = Cli.run("train", "--data", data.toString(), "--limit", "100", "--model-out", dir.resolve("m").toString(),
        "--report-dir", dir.resolve("r").toString());
    assertEquals(1, r.status(), r.both());
    assertTrue(r.err().startsWith("mnist train: " + data.resolve(MnistFiles.TRAIN_LABELS + ".gz")), r.err());
  }

  @Test
  void predictNeedsExactlyOneSource() {
    Cli.Result r = Cli.run("predict", "--model", "m.nabla");
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("mnist predict: Error: Missing required argument (specify one of these): "
        + "(--image=FILE | --test-index=N)"), r.err());
  }
}
