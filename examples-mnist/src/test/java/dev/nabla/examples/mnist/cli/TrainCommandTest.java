package dev.nabla.examples.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code mnist train} saves and says, on the committed subset. */
class TrainCommandTest {
  private static final Pattern SELECTED = Pattern.compile(
      "Best validation accuracy ([0-9.]+)% at epoch (\\d+); that model is saved in .*: test accuracy ([0-9.]+)% \\((\\d+) / 500\\)");

  @Test
  void theSavedModelIsTheBestValidationEpochAndEvaluateReportsTheAccuracyTheSummaryGave(@TempDir Path dir) {
    // η = 6 on 500 images oscillates, so the best validation epoch is not the last one
    Cli.Result train = Cli.trainOnSubset(dir, "--epochs", "8", "--eta", "6", "--init", "scaled");
    assertEquals(0, train.status(), train.both());
    Matcher m = SELECTED.matcher(train.out());
    assertTrue(m.find(), train.out());
    assertNotEquals("8", m.group(2), "this test needs a run whose best epoch is not the last:\n" + train.out());
    assertTrue(train.out().contains("Best test accuracy "), train.out());
    assertTrue(train.out().contains("(chosen on the test set"), train.out());

    Cli.Result evaluate = Cli.run("evaluate", "--model", dir.resolve("model.nabla").toString(), "--data", Cli.subset().toString());
    assertEquals(0, evaluate.status(), evaluate.both());
    assertTrue(evaluate.out().contains(m.group(4) + " / 500 correct (" + m.group(3) + "%)"), train.out() + "\n" + evaluate.out());
  }

  @Test
  void oneEpochIsSingular(@TempDir Path dir) {
    Cli.Result r = Cli.trainOnSubset(dir, "--epochs", "1", "--init", "scaled");
    assertEquals(0, r.status(), r.both());
    assertTrue(r.out().contains(", 1 epoch\n"), r.out());
    assertTrue(r.out().contains("Trained 1 epoch in "), r.out());
    assertFalse(r.out().contains("1 epochs"), r.out());
  }

  @Test
  void patienceStopsTrainingAfterThatManyEpochsWithoutABetterValidationAccuracy(@TempDir Path dir) {
    Cli.Result r = Cli.trainOnSubset(dir, "--epochs", "200", "--eta", "6", "--init", "scaled", "--patience", "2");
    assertEquals(0, r.status(), r.both());
    Matcher stop = Pattern.compile("Stopping early: no better validation accuracy in the 2 epochs since epoch (\\d+)").matcher(r.out());
    assertTrue(stop.find(), r.out());
    int best = Integer.parseInt(stop.group(1));
    assertEquals(best + 2, r.out().lines().filter(l -> l.startsWith("Epoch ")).count(), r.out());
  }

  @Test
  void digitsThatAreNeverTheAnswerAfterTheFirstEpochAreReportedWithTheFix(@TempDir Path dir) {
    // N(0, 1) weights into 100 sigmoids: after 50 steps some digits' output units are stuck near 0
    Cli.Result r = Cli.trainOnSubset(dir, "--layers", "784,100,10", "--epochs", "1", "--seed", "3");
    assertEquals(0, r.status(), r.both());
    assertTrue(r.err().contains("mnist train: warning: after epoch 1, digit"), r.both());
    assertTrue(r.err().contains("output unit"), r.both());
    assertTrue(r.err().endsWith("N(0, 1/n_in) weights avoid this: --init scaled\n"), r.both());
  }

  @Test
  void theFixOfferedForSaturatedOutputsIsOneTheRunDoesNotUseAlready(@TempDir Path dir) {
    // scaled weights, and still some digits never the answer after one epoch of the quadratic cost
    Cli.Result r = Cli.trainOnSubset(dir, "--layers", "784,100,10", "--epochs", "1", "--seed", "3", "--init", "scaled");
    assertEquals(0, r.status(), r.both());
    assertTrue(r.err().contains("mnist train: warning: after epoch 1, digit"), r.both());
    assertTrue(r.err().endsWith("The cross-entropy cost does not slow down on saturated output units: --cost cross-entropy\n"),
        r.both());
  }

  @Test
  void theHeaderNamesTheRegularisationAndTheSchedule(@TempDir Path dir) {
    Cli.Result r = Cli.trainOnSubset(dir, "--epochs", "2", "--cost", "cross-entropy", "--eta", "0.5", "--init", "scaled",
        "--weight-decay", "0.0001", "--eta-decay", "0.5", "--eta-decay-every", "10");
    assertEquals(0, r.status(), r.both());
    assertTrue(r.out().contains("η = 0.5 (× 0.5 every 10 epochs), weight decay λ = 1.0E-4, 2 epochs"), r.out());
  }

  @Test
  void threadsSplitEachBatchAndTheSameThreadsRepeatTheRunExactly(@TempDir Path dir) {
    Cli.Result one = Cli.trainOnSubset(dir, "--epochs", "2", "--init", "scaled");
    Cli.Result two = Cli.trainOnSubset(dir, "--epochs", "2", "--init", "scaled", "--threads", "2");
    Cli.Result again = Cli.trainOnSubset(dir, "--epochs", "2", "--init", "scaled", "--threads", "2");
    assertEquals(0, one.status(), one.both());
    assertEquals(0, two.status(), two.both());
    assertTrue(two.out().contains(", 2 epochs, each batch split over 2 threads\n"), two.out());
    assertEquals(two.epochLines(), again.epochLines(), "the same seed and threads give the same run");
    assertEquals(2, two.epochLines().size(), two.out());
    // the same steps up to rounding: the accuracies agree with one thread's to within a few images
    for (int e = 0; e < 2; e++) {
      assertEquals(validation(one.epochLines().get(e)), validation(two.epochLines().get(e)), 5, one.out() + two.out());
    }
  }


  private static int validation(String epochLine) {
    Matcher m = Pattern.compile("validation (\\d+) / ").matcher(epochLine);
    assertTrue(m.find(), epochLine);
    return Integer.parseInt(m.group(1));
  }
}
