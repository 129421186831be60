package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

/** The checks every optimiser applies to its settings at construction, with one wording. */
final class Hyperparameters {
  private Hyperparameters() {}

  /** η must have been set ({@code NaN} means not set) and be positive and finite. */
  static double learningRate(double eta) {
    checkState(!Double.isNaN(eta), "learning rate η is not set: call learningRate(η) on the builder");
    checkArgument(eta > 0 && eta < Double.POSITIVE_INFINITY,
        "learning rate η must be positive and finite, got %s", eta);
    return eta;
  }

  /** μ must be in [0, 1): with μ ≥ 1 the velocity never decays. */
  static double momentum(double mu) {
    checkArgument(mu >= 0 && mu < 1, "momentum μ must be in [0, 1), got %s", mu);
    return mu;
  }

  /** A stopping tolerance: {@code null} turns the rule off ({@code NaN}); otherwise positive and finite. */
  static double tolerance(String what, Double tolerance) {
    if (tolerance == null) {
      return Double.NaN;
    }
    checkArgument(tolerance > 0 && tolerance < Double.POSITIVE_INFINITY,
        "%s must be positive and finite, got %s", what, tolerance);
    return tolerance;
  }
}
