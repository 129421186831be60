package dev.nabla.optim;

import com.google.common.collect.ImmutableMap;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Map;

/**
 * Training stopped because the cost, a gradient or a parameter became NaN or infinite — usually
 * because the learning rate η is too large for the cost's curvature, so each step overshoots further.
 * The message names the step (and epoch) and suggests a smaller η; {@link #lastFiniteParameters()}
 * holds the parameters as they were before the step that went wrong.
 *
 * <pre>{@code
 * try {
 *   result = sgd.train(cost, x, y, params, data, listener);
 * } catch (TrainingDivergedException e) {
 *   // e.getMessage(): "mini-batch gradient descent diverged at epoch 1, step 3 (step 3 of the epoch):
 *   //   the update made parameter 'w' NaN or infinite. ... try a smaller learning rate than η = 1.0E9"
 *   params = e.lastFiniteParameters();
 * }
 * }</pre>
 */
public final class TrainingDivergedException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  /** The epoch of the failure, or 0. */
  private final int epoch;
  /** The failing step. */
  private final int step;
  /** η. */
  private final double learningRate;
  private final transient ImmutableMap<Variable, Tensor> lastFiniteParameters;

  TrainingDivergedException(String message, int epoch, int step, double learningRate,
      Map<Variable, Tensor> lastFiniteParameters, Throwable cause) {
    super(message);
    this.epoch = epoch;
    this.step = step;
    this.learningRate = learningRate;
    this.lastFiniteParameters = ImmutableMap.copyOf(lastFiniteParameters);
    if (cause != null) {
      initCause(cause);
    }
  }

  /** The epoch (from 1) in which training diverged; 0 for {@link GradientDescent}, which has no epochs. */
  public int epoch() {
    return epoch;
  }

  /** The step (from 1, counted over the whole run) whose cost, gradient or update was not finite. */
  public int step() {
    return step;
  }

  /** The learning rate η that was used. */
  public double learningRate() {
    return learningRate;
  }

  /** The parameters before the failing step, all finite, in the order they were given. */
  public Map<Variable, Tensor> lastFiniteParameters() {
    return lastFiniteParameters;
  }
}
