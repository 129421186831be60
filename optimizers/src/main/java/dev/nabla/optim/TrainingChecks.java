package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.nabla.autodiff.eval.TrainingStep;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks every optimiser here applies to what {@code train} or {@code minimize} is given, before
 * compiling anything, whichever way the run then takes its steps.
 */
final class TrainingChecks {
  private TrainingChecks() {}

  /**
   * Every initial value fits its variable's shape and is finite ({@link TrainingStep#checkInitialValues});
   * returns the variables, in order.
   *
   * @throws IllegalArgumentException naming the parameter otherwise, or when there are none
   */
  static List<Variable> initialValues(Map<Variable, Tensor> initial) {
    TrainingStep.checkInitialValues(initial);
    return ImmutableList.copyOf(initial.keySet());
  }

  /**
   * The cost is a scalar, contains every parameter ({@link TrainingStep#checkCost}), and reads no variable
   * that is neither a parameter nor one of {@code bound} (data, constants).
   *
   * @throws IllegalArgumentException naming the shapes or the variables otherwise
   */
  static void cost(Expr cost, List<Variable> parameters, Collection<Variable> bound) {
    TrainingStep.checkCost(cost, parameters);
    Set<Variable> known = Collections.newSetFromMap(new IdentityHashMap<>());
    known.addAll(parameters);
    known.addAll(bound);
    for (Variable v : Graph.variables(List.of(cost))) {
      checkArgument(known.contains(v), "the cost depends on variable '%s' %s, which is neither a parameter nor bound to "
          + "data; parameters are %s", v.name(), v.shape(), parameters.stream().map(Variable::name).toList());
    }
  }
}
