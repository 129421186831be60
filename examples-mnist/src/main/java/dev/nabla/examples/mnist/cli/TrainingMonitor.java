package dev.nabla.examples.mnist.cli;

import dev.nabla.autodiff.eval.NonFiniteValueException;
import dev.nabla.autodiff.eval.SparseRows;
import dev.nabla.examples.mnist.LabeledImages;
import dev.nabla.examples.mnist.MnistFiles;
import dev.nabla.examples.mnist.Saturation;
import dev.nabla.nn.Network;
import dev.nabla.optim.BestEpoch;
import dev.nabla.optim.EpochDecision;
import dev.nabla.optim.EpochState;
import dev.nabla.optim.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Watches a training run of {@code mnist train}: draws the progress bar, and at the end of each epoch
 * evaluates the network on the validation and test images (through compiled plans that read the images'
 * non-zeros, found once), prints the epoch's line, keeps the epoch
 * with the best validation accuracy (saving it at once through {@link Checkpoints}), stops early when
 * asked to, warns after the first epoch when the sigmoid units are saturated, and declares divergence
 * when the outputs stop being finite or the accuracy sits at chance while the cost no longer falls.
 */
final class TrainingMonitor implements TrainingListener {
  /** After the first epoch, a digit answered for fewer than this fraction of the validation images triggers the warning. */
  static final double RARELY_PREDICTED = 0.01;
  private static final int SATURATION_SAMPLE = 1000;

  private final Network net;
  private final LabeledImages validation;
  private final LabeledImages test;
  private final SparseRows validationNonZeros; // found once: the plans read only these, every epoch
  private final SparseRows testNonZeros;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Progress progress;
  private final Checkpoints checkpoints;
  private final int patience; // 0: no early stopping
  private final int stepsPerEpoch;
  private final double chance; // the accuracy of always answering the most common validation digit
  private final BestEpoch best = BestEpoch.highest();
  private final List<Double> validationAccuracies = new ArrayList<>();
  private final List<Double> testAccuracies = new ArrayList<>();
  private final List<Double> costs = new ArrayList<>();
  private long previousNanos;
  private double trainingSeconds;
  private int epochStarted;
  private final String saturationRemedy;

  /** {@code saturationRemedy} ends the saturation warning: a fix the run does not use yet. */
  TrainingMonitor(Network net, LabeledImages validation, LabeledImages test, PrintWriter out, PrintWriter err,
      Checkpoints checkpoints, int patience, int stepsPerEpoch, String saturationRemedy) {
    this.saturationRemedy = saturationRemedy;
    this.net = net;
    this.validation = validation;
    this.test = test;
    this.validationNonZeros = SparseRows.of(validation.images());
    this.testNonZeros = SparseRows.of(test.images());
    this.out = out;
    this.err = err;
    this.progress = new Progress(err, Progress.onTerminal());
    this.checkpoints = checkpoints;
    this.patience = patience;
    this.stepsPerEpoch = stepsPerEpoch;
    this.chance = (double) Arrays.stream(validation.labelCounts()).max().orElse(0) / validation.size();
  }

  @Override
  public void onStep(int epoch, int step, double cost, long elapsedNanos) {
    if (epoch != epochStarted) {
      epochStarted = epoch;
      checkpoints.running(epoch);
    }
    progress.update("Epoch " + epoch, step - (long) (epoch - 1) * stepsPerEpoch, stepsPerEpoch);
  }

  @Override
  public EpochDecision onEpoch(EpochState s) {
    progress.clear();
    double seconds = (s.elapsedNanos() - previousNanos) / 1e9;
    previousNanos = s.elapsedNanos();
    trainingSeconds += seconds;
    Network current = net.withParameters(s.parameters());
    int[] predicted;
    int testCorrect;
    try {
      predicted = current.predict(validation.images(), validationNonZeros);
      testCorrect = current.evaluate(test.images(), testNonZeros, test.labels());
    } catch (NonFiniteValueException e) {
      return EpochDecision.diverged("the network's outputs on the validation images are not finite ("
          + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    int correct = 0;
    int[] predictedAs = new int[MnistFiles.CLASSES];
    for (int i = 0; i < predicted.length; i++) {
      correct += predicted[i] == validation.label(i) ? 1 : 0;
      predictedAs[predicted[i]]++;
    }
    double accuracy = (double) correct / validation.size();
    double testAccuracy = (double) testCorrect / test.size();
    double previousCost = costs.isEmpty() ? Double.NaN : costs.get(costs.size() - 1);
    validationAccuracies.add(accuracy);
    testAccuracies.add(testAccuracy);
    costs.add(s.meanCost());
    boolean improved = best.offer(s, accuracy);
    out.printf(Locale.ROOT, "Epoch %d/%d: validation %d / %d (%s)  test %s  cost %s  %.2f s%s%n", s.epoch(), s.epochs(), correct,
        validation.size(), Format.percent(accuracy), Format.percent(testAccuracy), Format.cost(s.meanCost()), seconds,
        improved && s.epoch() > 1 ? "  (best so far)" : "");
    if (improved) {
      try {
        checkpoints.save(current, s.epoch(), accuracy);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save the model after epoch " + s.epoch() + ": " + OutputPaths.reason(e), e);
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("validation accuracy", accuracy);
    metrics.put("test accuracy", testAccuracy);
    if (s.epoch() >= 2 && accuracy <= chance + 0.01 && !(s.meanCost() < previousCost)) {
      return EpochDecision.diverged(String.format(Locale.ROOT, "the validation accuracy %s is at chance (%s for always "
          + "answering the most common digit) and the mean cost stopped falling (%s after %s)", Format.percent(accuracy),
          Format.percent(chance), Format.cost(s.meanCost()), Format.cost(previousCost)));
    }
    if (s.epoch() == 1) {
      warnIfSaturated(current, predictedAs);
    }
    if (patience > 0 && best.epochsWithoutImprovement(s) >= patience) {
      out.printf(Locale.ROOT, "Stopping early: no better validation accuracy in the %s since epoch %d%n",
          Format.count(patience, "epoch"), best.epoch());
      return EpochDecision.stop(metrics);
    }
    return EpochDecision.proceed(metrics);
  }

  /**
   * After the first epoch: when some digits are almost never the answer on the validation images (their
   * sigmoid output units are saturated near 0, so the quadratic cost hardly moves them), learning may stall
   * for them; with N(0, 1) weights this is common, and [784, 100, 10] stalls near 87% on seeds 2 and 3.
   */
  private void warnIfSaturated(Network current, int[] predictedAs) {
    List<Integer> dead = new ArrayList<>();
    for (int d = 0; d < predictedAs.length; d++) {
      if (predictedAs[d] < RARELY_PREDICTED * validation.size()) {
        dead.add(d);
      }
    }
    if (dead.isEmpty()) {
      return;
    }
    double[] fractions = Saturation.of(current, validation.first(SATURATION_SAMPLE).images());
    double hidden = Arrays.stream(fractions, 0, fractions.length - 1).max().orElse(0);
    String digits = dead.size() == 1 ? "digit " + dead.get(0) + " is"
        : "digits " + dead.subList(0, dead.size() - 1).stream().map(String::valueOf).collect(Collectors.joining(", "))
            + " and " + dead.get(dead.size() - 1) + " are";
    String hiddenToo = hidden < 0.005 ? "" : String.format(Locale.ROOT, ", and %.0f%% of the hidden activations are within %s "
        + "of 0 or 1, where the sigmoid's gradient nearly vanishes", 100 * hidden, Saturation.MARGIN);
    err.printf(Locale.ROOT, "mnist train: warning: after epoch 1, %s the answer for fewer than %.0f%% of the validation "
        + "images: %s output %s saturated%s. Learning may stall. %s%n", digits, 100 * RARELY_PREDICTED,
        dead.size() == 1 ? "its" : "their", dead.size() == 1 ? "unit is" : "units are", hiddenToo, saturationRemedy);
  }

  BestEpoch best() {
    return best;
  }

  double[] validationAccuracies() {
    return validationAccuracies.stream().mapToDouble(Double::doubleValue).toArray();
  }

  double[] testAccuracies() {
    return testAccuracies.stream().mapToDouble(Double::doubleValue).toArray();
  }

  double[] costs() {
    return costs.stream().mapToDouble(Double::doubleValue).toArray();
  }

  double trainingSeconds() {
    return trainingSeconds;
  }

  /** The first epoch (from 1) with the best test accuracy, or 0 before any epoch. */
  int bestTestEpoch() {
    int bestIndex = -1;
    for (int i = 0; i < testAccuracies.size(); i++) {
      if (bestIndex < 0 || testAccuracies.get(i) > testAccuracies.get(bestIndex)) {
        bestIndex = i;
      }
    }
    return bestIndex + 1;
  }
}
