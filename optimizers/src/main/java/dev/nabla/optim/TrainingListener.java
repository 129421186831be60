package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.Function;

/**
 * Hears about a {@link MiniBatchGradientDescent} run: after every step (cheap: primitives only, and a
 * no-op unless overridden) and at the end of every epoch, where it may evaluate the model, return
 * metrics to record in the history, and ask training to stop.
 *
 * <pre>{@code
 * TrainingListener listener = new TrainingListener() {
 *   public void onStep(int epoch, int step, double cost, long elapsedNanos) {
 *     if (step % 1000 == 0) System.out.printf("step %d: C = %.4f%n", step, cost);
 *   }
 *   public EpochDecision onEpoch(EpochState s) {
 *     double acc = accuracy(s.bindings());
 *     return acc >= 0.97 ? EpochDecision.stop(Map.of("accuracy", acc)) : EpochDecision.proceed(Map.of("accuracy", acc));
 *   }
 * };
 * }</pre>
 *
 * <p>Listeners run on the training thread. Time spent in {@link #onEpoch} (evaluating on test data,
 * say) is left out of the elapsed times reported; time in {@link #onStep} is not.
 */
public interface TrainingListener {

  /** A listener that records nothing and never stops training. */
  static TrainingListener none() {
    return NoListener.INSTANCE;
  }

  /** A listener with only an end-of-epoch callback. */
  static TrainingListener perEpoch(Function<EpochState, EpochDecision> onEpoch) {
    checkNotNull(onEpoch, "epoch callback");
    return new TrainingListener() {
      @Override
      public EpochDecision onEpoch(EpochState state) {
        return checkNotNull(onEpoch.apply(state), "the epoch callback returned null; return EpochDecision.proceed()");
      }
    };
  }

  /**
   * After each step.
   *
   * @param epoch from 1
   * @param step updates made so far in the run, this one included
   * @param cost the batch's cost, before this step's update
   * @param elapsedNanos time since the run started
   */
  default void onStep(int epoch, int step, double cost, long elapsedNanos) {}

  /** At the end of each epoch; the default goes on and records nothing. */
  default EpochDecision onEpoch(EpochState state) {
    return EpochDecision.proceed();
  }
}
