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
   * Every operation, unguarded: adds relu, abs, max, argmax, stop_gradient and the comparisons, and
   * raw log, sqrt, division and exp. Evaluation may legitimately produce NaN or ∞ (reported as a
   * {@link dev.nabla.autodiff.eval.NonFiniteValueException}); gradients may differ at kinks.
   */
  ALL;

  GraphOp[] ops() {
    GraphOp[] all = GraphOp.values();
    return this == ALL ? all : java.util.Arrays.copyOf(all, GraphOp.EXPAND.ordinal() + 1);
  }
}
