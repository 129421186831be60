package dev.nabla.optim;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * What a {@link TrainingListener} returns at the end of an epoch: the metrics it evaluated (kept in the
 * epoch's {@link EpochRecord}, in the given order) and whether training should stop.
 *
 * <pre>{@code
 * return EpochDecision.proceed(Map.of("test accuracy", accuracy));
 * return accuracy > 0.95 ? EpochDecision.stop(Map.of("test accuracy", accuracy)) : ...;
 * }</pre>
 *
 * @param stopTraining true to end training after this epoch
 * @param metrics named values the caller computed, recorded in the history
 */
public record EpochDecision(boolean stopTraining, Map<String, Double> metrics) {
  private static final EpochDecision PROCEED = new EpochDecision(false, Map.of());
  private static final EpochDecision STOP = new EpochDecision(true, Map.of());

  /** Copies the metrics (keeping their order); they must be non-null. */
  public EpochDecision {
    metrics = ImmutableMap.copyOf(metrics);
  }

  /** Go on, recording nothing. */
  public static EpochDecision proceed() {
    return PROCEED;
  }

  /** Go on, recording {@code metrics}. */
  public static EpochDecision proceed(Map<String, Double> metrics) {
    return new EpochDecision(false, metrics);
  }

  /** Stop after this epoch, recording nothing. */
  public static EpochDecision stop() {
    return STOP;
  }

  /** Stop after this epoch, recording {@code metrics}. */
  public static EpochDecision stop(Map<String, Double> metrics) {
    return new EpochDecision(true, metrics);
  }
}
