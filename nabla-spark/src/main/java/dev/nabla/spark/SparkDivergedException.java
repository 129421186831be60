package dev.nabla.spark;

import com.google.common.collect.ImmutableMap;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Map;

/**
 * Training on Spark stopped because a batch's cost or gradient, or the updated parameters, became NaN
 * or infinite, usually because the learning rate is too large. The message names the step;
 * {@link #lastFiniteParameters()} holds the parameters before it.
 *
 * <pre>{@code
 * try {
 *   result = sgd.train(cost, x, y, params, data, listener);
 * } catch (SparkDivergedException e) {
 *   params = e.lastFiniteParameters();   // try again with a smaller η
 * }
 * }</pre>
 */
public final class SparkDivergedException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  private final int step;
  private final transient ImmutableMap<Variable, Tensor> lastFiniteParameters;

  SparkDivergedException(String message, int step, Map<Variable, Tensor> lastFiniteParameters) {
    super(message);
    this.step = step;
    this.lastFiniteParameters = ImmutableMap.copyOf(lastFiniteParameters);
  }

  /** The failing step, from 1. */
  public int step() {
    return step;
  }

  /** The parameters before the failing step, in the order they were given. */
  public Map<Variable, Tensor> lastFiniteParameters() {
    return lastFiniteParameters;
  }
}
