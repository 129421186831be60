package dev.nabla.optim;

import dev.nabla.autodiff.eval.NonFiniteValueException;

/**
 * Builds the {@link TrainingDivergedException} when a run goes NaN or infinite, and puts the last
 * finite parameters in place. It looks at the values themselves rather than at which node the
 * executor blamed, so it does not depend on what the executor checks.
 */
final class Divergence {
  private Divergence() {}

  /**
   * Training must stop after {@code latestUpdate} updates: either evaluating the next step threw {@code
   * cause}, or ({@code cause} null) a check found the parameters not finite. The last finite parameters
   * are, in order of preference: the current values (the cost or a gradient went non-finite at finite
   * parameters; the failing step is {@code latestUpdate + 1}); the values before the latest update
   * (which is then the failing step); or the last {@link RunParameters#checkpoint}, when a parameter went
   * non-finite earlier without the cost showing it.
   *
   * @param epoch from 1, or 0 when the algorithm has no epochs
   * @param updatesInEpoch updates made so far in this epoch; ignored when {@code epoch} is 0
   */
  static TrainingDivergedException diagnose(String algorithm, RunParameters params, int epoch, int latestUpdate,
      int updatesInEpoch, double learningRate, NonFiniteValueException cause) {
    int bad = params.firstNonFinite();
    if (bad < 0 && cause != null) {
      String first = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("");
      return build(algorithm, params, epoch, latestUpdate + 1, updatesInEpoch + 1, learningRate,
          "the cost or its gradient became NaN or infinite (" + first + ")",
          "from before step " + (latestUpdate + 1), cause);
    }
    String name = params.variables().get(Math.max(bad, 0)).name();
    if (params.revertToBeforeLatestUpdate(latestUpdate)) {
      return build(algorithm, params, epoch, latestUpdate, updatesInEpoch, learningRate,
          "the update made parameter '" + name + "' NaN or infinite", "from before step " + latestUpdate, cause);
    }
    int saved = params.restoreCheckpoint();
    return build(algorithm, params, epoch, latestUpdate, updatesInEpoch, learningRate,
        "parameter '" + name + "' became NaN or infinite in an update after step " + saved
            + ", without the cost showing it at once", "from after step " + saved, cause);
  }

  /**
   * Training must stop after {@code step} updates, with finite parameters, for a reason the values do not
   * show by themselves ({@code why}: an overflowing cost, or what a listener saw); the current parameters
   * are kept as the last finite ones.
   */
  static TrainingDivergedException stopped(String algorithm, RunParameters params, int epoch, int step,
      int stepInEpoch, double learningRate, String why) {
    return build(algorithm, params, epoch, step, stepInEpoch, learningRate, why, "from after step " + step, null);
  }

  private static TrainingDivergedException build(String algorithm, RunParameters params, int epoch, int step,
      int stepInEpoch, double learningRate, String what, String when, Throwable cause) {
    TrainingDivergedException e = TrainingDivergedException.of(algorithm, epoch, step, stepInEpoch, learningRate, what,
        when, params.snapshot());
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }
}
