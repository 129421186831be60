package dev.nabla.autodiff.eval;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How a {@link TrainingStep} moves its parameters: the seeds' {@code v → v − η∇C}, or with momentum
 * μ the ball that rolls, {@code u → μu − η∇C, v → v + u} (the velocity u starts at zero). The checks of
 * η and μ live here, once: {@link #checkLearningRate} and {@link #checkMomentum} are what this record's
 * constructor and every optimiser's builder apply.
 *
 * <pre>{@code
 * UpdateRule rule = UpdateRule.withMomentum(0.5, 0.9);
 * UpdateRule later = rule.withLearningRate(0.25);   // the next epoch's η, the same μ
 * }</pre>
 *
 * @param learningRate η, positive and finite
 * @param momentum μ in [0, 1); 0 is plain gradient descent
 */
public record UpdateRule(double learningRate, double momentum) {
  /**
   * @throws IllegalStateException when η is NaN (not set)
   * @throws IllegalArgumentException naming the value when η or μ is out of range
   */
  public UpdateRule {
    checkLearningRate(learningRate);
    checkMomentum(momentum);
  }

  /** {@code v → v − η∇C}. */
  public static UpdateRule gradientDescent(double learningRate) {
    return new UpdateRule(learningRate, 0);
  }

  /** {@code u → μu − η∇C, v → v + u}. */
  public static UpdateRule withMomentum(double learningRate, double momentum) {
    return new UpdateRule(learningRate, momentum);
  }

  /**
   * This rule with another η (a learning-rate schedule's next value), the same μ.
   *
   * @throws IllegalArgumentException when {@code eta} is not positive and finite
   */
  public UpdateRule withLearningRate(double eta) {
    return eta == learningRate ? this : new UpdateRule(eta, momentum);
  }

  /** Whether a velocity is kept (μ &gt; 0). */
  public boolean hasMomentum() {
    return momentum > 0;
  }

  /**
   * η must be positive and finite; returns it.
   *
   * @throws IllegalArgumentException otherwise (NaN included): "learning rate η must be positive and finite, got …"
   */
  public static double checkLearningRate(double eta) {
    checkArgument(eta > 0 && eta < Double.POSITIVE_INFINITY, "learning rate η must be positive and finite, got %s", eta);
    return eta;
  }

  /**
   * μ must be in [0, 1) (with μ ≥ 1 the velocity never decays); returns it.
   *
   * @throws IllegalArgumentException otherwise: "momentum μ must be in [0, 1), got …"
   */
  public static double checkMomentum(double mu) {
    checkArgument(mu >= 0 && mu < 1, "momentum μ must be in [0, 1), got %s", mu);
    return mu;
  }
}
