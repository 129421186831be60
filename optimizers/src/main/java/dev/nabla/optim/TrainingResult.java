package dev.nabla.optim;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * What {@link MiniBatchGradientDescent#train} returns: the final parameters, in the order they were
 * given, and one {@link EpochRecord} per epoch run.
 *
 * <pre>{@code
 * TrainingResult r = sgd.train(cost, x, y, params, data);
 * Map<Variable, Tensor> trained = r.parameters();
 * double lastCost = r.history().get(r.history().size() - 1).meanCost();
 * }</pre>
 *
 * @param parameters final values, in the order of the initial map
 * @param history one record per epoch, in order
 * @param steps updates made
 * @param stoppedEarly true when the listener stopped training before the configured number of epochs
 */
public record TrainingResult(Map<Variable, Tensor> parameters, List<EpochRecord> history, int steps,
    boolean stoppedEarly) {

  /** Copies the collections. */
  public TrainingResult {
    parameters = ImmutableMap.copyOf(parameters);
    history = ImmutableList.copyOf(history);
  }
}
