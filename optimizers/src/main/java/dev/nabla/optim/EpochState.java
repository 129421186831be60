package dev.nabla.optim;

import com.google.common.collect.ImmutableMap;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Tensor;
import java.time.Duration;
import java.util.Map;

/**
 * What a {@link TrainingListener} sees at the end of an epoch: where training is, the epoch's mean
 * cost, and a copy of the current parameters to evaluate with (for example on test data).
 *
 * <pre>{@code
 * Tensor predictions = Nabla.evaluate(output, state.bindings().with(x, testInputs));
 * }</pre>
 *
 * @param epoch the epoch just finished, from 1
 * @param epochs the number of epochs configured
 * @param steps updates made so far in the run
 * @param meanCost as in {@link EpochRecord#meanCost()}
 * @param learningRate the η of this epoch's steps
 * @param elapsedNanos time since the run started
 * @param parameters a copy of the current parameters, in the order given to {@code train}
 */
public record EpochState(int epoch, int epochs, int steps, double meanCost, double learningRate, long elapsedNanos,
    Map<Variable, Tensor> parameters) {

  /** Copies the parameter map. */
  public EpochState {
    parameters = ImmutableMap.copyOf(parameters);
  }

  /** The parameters as bindings, ready for {@code .with(x, testInputs)}. */
  public Bindings bindings() {
    return Bindings.of(parameters);
  }

  /** {@link #elapsedNanos} as a duration. */
  public Duration elapsed() {
    return Duration.ofNanos(elapsedNanos);
  }
}
