package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The learning rate η of each epoch of a {@link MiniBatchGradientDescent} run. The rate is read once at
 * the start of an epoch and used for every step of that epoch; {@link EpochRecord#learningRate()} keeps
 * it. A schedule must give a positive, finite η for every epoch it is asked about.
 *
 * <pre>{@code
 * LearningRateSchedule.constant(3.0);              // η = 3 throughout (what learningRate(3.0) sets)
 * LearningRateSchedule.stepDecay(0.5, 0.5, 10);    // 0.5 for epochs 1–10, 0.25 for 11–20, 0.125 for 21–30, …
 * LearningRateSchedule s = epoch -> 1.0 / epoch;   // any rule of the epoch number
 * }</pre>
 */
@FunctionalInterface
public interface LearningRateSchedule {

  /**
   * η for epoch {@code epoch}, counted from 1.
   *
   * <pre>{@code
   * double eta = schedule.learningRate(1);   // the first epoch's rate
   * }</pre>
   */
  double learningRate(int epoch);

  /**
   * The same η for every epoch.
   *
   * @throws IllegalArgumentException when {@code eta} is not positive and finite
   */
  static LearningRateSchedule constant(double eta) {
    Hyperparameters.learningRate(eta);
    return epoch -> eta;
  }

  /**
   * Step decay: {@code η₀ · factor^⌊(epoch − 1) / every⌋}, so η₀ for the first {@code every} epochs, then
   * η₀·factor for the next {@code every}, and so on. With {@code every = 1} this is exponential decay per
   * epoch.
   *
   * <pre>{@code
   * LearningRateSchedule.stepDecay(1.0, 0.9, 1);   // 1.0, 0.9, 0.81, …
   * }</pre>
   *
   * @throws IllegalArgumentException when η₀ is not positive and finite, {@code factor} is not in (0, 1],
   *     or {@code every} is below 1
   */
  static LearningRateSchedule stepDecay(double eta0, double factor, int every) {
    Hyperparameters.learningRate(eta0);
    checkArgument(factor > 0 && factor <= 1, "learning-rate decay factor must be in (0, 1], got %s", factor);
    checkArgument(every >= 1, "learning-rate decay interval must be at least 1 epoch, got %s", every);
    return epoch -> eta0 * Math.pow(factor, (epoch - 1) / every);
  }
}
