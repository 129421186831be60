package dev.nabla.examples.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training that diverges stops with status 1, naming the epoch, the step and η, and suggesting a smaller η. */
class DivergenceCliTest {

  @Test
  void accuracyAtChanceWithACostThatStoppedFallingStopsTraining(@TempDir Path dir) {
    // η = 1000 saturates every unit at once: 10% on the subset, the cost flat (it used to end with exit 0)
    Cli.Result r = Cli.trainOnSubset(dir, "--epochs", "20", "--eta", "1000");
    assertEquals(1, r.status(), r.both());
    assertTrue(r.err().contains("mnist train: mini-batch gradient descent diverged at epoch "), r.both());
    assertTrue(r.err().contains(", step "), r.both());
    assertTrue(r.err().contains("is at chance") && r.err().contains("the mean cost stopped falling"), r.both());
    assertTrue(r.err().contains("Try a smaller learning rate than η = 1000.0."), r.both());
    assertTrue(r.err().contains("the best model so far (epoch 1, validation accuracy "), r.both());
    assertFalse(r.out().contains("Epoch 20/20"), r.both());
    assertTrue(Files.isRegularFile(dir.resolve("model.nabla")), "the best model so far is kept");
  }

  @Test
  void outputsThatOverflowOnTheValidationImagesStopTrainingAtThatEpoch(@TempDir Path dir) {
    // η = 1e308 keeps the weights finite, but x·w overflows on the held-out images (it used to fail in "evaluate")
    Cli.Result r = Cli.trainOnSubset(dir, "--epochs", "3", "--eta", "1e308");
    assertEquals(1, r.status(), r.both());
    assertTrue(r.err().startsWith("mnist train: mini-batch gradient descent diverged at epoch 1, step 50 (step 50 of the epoch): "
        + "the network's outputs on the validation images are not finite"), r.both());
    assertTrue(r.err().contains("Try a smaller learning rate than η = 1.0E308."), r.both());
    assertTrue(r.err().contains("no model was saved (no epoch finished)"), r.both());
  }

  @Test
  void anEnormousCostIsPrintedInFourSignificantDigitsAndStopsTrainingAtChance(@TempDir Path dir) {
    Cli.Result r = Cli.trainOnSubset(dir, "--epochs", "10", "--eta", "1e300", "--cost", "cross-entropy");
    assertEquals(1, r.status(), r.both());
    assertTrue(r.out().lines().filter(l -> l.startsWith("Epoch")).allMatch(l -> l.length() < 120), r.out());
    assertTrue(r.out().contains("e+300"), r.out());
    assertTrue(r.err().contains("diverged at epoch"), r.both());
  }
}
