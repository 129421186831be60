package dev.nabla.optim;

import com.google.common.collect.ImmutableMap;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Map;

/**
 * Training stopped because the cost, a gradient or a parameter became NaN or infinite — usually
 * because the learning rate η is too large for the cost's curvature, so each step overshoots further.
 * The message names the step (and epoch) and suggests a smaller η; {@link #lastFiniteParameters()}
 * holds the parameters as they were before the step that went wrong. {@link GradientDescent},
 * {@link MiniBatchGradientDescent} and the Spark trainer ({@code dev.nabla.spark.SparkGradientDescent})
 * all throw it, so one {@code catch} serves them all.
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

  private TrainingDivergedException(String message, int epoch, int step, double learningRate,
      Map<Variable, Tensor> lastFiniteParameters) {
    super(message);
    this.epoch = epoch;
    this.step = step;
    this.learningRate = learningRate;
    this.lastFiniteParameters = ImmutableMap.copyOf(lastFiniteParameters);
  }

  /**
   * The exception, with the message every optimiser gives: {@code "<algorithm> diverged at epoch E, step
   * S (step K of the epoch): <what>. The parameters are left at their last finite values, <from>. Try a
   * smaller learning rate than η = <η>."} (without epochs: {@code "… diverged at step S: …"}). This
   * package's optimisers and the Spark trainer build theirs here; so can an optimiser of your own.
   *
   * <pre>{@code
   * throw TrainingDivergedException.of("my optimiser", 2, 130, 30, 0.5,
   *     "the update made parameter 'w' NaN or infinite", "from before step 130", parametersBefore);
   * }</pre>
   *
   * @param algorithm what diverged, e.g. "mini-batch gradient descent"
   * @param epoch the epoch, from 1, or 0 for an algorithm without epochs
   * @param step the failing step, from 1, counted over the whole run
   * @param stepInEpoch the failing step's number within its epoch, from 1 (ignored when {@code epoch} is 0)
   * @param learningRate the η of the failing step
   * @param what what went wrong
   * @param parametersFrom which step {@code lastFiniteParameters} are from, e.g. "from before step 130"
   * @param lastFiniteParameters the parameters to fall back on, all finite, in the order they were given
   */
  public static TrainingDivergedException of(String algorithm, int epoch, int step, int stepInEpoch, double learningRate,
      String what, String parametersFrom, Map<Variable, Tensor> lastFiniteParameters) {
    String where = epoch == 0
        ? "step " + step
        : "epoch " + epoch + ", step " + step + " (step " + stepInEpoch + " of the epoch)";
    String message = String.format(
        "%s diverged at %s: %s. The parameters are left at their last finite values, %s. "
            + "Try a smaller learning rate than η = %s.",
        algorithm, where, what, parametersFrom, learningRate);
    return new TrainingDivergedException(message, epoch, step, learningRate, lastFiniteParameters);
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
