package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * What a {@link TrainingListener} returns at the end of an epoch: the metrics it evaluated (kept in the
 * epoch's {@link EpochRecord}, in the given order), whether training should stop, and whether the
 * listener judged that training has diverged.
 *
 * <pre>{@code
 * return EpochDecision.proceed(Map.of("test accuracy", accuracy));
 * return accuracy > 0.95 ? EpochDecision.stop(Map.of("test accuracy", accuracy)) : ...;
 * return EpochDecision.diverged("accuracy 10.1% is at chance and the cost stopped falling");
 * }</pre>
 *
 * @param stopTraining true to end training after this epoch
 * @param metrics named values the caller computed, recorded in the history
 * @param divergence why the listener judges that training diverged, or empty; when not empty the run
 *     ends with a {@link TrainingDivergedException} that gives this reason with the epoch, the step and
 *     the learning rate
 */
public record EpochDecision(boolean stopTraining, Map<String, Double> metrics, String divergence) {
  private static final EpochDecision PROCEED = new EpochDecision(false, Map.of());
  private static final EpochDecision STOP = new EpochDecision(true, Map.of());

  /** Copies the metrics (keeping their order); they must be non-null, and a divergence stops training. */
  public EpochDecision {
    metrics = ImmutableMap.copyOf(metrics);
    checkNotNull(divergence, "divergence reason (empty for none)");
    checkArgument(divergence.isEmpty() || stopTraining, "a divergence must stop training");
  }

  /** A decision without a divergence. */
  public EpochDecision(boolean stopTraining, Map<String, Double> metrics) {
    this(stopTraining, metrics, "");
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

  /**
   * Training has diverged, for a reason only the listener can see (an accuracy at chance, say): the run
   * throws a {@link TrainingDivergedException} whose message gives {@code why}, the epoch, the step and
   * the learning rate, and suggests a smaller one. The parameters it holds are this epoch's.
   *
   * <pre>{@code
   * return EpochDecision.diverged("validation accuracy 9.9% is at chance and the cost stopped falling");
   * }</pre>
   *
   * @throws IllegalArgumentException when {@code why} is empty
   */
  public static EpochDecision diverged(String why) {
    checkArgument(!checkNotNull(why, "why").isEmpty(), "a divergence needs a reason");
    return new EpochDecision(true, Map.of(), why);
  }

  /** True when the listener judged that training diverged. */
  public boolean hasDiverged() {
    return !divergence.isEmpty();
  }
}
