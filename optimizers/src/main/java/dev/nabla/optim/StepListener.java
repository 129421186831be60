package dev.nabla.optim;

/**
 * Called by {@link GradientDescent} after every evaluation of the cost, to print progress or record
 * it. It receives primitives only, so an unused listener costs a call and no allocation.
 *
 * <pre>{@code
 * StepListener print = (step, cost, gradientNorm, elapsedNanos) ->
 *     System.out.printf("step %d: C = %.6f, ‖∇C‖ = %.3g%n", step, cost, gradientNorm);
 * }</pre>
 */
@FunctionalInterface
public interface StepListener {
  /** A listener that does nothing. */
  StepListener NONE = (step, cost, gradientNorm, elapsedNanos) -> {};

  /**
   * @param step the number of updates made so far (0 for the starting point)
   * @param cost C at the current parameters
   * @param gradientNorm ‖∇C‖ at the current parameters
   * @param elapsedNanos time since the run started
   */
  void onStep(int step, double cost, double gradientNorm, long elapsedNanos);
}
