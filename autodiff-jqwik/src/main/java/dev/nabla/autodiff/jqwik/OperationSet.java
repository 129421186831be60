package dev.nabla.autodiff.jqwik;

/**
 * Which operations a generated expression graph may use ({@link ExprGraphs}).
 *
 * <pre>{@code
 * ExprGraphs.costs(x, w).operations(OperationSet.ALL)   // for fuzzing evaluation
 * }</pre>
 */
public enum OperationSet {
  /**
   * Operations differentiable everywhere, with operands guarded so values stay moderate: add, sub, mul
   * (by tanh of the partner), div (by 1 + y²), neg, exp (of tanh), log and sqrt (of 1 + x²), pow (of a
   * positive base), tanh, sigmoid, matmul, transpose, reshape, sum, mean, softmax, logSumExp, expand.
   * Gradients of such graphs must pass a finite-difference check at any bound values.
   */
  SMOOTH,
  /**
   * The smooth operations, guarded as in {@link #SMOOTH}, plus relu, abs and max: differentiable except
   * on kinks. Gradient assertions pass such graphs at any bound values, since they skip the components
   * and directions whose finite-difference step crosses a kink.
   */
  PIECEWISE_SMOOTH,
  /**
   * Every operation, unguarded: adds relu, abs, max, argmax, stop_gradient and the comparisons, and
   * raw log, sqrt, division and exp. Evaluation may legitimately produce NaN or ∞ (reported as a
   * {@link dev.nabla.autodiff.eval.NonFiniteValueException}); gradients may differ at kinks.
   */
  ALL;

  GraphOp[] ops() {
    GraphOp[] all = GraphOp.values();
    GraphOp last = switch (this) {
      case SMOOTH -> GraphOp.EXPAND;
      case PIECEWISE_SMOOTH -> GraphOp.MAX;
      case ALL -> all[all.length - 1];
    };
    return java.util.Arrays.copyOf(all, last.ordinal() + 1);
  }

  /** Whether operands that could make values grow fast are guarded ({@code tanh}, {@code 1 + y²}). */
  boolean guarded() {
    return this != ALL;
  }
}
