package dev.nabla.examples.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help, argument errors in one line with status 2, missing data with status 1. */
class MnistCliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return MnistCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void helpListsTheSubcommands() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("train"), out.toString());
    assertTrue(out.toString().contains("evaluate"), out.toString());
    assertTrue(out.toString().contains("predict"), out.toString());
  }

  @Test
  void trainHelpListsEveryOptionWithItsDefault() {
    assertEquals(0, run("train", "--help"));
    for (String option : new String[] {"--layers", "--epochs", "--batch-size", "--eta", "--cost", "--momentum", "--seed", "--data",
        "--model-out", "--report-dir"}) {
      assertTrue(out.toString().contains(option), option + " missing from:\n" + out);
    }
    assertTrue(out.toString().contains("default: 784,30,10"), out.toString());
    assertTrue(out.toString().contains("default: 3.0"), out.toString());
  }

  @Test
  void anUnknownOptionFailsWithOneLineAndStatusTwo() {
    assertEquals(2, run("train", "--eta", "3", "--wings"));
    assertTrue(err.toString().startsWith("mnist: Unknown option: '--wings'"), err.toString());
    assertTrue(err.toString().contains("Run 'mnist train --help'"), err.toString());
    assertEquals(2, err.toString().lines().count(), err.toString());
  }

  @Test
  void aMalformedNumberFailsWithOneLine() {
    assertEquals(2, run("train", "--epochs", "many"));
    assertTrue(err.toString().startsWith("mnist: Invalid value for option '--epochs': 'many' is not an int"), err.toString());
  }

  @Test
  void badValuesAreRejectedBeforeAnyWorkNamingTheOption() {
    assertEquals(2, run("train", "--layers", "100,30,10"));
    assertEquals("mnist train: --layers must start with 784 (28×28 pixels), got 100", err.toString().strip());
    err.getBuffer().setLength(0);
    assertEquals(2, run("train", "--eta", "-1"));
    assertEquals("mnist train: --eta must be positive, got -1.0", err.toString().strip());
    err.getBuffer().setLength(0);
    assertEquals(2, run("train", "--cost", "hinge"));
    assertEquals("mnist train: --cost must be quadratic or cross-entropy, got 'hinge'", err.toString().strip());
  }

  @Test
  void missingDataFailsWithOneLineThatSaysHowToFetchIt(@TempDir Path empty) {
    assertEquals(1, run("train", "--data", empty.toString(), "--model-out", empty.resolve("m").toString()));
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertTrue(err.toString().contains("fetch-mnist"), err.toString());
  }

  @Test
  void predictNeedsExactlyOneSource() {
    assertEquals(2, run("predict", "--model", "m.nabla"));
    assertTrue(err.toString().startsWith("mnist: Error: Missing required argument (specify one of these): (--image=FILE | --test-index=N)"),
        err.toString());
  }
}
