package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableMap;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Map;

/**
 * Model selection and early stopping for a {@link TrainingListener}: keeps the epoch whose score
 * (validation accuracy, say) is the best so far, with that epoch's parameters, and says when a number
 * of epochs have passed without a better one. Use one per run; it is not thread-safe.
 *
 * <pre>{@code
 * BestEpoch best = BestEpoch.highest();
 * TrainingListener listener = TrainingListener.perEpoch(state -> {
 *   double accuracy = validationAccuracy(state.bindings());
 *   if (best.offer(state, accuracy)) { save(state.parameters()); }        // a new best: keep it
 *   return best.epochsWithoutImprovement(state) >= 10                     // early stopping
 *       ? EpochDecision.stop(Map.of("validation accuracy", accuracy))
 *       : EpochDecision.proceed(Map.of("validation accuracy", accuracy));
 * });
 * sgd.train(cost, x, y, initial, data, listener);
 * Map<Variable, Tensor> selected = best.parameters();                     // the epoch chosen on validation
 * }</pre>
 *
 * <p>Only a strictly better score replaces the best, so ties keep the earliest epoch. A NaN score is
 * never the best.
 */
public final class BestEpoch {
  private final boolean higherIsBetter;
  private int epoch;
  private double score = Double.NaN;
  private ImmutableMap<Variable, Tensor> parameters;

  private BestEpoch(boolean higherIsBetter) {
    this.higherIsBetter = higherIsBetter;
  }

  /** Higher scores are better (accuracies). */
  public static BestEpoch highest() {
    return new BestEpoch(true);
  }

  /** Lower scores are better (costs, error rates). */
  public static BestEpoch lowest() {
    return new BestEpoch(false);
  }

  /**
   * Records {@code state}'s epoch with {@code score}; returns true, and keeps the epoch's parameters, when
   * the score is better than every one offered before.
   *
   * @throws IllegalArgumentException when {@code state} is not later than the last epoch offered
   */
  public boolean offer(EpochState state, double score) {
    checkNotNull(state, "epoch state");
    checkArgument(state.epoch() > epoch, "epoch %s offered after epoch %s", state.epoch(), epoch);
    boolean better = !Double.isNaN(score)
        && (parameters == null || (higherIsBetter ? score > this.score : score < this.score));
    if (better) {
      this.epoch = state.epoch();
      this.score = score;
      this.parameters = ImmutableMap.copyOf(state.parameters());
    }
    return better;
  }

  /** True once an epoch with a score has been offered. */
  public boolean hasBest() {
    return parameters != null;
  }

  /**
   * The best epoch so far (from 1).
   *
   * @throws IllegalStateException before any epoch with a score was offered
   */
  public int epoch() {
    checkState(hasBest(), "no epoch with a score has been offered yet");
    return epoch;
  }

  /** The best score so far. */
  public double score() {
    checkState(hasBest(), "no epoch with a score has been offered yet");
    return score;
  }

  /** The parameters at the end of the best epoch, in the order given to {@code train}. */
  public Map<Variable, Tensor> parameters() {
    checkState(hasBest(), "no epoch with a score has been offered yet");
    return parameters;
  }

  /** Epochs finished since the best one, counting up to {@code state}'s ({@code state.epoch()} with no best yet). */
  public int epochsWithoutImprovement(EpochState state) {
    return state.epoch() - (hasBest() ? epoch : 0);
  }
}
