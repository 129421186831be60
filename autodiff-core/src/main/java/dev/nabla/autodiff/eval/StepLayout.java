package dev.nabla.autodiff.eval;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.MatMul;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout a training step chooses for each parameter, from how the cost and its gradients use it.
 *
 * <p>A matrix parameter W is <b>packed</b> ({@link dev.nabla.autodiff.kernel.PackedMatrix}) when every
 * node that reads it is a product with W on the right and no transposed left operand, {@code X·Wᵀ} or
 * {@code X·W}: the layer's forward product and its backward product both have packed kernels. P is then
 * Wᵀ when a forward product reads Wᵀ ({@code transposed}), W otherwise. Any other reader (a weight
 * penalty {@code ‖W‖²}, say) keeps W in the user's layout, with the row-major kernels.
 *
 * <p>A packed parameter's update is <b>fused</b> when its gradient is the product {@code Aᵀ·G} in P's
 * orientation ({@code Gᵀ·A} for P = Wᵀ), as reverse mode writes the gradient of one product: the
 * update then accumulates {@code −η·AᵀG} into P and the gradient is never stored. Otherwise (a
 * parameter read by several products, or when the gradients are wanted) the gradient is computed and
 * added in.
 */
final class StepLayout {
  /** How one parameter is held and updated. */
  record Choice(Variable parameter, Shape shape, boolean packed, boolean transposed, Expr gradient, Expr a, Expr g) {
    /** Whether the update is fused into the gradient's product. */
    boolean fused() {
      return a != null;
    }
  }

  private StepLayout() {}

  /** One choice per parameter, in order; {@code keepGradients} turns fusion off (the gradients are then computed). */
  static List<Choice> choose(Expr cost, List<Variable> parameters, List<Shape> shapes, List<Expr> gradients,
      boolean keepGradients) {
    List<Expr> all = new ArrayList<>(gradients);
    all.add(cost);
    Map<Variable, List<MatMul>> readers = new IdentityHashMap<>();
    Map<Variable, Boolean> other = new IdentityHashMap<>();
    for (Expr node : Graph.topologicalOrder(all)) {
      for (int i = 0; i < node.inputs().size(); i++) {
        if (node.inputs().get(i) instanceof Variable v) {
          if (node instanceof MatMul mm && i == 1 && !mm.transA() && mm.inputs().get(0) != v) {
            readers.computeIfAbsent(v, x -> new ArrayList<>()).add(mm);
          } else {
            other.put(v, true);
          }
        }
      }
    }
    List<Choice> choices = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      Variable v = parameters.get(i);
      Expr gradient = gradients.get(i);
      List<MatMul> products = readers.getOrDefault(v, List.of());
      boolean packed = shapes.get(i).rank() == 2 && !products.isEmpty() && !other.containsKey(v);
      boolean transposed = products.stream().anyMatch(MatMul::transB);
      Expr a = null;
      Expr g = null;
      if (packed && !keepGradients && gradient instanceof MatMul mm && mm.transA() && !mm.transB()) {
        for (boolean t : new boolean[] {transposed, !transposed}) {
          // P = Wᵀ: ∇W = Gᵀ·A, so ∇P = Aᵀ·G; P = W: ∇W = ∇P = Aᵀ·G. A is the left operand of the
          // forward product (X·Wᵀ, or X·W), which tells the two apart when W is square.
          Expr candidate = mm.inputs().get(t ? 1 : 0);
          if (products.stream().anyMatch(r -> r.transB() == t && r.inputs().get(0) == candidate)) {
            transposed = t;
            a = candidate;
            g = mm.inputs().get(t ? 0 : 1);
            break;
          }
        }
      }
      choices.add(new Choice(v, shapes.get(i), packed, transposed, gradient, a, g));
    }
    return choices;
  }

  /**
   * The sparse inputs every reader of which is a packed product (the input on the left, a packed
   * parameter on the right) or a fused update that takes the input's non-zeros from its {@link
   * SparseRows}: a run never reads their bound values.
   */
  static java.util.Set<Variable> valuesUnread(Schedule schedule, java.util.Set<Variable> sparse,
      Map<Variable, Program.PackedParameter> packed) {
    java.util.Set<Variable> unread = new java.util.HashSet<>();
    for (Variable x : sparse) {
      int slot = schedule.slotOf(x);
      boolean onlyRows = true;
      for (int i = 0; i < schedule.size() && onlyRows; i++) {
        int[] in = schedule.inputs[i];
        for (int j = 0; j < in.length; j++) {
          if (in[j] == slot) {
            onlyRows &= j == 0 && schedule.node(i) instanceof MatMul mm && !mm.transA()
                && mm.inputs().get(1) instanceof Variable w && packed.containsKey(w)
                && packed.get(w).transposed() == mm.transB() && in[1] != slot;
          }
        }
      }
      if (onlyRows) {
        unread.add(x);
      }
    }
    return unread;
  }
}
