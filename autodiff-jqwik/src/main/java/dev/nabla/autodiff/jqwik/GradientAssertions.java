package dev.nabla.autodiff.jqwik;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.diff.Gradients;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.jqwik.CentralDifferences.Component;
import dev.nabla.autodiff.jqwik.CentralDifferences.Outcome;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Assertions that a cost's reverse-mode gradient is right, for jqwik properties and JUnit tests. Each
 * throws an {@link AssertionError} whose message names the variable and index, the analytic and
 * numeric values, the allowed difference, the printed cost and the bound values.
 *
 * <ul>
 *   <li>{@link #assertGradientsMatch} compares every component with a central difference: 2 cost
 *       evaluations per parameter. The default for up to a few thousand parameters.
 *   <li>{@link #assertDirectionalDerivativesMatch} compares {@code ⟨∇C, v⟩} with
 *       {@code (C(x + εv) − C(x − εv)) / 2ε} along random directions {@code v}: 2 evaluations per
 *       direction, whatever the parameter count. For large layers.
 *   <li>{@link #assertHessianVectorProductsMatch} differentiates twice: the gradient of {@code ⟨∇C, v⟩}
 *       against the central difference of {@code ∇C} along {@code v}.
 * </ul>
 * Tolerances default to {@link Tolerance#defaults()} (documented there, with reasons). Random
 * directions are seeded from the bound values, so a failing sample fails the same way when replayed.
 *
 * <pre>{@code
 * @Property
 * void logCoshLossHasCorrectGradients(@ForAll @TensorShape({4, 3}) Tensor x, @ForAll @TensorShape(3) Tensor w,
 *     @ForAll @TensorShape(4) @ValueRange(min = 0, max = 1) Tensor y) {
 *   assertGradientsMatch(COST, X, x, W, w, Y, y);      // COST built once from variables X, W, Y
 * }
 * }</pre>
 */
public final class GradientAssertions {
  private static final int SHOWN_FAILURES = 4;
  private static final int LOCATE_UP_TO = 4096;

  private GradientAssertions() {}

  /** Every gradient component of {@code cost}, with respect to all its variables, at {@code at}. */
  public static void assertGradientsMatch(Expr cost, Bindings at) {
    assertGradientsMatch(cost, at, Tolerance.defaults());
  }

  /** {@link #assertGradientsMatch(Expr, Bindings)} at {@code v = value}. */
  public static void assertGradientsMatch(Expr cost, Variable v, Tensor value) {
    assertGradientsMatch(cost, Bindings.of(v, value));
  }

  /** {@link #assertGradientsMatch(Expr, Bindings)} at two bound variables. */
  public static void assertGradientsMatch(Expr cost, Variable v1, Tensor t1, Variable v2, Tensor t2) {
    assertGradientsMatch(cost, Bindings.of(v1, t1, v2, t2));
  }

  /** {@link #assertGradientsMatch(Expr, Bindings)} at three bound variables. */
  public static void assertGradientsMatch(Expr cost, Variable v1, Tensor t1, Variable v2, Tensor t2, Variable v3,
      Tensor t3) {
    assertGradientsMatch(cost, Bindings.of(v1, t1, v2, t2, v3, t3));
  }

  /**
   * Every gradient component with respect to {@code wrt} (default: all the cost's variables; the others
   * stay fixed at their bound values), within {@code tolerance}.
   */
  public static void assertGradientsMatch(Expr cost, Bindings at, Tolerance tolerance, Variable... wrt) {
    List<Variable> vars = variables(cost, wrt);
    Outcome o = CentralDifferences.componentwise(cost, vars, at, checkNotNull(tolerance, "tolerance"));
    if (!o.failures().isEmpty()) {
      throw new AssertionError("gradient check FAILED: " + describe(o.worst(), "d cost / d ") + others(o)
          + context(cost, at, tolerance));
    }
  }

  /** {@code ⟨∇C, v⟩} along 3 random directions, with the default tolerance. */
  public static void assertDirectionalDerivativesMatch(Expr cost, Bindings at) {
    assertDirectionalDerivativesMatch(cost, at, Tolerance.defaults(), 3);
  }

  /**
   * {@code ⟨∇C, v⟩ ≈ (C(x + εv) − C(x − εv)) / 2ε} along {@code directions} random Gaussian directions
   * over {@code wrt} (default: all the cost's variables), with {@code ε = step · max(1, max|x|)} and
   * {@code max|v| = 1}. On failure, when there are at most 4096 parameters, the message also locates the
   * worst component.
   */
  public static void assertDirectionalDerivativesMatch(Expr cost, Bindings at, Tolerance tolerance, int directions,
      Variable... wrt) {
    checkArgument(directions >= 1, "assertDirectionalDerivativesMatch: need at least one direction, got %s", directions);
    List<Variable> vars = variables(cost, wrt);
    List<Tensor> base = CentralDifferences.values(vars, at);
    List<Tensor> gradients = Evaluator.evaluate(Gradients.of(cost, vars), at);
    long seed = seedOf(base);
    Random random = new Random(seed);
    for (int d = 0; d < directions; d++) {
      List<Tensor> v = CentralDifferences.direction(base, random);
      Component c = CentralDifferences.directional(cost, vars, at, gradients, v, tolerance);
      if (!c.passes()) {
        throw new AssertionError(String.format("directional derivative check FAILED along random direction %d of %d "
                + "(seed %d): ⟨∇C, v⟩ = %s analytic vs %s numeric (difference %s, allowed %s)%s%s",
            d + 1, directions, seed, Messages.num(c.analytic()), Messages.num(c.numeric()),
            Messages.brief(Math.abs(c.analytic() - c.numeric())), Messages.brief(c.allowed()), locate(cost, vars, at, tolerance),
            context(cost, at, tolerance)));
      }
    }
  }

  /** The Hessian-vector product along a random direction, with the default tolerance. */
  public static void assertHessianVectorProductsMatch(Expr cost, Bindings at) {
    assertHessianVectorProductsMatch(cost, at, Tolerance.defaults());
  }

  /**
   * {@code ∇⟨∇C, v⟩ ≈ (∇C(x + εv) − ∇C(x − εv)) / 2ε}, component by component, for one random Gaussian
   * direction {@code v} over {@code wrt} (default: all the cost's variables). Needs the cost to be twice
   * differentiable at {@code at}.
   */
  public static void assertHessianVectorProductsMatch(Expr cost, Bindings at, Tolerance tolerance, Variable... wrt) {
    List<Variable> vars = variables(cost, wrt);
    List<Tensor> base = CentralDifferences.values(vars, at);
    long seed = seedOf(base);
    List<Tensor> v = CentralDifferences.direction(base, new Random(seed));
    Outcome o = CentralDifferences.hessianVectorProduct(cost, vars, at, v, tolerance);
    if (!o.failures().isEmpty()) {
      throw new AssertionError("Hessian-vector product check FAILED (random direction, seed " + seed + "): "
          + describe(o.worst(), "(H·v) at ") + others(o) + context(cost, at, tolerance));
    }
  }

  private static List<Variable> variables(Expr cost, Variable... wrt) {
    checkNotNull(cost, "cost");
    checkArgument(cost.shape().isScalar(), "gradient assertion: the cost must be a scalar, but it has shape %s: %s",
        cost.shape(), cost);
    List<Variable> vars = wrt.length > 0 ? List.of(wrt) : Graph.variables(List.of(cost));
    checkArgument(!vars.isEmpty(), "gradient assertion: %s has no variables to differentiate", cost);
    return vars;
  }

  private static String describe(Component c, String prefix) {
    return String.format("%s%s = %s analytic vs %s numeric (difference %s, allowed %s)", prefix, c.where(),
        Messages.num(c.analytic()), Messages.num(c.numeric()), Messages.brief(Math.abs(c.analytic() - c.numeric())),
        Messages.brief(c.allowed()));
  }

  private static String others(Outcome o) {
    StringBuilder sb = new StringBuilder(String.format("%n  %d of %d components out of tolerance", o.failures().size(),
        o.checked()));
    List<Component> shown = o.failures().subList(0, Math.min(SHOWN_FAILURES, o.failures().size()));
    sb.append(o.failures().size() > shown.size() ? "; the first: " : ": ");
    for (int i = 0; i < shown.size(); i++) {
      Component c = shown.get(i);
      sb.append(i > 0 ? ", " : "").append(c.where()).append(" (").append(Messages.short6(c.analytic())).append(" vs ")
          .append(Messages.short6(c.numeric())).append(')');
    }
    return sb.toString();
  }

  private static String locate(Expr cost, List<Variable> vars, Bindings at, Tolerance tolerance) {
    int total = CentralDifferences.values(vars, at).stream().mapToInt(Tensor::size).sum();
    if (total > LOCATE_UP_TO) {
      return String.format("%n  (%d parameters: too many to locate the component; use assertGradientsMatch on a smaller"
          + " instance)", total);
    }
    Outcome o = CentralDifferences.componentwise(cost, vars, at, tolerance);
    return o.failures().isEmpty()
        ? String.format("%n  every single component passes; the errors add up along the direction")
        : String.format("%n  worst component: %s%s", describe(o.worst(), "d cost / d "), others(o));
  }

  private static String context(Expr cost, Bindings at, Tolerance tolerance) {
    return String.format("%n  cost: %s%n  bindings:%s%n  tolerance: %s", cost, Messages.bindings(at), tolerance);
  }

  private static long seedOf(List<Tensor> values) {
    long h = 17;
    for (Tensor t : values) {
      h = 31 * h + Arrays.hashCode(t.rawData());
    }
    return h;
  }
}
