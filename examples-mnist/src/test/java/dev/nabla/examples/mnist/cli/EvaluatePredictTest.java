package dev.nabla.examples.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Network;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} and {@code predict} refuse models that are missing, not files, or not MNIST-shaped. */
class EvaluatePredictTest {
  @TempDir
  static Path dir;
  private static Path trained;

  @BeforeAll
  static void trainASmallModel() {
    Cli.Result r = Cli.trainOnSubset(dir, "--epochs", "3", "--init", "scaled");
    assertEquals(0, r.status(), r.both());
    trained = dir.resolve("model.nabla");
  }

  @Test
  void aModelWithMoreOrFewerOutputsThanDigitsIsRefused() throws IOException {
    for (int outputs : new int[] {12, 5}) {
      Path model = dir.resolve("m" + outputs + ".nabla");
      Network.builder(784, 30, outputs).seed(1).build().save(model);
      for (String command : new String[] {"evaluate", "predict"}) {
        Cli.Result r = command.equals("evaluate")
            ? Cli.run("evaluate", "--model", model.toString(), "--data", Cli.subset().toString())
            : Cli.run("predict", "--model", model.toString(), "--data", Cli.subset().toString(), "--test-index", "0");
        assertEquals(1, r.status(), r.both());
        assertEquals("mnist " + command + ": model file " + model + " holds a network of layer sizes [784, 30, " + outputs
            + "]; an MNIST model takes 784 inputs (28×28 pixels) and has 10 outputs (the digits 0 to 9)", r.err().strip());
      }
    }
  }

  @Test
  void aMissingModelFileOrADirectoryIsNamedAsSuch() {
    Path missing = dir.resolve("nothing-here.nabla");
    Cli.Result r = Cli.run("evaluate", "--model", missing.toString(), "--data", Cli.subset().toString());
    assertEquals(1, r.status());
    assertEquals("mnist evaluate: model file " + missing + " does not exist; train one with: ./mnist train --model-out " + missing,
        r.err().strip());
    r = Cli.run("evaluate", "--model", dir.toString(), "--data", Cli.subset().toString());
    assertEquals(1, r.status());
    assertEquals("mnist evaluate: model file " + dir + " is a directory, not a model saved by 'mnist train'", r.err().strip());
  }

  @Test
  void aTestIndexOutOfRangeIsAnOptionError() {
    Cli.Result r = Cli.run("predict", "--model", trained.toString(), "--data", Cli.subset().toString(), "--test-index", "500");
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("mnist predict: --test-index must be in 0..499, got 500"), r.err());
  }

  @Test
  void theSampleMnistDigitAsA28By28PngGivesTheSameAnswerAsItsTestIndex() {
    Cli.Result picture = Cli.run("predict", "--model", trained.toString(), "--image", sample("seven-28x28.png").toString());
    Cli.Result index = Cli.run("predict", "--model", trained.toString(), "--data", Cli.subset().toString(), "--test-index", "0");
    assertEquals(0, picture.status(), picture.both());
    assertEquals(index.out().replace(" (labelled 7)", ""), picture.out());
  }

  @Test
  void theDrawnSampleIsRead() {
    Cli.Result r = Cli.run("predict", "--model", trained.toString(), "--image", sample("three-drawn.png").toString());
    assertEquals(0, r.status(), r.both());
    assertTrue(r.out().startsWith("digit: "), r.out());
    assertEquals(11, r.out().lines().count(), r.out());
  }

  /** The README's sample pictures, in examples-mnist/samples (the tests run in examples-mnist). */
  static Path sample(String name) {
    return Path.of("samples", name);
  }
}
