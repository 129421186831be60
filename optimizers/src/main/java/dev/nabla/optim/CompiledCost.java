package dev.nabla.optim;

import dev.nabla.autodiff.diff.Gradients;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Plan;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A cost and its gradients with respect to the parameters, differentiated once and compiled into a
 * {@link Plan} that computes them in one pass sharing the forward values: what each thread of a parallel
 * run evaluates on its shard ({@link ParallelStep}). One instance serves one thread; {@link #cost} and
 * {@link #gradient} read the plan's buffers, valid until the next {@link #run}.
 */
final class CompiledCost {
  private final List<Expr> outputs; // the cost, then one gradient per parameter, in order
  private final Plan plan;
  private List<Tensor> last;

  /** Differentiates {@code cost} (checked by {@link TrainingChecks}) with respect to {@code parameters} and compiles it. */
  CompiledCost(Expr cost, List<Variable> parameters) {
    List<Expr> all = new ArrayList<>(parameters.size() + 1);
    all.add(cost);
    all.addAll(Gradients.of(cost, parameters));
    this.outputs = List.copyOf(all);
    this.plan = Plan.of(outputs);
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
   * Evaluates the cost and the gradients. Throws {@code NonFiniteValueException} when one of them is NaN
   * or infinite.
   */
  void run(Bindings bindings) {
    last = plan.run(bindings);
  }

  /** The cost of the last run. */
  double cost() {
    return last.get(0).item();
  }

  /** The gradient of parameter {@code i} (in the order given) of the last run: a view of the plan's buffer. */
  double[] gradient(int i) {
    return last.get(1 + i).rawData();
  }
}
