package dev.nabla.optim;

/**
 * Why {@link GradientDescent} stopped.
 *
 * <pre>{@code
 * if (result.stopReason() == StopReason.MAX_STEPS) { ... } // the tolerances were not reached
 * }</pre>
 */
public enum StopReason {
  /** The configured number of steps was taken. */
  MAX_STEPS,
  /** ‖∇C‖ fell below the gradient tolerance. */
  GRADIENT_NORM_BELOW_TOLERANCE,
  /** |C after the step − C before it| fell below the cost-change tolerance. */
  COST_CHANGE_BELOW_TOLERANCE
}
