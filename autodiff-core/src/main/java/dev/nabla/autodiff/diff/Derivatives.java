package dev.nabla.autodiff.diff;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.graph.Concat;
import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Reshape;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Derivatives beyond the gradient, all built from reverse mode ({@link Gradients}) and all returning
 * ordinary expressions: print them, evaluate them, compile them into a plan, or differentiate them
 * again.
 *
 * <ul>
 *   <li>{@link #hvp}: Hessian-vector products {@code H·v}, the gradient of {@code ⟨∇C, v⟩};
 *   <li>{@link #jvp}: Jacobian-vector products {@code J·t}, forward-mode directional derivatives;
 *   <li>{@link #hessian} and {@link #jacobian}: the dense matrices, one reverse pass per row, for small
 *       variables (at most {@value #MAX_DENSE} elements).
 * </ul>
 */
public final class Derivatives {
  /** The largest element count of a dense Jacobian's or Hessian's side. */
  public static final int MAX_DENSE = 4096;

  private Derivatives() {}

  /**
   * The Hessian-vector product {@code H·v} of a scalar cost with respect to {@code wrt} along {@code v}
   * (an expression of {@code wrt}'s shape): the gradient of {@code ⟨∇C, v⟩}. Costs one more reverse pass
   * than the gradient; the Hessian itself is never formed.
   */
  public static Expr hvp(Expr cost, Variable wrt, Expr v) {
    checkNotNull(wrt, "hvp: wrt is null");
    checkNotNull(v, "hvp: v is null");
    return hvp(cost, List.of(wrt), List.of(v)).get(0);
  }

  /** {@link #hvp(Expr, Variable, Expr)} for several variables and a direction for each. */
  public static List<Expr> hvp(Expr cost, List<Variable> wrt, List<? extends Expr> directions) {
    checkNotNull(cost, "hvp: cost is null");
    checkDirections("hvp", wrt, directions, "directions");
    List<Expr> gradients = Gradients.of(cost, wrt);
    return Gradients.of(inner(gradients, directions), wrt, Gradients.Unused.ZEROS);
  }

  /**
   * The Jacobian-vector product {@code J·t}: the derivative of {@code f} (of any shape) along the
   * direction {@code tangent} (of {@code wrt}'s shape), {@code lim (f(w + εt) − f(w)) / ε}, of {@code
   * f}'s shape.
   *
   * <p><b>How it is computed.</b> Not by a separate forward mode, but by transposing reverse mode (the
   * "double-VJP" trick): for a placeholder {@code u} of {@code f}'s shape, reverse mode gives
   * {@code Jᵀu}, which is linear in {@code u}; the gradient of {@code ⟨Jᵀu, t⟩} with respect to {@code u}
   * is {@code J·t}. Since it does not depend on {@code u}'s value, the placeholder is then replaced by
   * {@code f} wherever it still appears as a mere shape. The cost is two reverse passes over the graph
   * (about three evaluations of {@code f}), and the result is an ordinary expression in {@code f}'s
   * variables.
   */
  public static Expr jvp(Expr f, Variable wrt, Expr tangent) {
    checkNotNull(wrt, "jvp: wrt is null");
    checkNotNull(tangent, "jvp: tangent is null");
    return jvp(f, List.of(wrt), List.of(tangent));
  }

  /** {@link #jvp(Expr, Variable, Expr)} along a tangent for each of several variables: {@code Σ Jₖ·tₖ}. */
  public static Expr jvp(Expr f, List<Variable> wrt, List<? extends Expr> tangents) {
    checkNotNull(f, "jvp: f is null");
    checkDirections("jvp", wrt, tangents, "tangents");
    checkOccur("jvp", f, wrt);
    Variable u = Variable.of("u", f.shape());
    List<Expr> transposed = Gradients.of(f.mul(u).sum(), wrt, Gradients.Unused.ZEROS);
    Expr jt = Gradients.of(inner(transposed, tangents), List.of(u), Gradients.Unused.ZEROS).get(0);
    return Graph.substitute(List.of(jt), Map.of(u, f)).get(0);
  }

  /**
   * The dense Hessian of a scalar cost with respect to {@code w}, of shape {@code w.shape ++ w.shape}:
   * {@code H[i…, j…] = ∂²C / ∂w[i…] ∂w[j…]}. One reverse pass per element of {@code w}, so for small
   * {@code w} only; for large ones use {@link #hvp}.
   */
  public static Expr hessian(Expr cost, Variable w) {
    checkNotNull(cost, "hessian: cost is null");
    checkNotNull(w, "hessian: w is null");
    checkArgument(cost.shape().isScalar(), "hessian: the cost must be a scalar, but it has shape %s", cost.shape());
    return jacobian("hessian", Gradients.of(cost, List.of(w)).get(0), w);
  }

  /**
   * The dense Jacobian of {@code f} with respect to {@code w}, of shape {@code f.shape ++ w.shape}:
   * {@code J[i…, j…] = ∂f[i…] / ∂w[j…]}. Both shapes must be concrete. One reverse pass per element of
   * {@code f} (each starting from that element, never from a one-hot matrix); for large ones use
   * {@link #jvp} or {@link Gradients}.
   */
  public static Expr jacobian(Expr f, Variable w) {
    checkNotNull(f, "jacobian: f is null");
    checkNotNull(w, "jacobian: w is null");
    checkOccur("jacobian", f, List.of(w));
    return jacobian("jacobian", f, w);
  }

  private static Expr jacobian(String op, Expr f, Variable w) {
    checkArgument(f.shape().isConcrete() && w.shape().isConcrete(),
        "%s: needs concrete shapes, got %s for the function and %s for '%s'", op, f.shape(), w.shape(), w.name());
    int m = f.shape().size();
    int n = w.shape().size();
    checkArgument(m <= MAX_DENSE && n <= MAX_DENSE,
        "%s: %s x %s is too large to form densely (at most %s a side); use jvp or hvp", op, m, n, MAX_DENSE);
    Expr flat = Reshape.of(f, Shape.of(m));
    List<Expr> rows = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      Expr row = Gradients.of(flat.index(i), List.of(w), Gradients.Unused.ZEROS).get(0);
      rows.add(Reshape.of(row, Shape.of(n)));
    }
    int[] dims = new int[f.shape().rank() + w.shape().rank()];
    System.arraycopy(f.shape().dims(), 0, dims, 0, f.shape().rank());
    System.arraycopy(w.shape().dims(), 0, dims, f.shape().rank(), w.shape().rank());
    Expr stacked = Concat.stack(0, rows);
    return Graph.shareCommonSubexpressions(List.of(Reshape.of(stacked, Shape.of(dims)))).get(0);
  }

  /** {@code Σₖ sum(aₖ ⊙ bₖ)}. */
  private static Expr inner(List<Expr> a, List<? extends Expr> b) {
    Expr total = Constant.of(0);
    for (int k = 0; k < a.size(); k++) {
      total = total.add(a.get(k).mul(b.get(k)).sum());
    }
    return total;
  }

  private static void checkDirections(String op, List<Variable> wrt, List<? extends Expr> directions, String name) {
    checkNotNull(wrt, "%s: wrt is null", op);
    checkNotNull(directions, "%s: %s is null", op, name);
    checkArgument(wrt.size() == directions.size(), "%s: %s variables but %s directions", op, wrt.size(), directions.size());
    for (int k = 0; k < wrt.size(); k++) {
      Variable w = checkNotNull(wrt.get(k), "%s: wrt[%s] is null", op, k);
      Expr d = checkNotNull(directions.get(k), "%s: %s[%s] is null", op, name, k);
      checkArgument(d.shape().equals(w.shape()), "%s: the direction for '%s' has shape %s, but '%s' has shape %s", op,
          w.name(), d.shape(), w.name(), w.shape());
    }
  }

  private static void checkOccur(String op, Expr f, List<Variable> wrt) {
    List<Variable> vars = Graph.variables(List.of(f));
    for (Variable w : wrt) {
      checkArgument(vars.contains(w), "%s: the function does not contain variable '%s' %s; its variables are %s", op,
          w.name(), w.shape(), vars.stream().map(v -> v.name() + " " + v.shape()).toList());
    }
  }
}
