package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.diff.Gradients;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Plan;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A cost and its gradients with respect to the parameters, differentiated and compiled (a {@link Plan})
 * once per run. {@link #run} returns the cost's value first, then one gradient per parameter, computed
 * in one pass that shares the forward values. The returned tensors are views of the plan's buffers:
 * read them before the next run. One instance serves one thread.
 */
final class CompiledCost {
  private final List<Expr> outputs;
  private final Plan plan;

  /**
   * Differentiates {@code cost} with respect to {@code parameters} and compiles the plan.
   *
   * @param otherBound the variables that will be bound besides the parameters (data, constants)
   * @throws IllegalArgumentException when the cost is not a scalar, does not contain a parameter (training
   *     could not change it: usually a mistake in building the cost), or depends on a variable that would
   *     not be bound
   */
  CompiledCost(Expr cost, List<Variable> parameters, Collection<Variable> otherBound) {
    checkNotNull(cost, "cost");
    checkArgument(cost.shape().isScalar(),
        "the cost must be a scalar (reduce it with sum or mean), but it has shape %s", cost.shape());
    List<Variable> costVariables = Graph.variables(List.of(cost));
    Set<Variable> inCost = Collections.newSetFromMap(new IdentityHashMap<>());
    inCost.addAll(costVariables);
    for (Variable p : parameters) {
      checkArgument(inCost.contains(p), "the cost does not contain parameter '%s' %s, so training could not change it; "
          + "the cost's variables are %s", p.name(), p.shape(), names(costVariables));
    }
    List<Expr> outputs = new ArrayList<>(parameters.size() + 1);
    outputs.add(cost);
    outputs.addAll(Gradients.of(cost, parameters));
    this.outputs = List.copyOf(outputs);
    this.plan = Plan.of(outputs);
    Set<Variable> bound = Collections.newSetFromMap(new IdentityHashMap<>());
    bound.addAll(parameters);
    bound.addAll(otherBound);
    for (Variable v : plan.variables()) {
      checkArgument(bound.contains(v),
          "the cost depends on variable '%s' %s, which is neither a parameter nor bound to data; "
              + "parameters are %s", v.name(), v.shape(), names(parameters));
    }
  }

  private CompiledCost(List<Expr> outputs) {
    this.outputs = outputs;
    this.plan = Plan.of(outputs);
  }

  /** The same cost and gradients, with a plan (and buffers) of its own: for another thread. */
  CompiledCost forAnotherThread() {
    return new CompiledCost(outputs);
  }

  /**
   * The cost and the gradients, in parameter order, valid until the next run. Throws {@code
   * NonFiniteValueException} when one of them is NaN or infinite.
   */
  List<Tensor> run(Bindings bindings) {
    return plan.run(bindings);
  }

  private static List<String> names(List<Variable> variables) {
    return variables.stream().map(Variable::name).toList();
  }
}
