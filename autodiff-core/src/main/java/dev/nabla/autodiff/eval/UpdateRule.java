package dev.nabla.autodiff.eval;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

/**
 * How a {@link TrainingStep} moves its parameters: the seeds' {@code v → v − η∇C}, or with momentum
 * μ the ball that rolls, {@code u → μu − η∇C, v → v + u} (the velocity u starts at zero). Validated
 * once, here, so an optimiser that holds one need not check η or μ again.
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
    checkState(!Double.isNaN(learningRate), "learning rate η is not set: call learningRate(η) on the builder");
    checkArgument(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY,
        "learning rate η must be positive and finite, got %s", learningRate);
    checkArgument(momentum >= 0 && momentum < 1, "momentum μ must be in [0, 1), got %s", momentum);
  }

  /** {@code v → v − η∇C}. */
  public static UpdateRule gradientDescent(double learningRate) {
    return new UpdateRule(learningRate, 0);
  }

  /** {@code u → μu − η∇C, v → v + u}. */
  public static UpdateRule withMomentum(double learningRate, double momentum) {
    return new UpdateRule(learningRate, momentum);
  }

  /** Whether a velocity is kept (μ &gt; 0). */
  public boolean hasMomentum() {
    return momentum > 0;
  }
}
