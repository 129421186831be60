package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * What {@link GradientDescent#minimize} found: the final parameters (in the order they were given) and
 * the history. {@code costs().get(k)} and {@code gradientNorms().get(k)} are C and ‖∇C‖ after {@code k}
 * steps, so both lists have {@code steps() + 1} entries: the first is the starting point, the last the
 * returned parameters.
 *
 * <pre>{@code
 * MinimizationResult r = gd.minimize(cost, Map.of(v, Tensor.of(1, 1)));
 * Tensor v = r.parameters().get(v);
 * double c = r.finalCost();
 * }</pre>
 *
 * @param parameters final values, in the order of the initial map
 * @param costs C after 0, 1, …, {@code steps} steps
 * @param gradientNorms ‖∇C‖ after 0, 1, …, {@code steps} steps
 * @param steps the number of updates made
 * @param stopReason which rule ended the run
 */
public record MinimizationResult(Map<Variable, Tensor> parameters, List<Double> costs, List<Double> gradientNorms,
    int steps, StopReason stopReason) {

  /** Copies the collections; checks that both histories have {@code steps + 1} entries. */
  public MinimizationResult {
    parameters = ImmutableMap.copyOf(parameters);
    costs = ImmutableList.copyOf(costs);
    gradientNorms = ImmutableList.copyOf(gradientNorms);
    checkNotNull(stopReason, "stop reason");
    checkArgument(costs.size() == steps + 1 && gradientNorms.size() == steps + 1,
        "after %s steps the histories need %s entries, got %s costs and %s gradient norms",
        steps, steps + 1, costs.size(), gradientNorms.size());
  }

  /** C at the returned parameters. */
  public double finalCost() {
    return costs.get(costs.size() - 1);
  }

  /** ‖∇C‖ at the returned parameters. */
  public double finalGradientNorm() {
    return gradientNorms.get(gradientNorms.size() - 1);
  }
}
