package dev.nabla.autodiff.diff;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Verify;
import dev.nabla.autodiff.graph.Composites;
import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Expand;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Reduce;
import dev.nabla.autodiff.graph.ReduceOp;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Broadcasting;
import dev.nabla.autodiff.tensor.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reverse-mode differentiation. {@link #of} orders the nodes the cost depends on, walks them from the
 * cost back to the variables, asks each node for its VJP (an expression), sums the contributions of a
 * node used several times, and sums broadcast adjoints down to their input's shape — the one place
 * where broadcasting is undone. The result is an ordinary expression graph, linear in the size of the
 * forward graph, that shares the forward nodes: evaluate it, print it, or differentiate it again.
 */
public final class Gradients {
  private Gradients() {}

  /** What {@link #of(Expr, List, Unused)} does with a variable the cost does not contain. */
  public enum Unused {
    /** Reject it with an error naming it and the cost's variables: usually a mistake (another variable object). */
    REJECT,
    /** Give it zeros of its shape, as PyTorch's {@code allow_unused} with {@code materialize_grads} does. */
    ZEROS
  }

  /**
   * {@code ∂cost/∂v} for each {@code v} in {@code wrt}, each of {@code v}'s shape. Identical
   * subexpressions of the results are shared. A variable that occurs in the cost only where no gradient
   * flows (under a comparison or {@code stopGradient}) gets zeros.
   *
   * @throws IllegalArgumentException when the cost is not a scalar, or does not contain one of the
   *     variables (see {@link Unused#REJECT})
   */
  public static List<Expr> of(Expr cost, List<Variable> wrt) {
    return of(cost, wrt, Unused.REJECT);
  }

  /** {@link #of(Expr, List)}, with a choice of what to do with variables the cost does not contain. */
  public static List<Expr> of(Expr cost, List<Variable> wrt, Unused unused) {
    checkNotNull(cost, "grad: cost is null");
    checkNotNull(wrt, "grad: wrt is null");
    checkNotNull(unused, "grad: unused is null");
    for (int i = 0; i < wrt.size(); i++) {
      checkNotNull(wrt.get(i), "grad: wrt[%s] is null", i);
    }
    checkArgument(cost.shape().isScalar(),
        "grad: the cost must be a scalar, but it has shape %s (reduce it with sum or mean first): %s", cost.shape(), cost);
    List<Expr> order = Graph.topologicalOrder(List.of(cost));
    if (unused == Unused.REJECT) {
      checkAllOccur(order, wrt);
    }
    Set<Expr> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
    wanted.addAll(wrt);
    Set<Expr> leadsToWanted = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Expr node : order) {
      if (wanted.contains(node) || node.inputs().stream().anyMatch(leadsToWanted::contains)) {
        leadsToWanted.add(node);
      }
    }

    Map<Expr, List<Expr>> contributions = new IdentityHashMap<>();
    Map<Expr, Expr> adjoints = new IdentityHashMap<>();
    contributions.put(cost, new ArrayList<>(List.of(Constant.of(1))));
    for (int k = order.size() - 1; k >= 0; k--) {
      Expr node = order.get(k);
      List<Expr> parts = contributions.remove(node);
      if (parts == null || !leadsToWanted.contains(node)) {
        continue;
      }
      Expr g = parts.get(0);
      for (int i = 1; i < parts.size(); i++) {
        g = g.add(parts.get(i));
      }
      adjoints.put(node, g);
      List<Optional<Expr>> vjps = node.vjp(g);
      Verify.verify(vjps.size() == node.inputs().size(), "%s: VJP gave %s entries for %s inputs",
          node.opName(), vjps.size(), node.inputs().size());
      for (int i = 0; i < vjps.size(); i++) {
        Expr input = node.inputs().get(i);
        if (vjps.get(i).isPresent() && leadsToWanted.contains(input)) {
          Expr c = sumTo(vjps.get(i).get(), input, node);
          contributions.computeIfAbsent(input, x -> new ArrayList<>()).add(c);
        }
      }
    }
    List<Expr> result = new ArrayList<>(wrt.size());
    for (Variable v : wrt) {
      Expr a = adjoints.get(v);
      result.add(a != null ? a : Composites.zerosLike(v));
    }
    return Graph.shareCommonSubexpressions(result);
  }

  private static void checkAllOccur(List<Expr> order, List<Variable> wrt) {
    Set<Expr> present = Collections.newSetFromMap(new IdentityHashMap<>());
    present.addAll(order);
    for (Variable v : wrt) {
      if (!present.contains(v)) {
        List<Variable> vars = order.stream().filter(Variable.class::isInstance).map(Variable.class::cast).toList();
        boolean namesake = vars.stream().anyMatch(u -> u.name().equals(v.name()));
        throw new IllegalArgumentException(String.format(
            "grad: the cost does not contain variable '%s' %s%s; its variables are %s. Use gradAllowingUnused "
                + "(Gradients.Unused.ZEROS) for zeros", v.name(), v.shape(),
            namesake ? " (it contains a different variable of the same name: two variables share the name '" + v.name() + "')"
                : "", vars.stream().map(u -> u.name() + " " + u.shape()).collect(Collectors.joining(", ", "[", "]"))));
      }
    }
  }

  /**
   * Sums an adjoint contribution down to its input's shape: leading axes the input lacks are summed
   * away, and axes where the input has size 1 are summed with their size kept.
   */
  static Expr sumTo(Expr c, Expr input, Expr consumer) {
    Shape target = input.shape();
    if (c.shape().equals(target)) {
      return c;
    }
    int lead = c.shape().rank() - target.rank();
    if (lead > 0) {
      c = Reduce.of(ReduceOp.SUM, c, false, Reduce.allAxes(lead));
    }
    if (c.shape().rank() == target.rank()) {
      List<Integer> axes = new ArrayList<>();
      for (int i = 0; i < target.rank(); i++) {
        if (target.dim(i) == 1 && c.shape().dim(i) != 1) {
          axes.add(i);
        }
      }
      if (!axes.isEmpty()) {
        c = Reduce.of(ReduceOp.SUM, c, true, axes.stream().mapToInt(Integer::intValue).toArray());
      }
    }
    if (!c.shape().equals(target)) {
      Verify.verify(Broadcasting.shape("grad", c.shape(), target).equals(target),
          "%s: VJP contribution of shape %s does not fit input of shape %s", consumer.opName(), c.shape(), target);
      c = Expand.of(c, input);
    }
    return c;
  }
}
