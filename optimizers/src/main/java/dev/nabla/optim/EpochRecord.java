package dev.nabla.optim;

import com.google.common.collect.ImmutableMap;
import java.time.Duration;
import java.util.Map;

/**
 * One line of the history {@link MiniBatchGradientDescent#train} returns.
 *
 * <pre>{@code
 * for (EpochRecord r : result.history()) {
 *   System.out.printf("epoch %d: cost %.4f, test accuracy %.3f%n", r.epoch(), r.meanCost(), r.metrics().get("test accuracy"));
 * }
 * }</pre>
 *
 * @param epoch from 1
 * @param steps updates made so far in the run, this epoch included
 * @param meanCost the mean over the epoch's examples of the batch costs, each taken before its batch's
 *     update (so the parameters moved while it was summed); weighted by batch size
 * @param learningRate the η of every step of this epoch (see {@link LearningRateSchedule})
 * @param elapsedNanos time since the run started, at the end of this epoch (listener excluded)
 * @param metrics what the listener returned for this epoch, in its order
 */
public record EpochRecord(int epoch, int steps, double meanCost, double learningRate, long elapsedNanos,
    Map<String, Double> metrics) {

  /** Copies the metrics. */
  public EpochRecord {
    metrics = ImmutableMap.copyOf(metrics);
  }

  /** {@link #elapsedNanos} as a duration. */
  public Duration elapsed() {
    return Duration.ofNanos(elapsedNanos);
  }
}
