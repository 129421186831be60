package dev.nabla.autodiff.jqwik;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.jqwik.CentralDifferences.Component;
import dev.nabla.autodiff.jqwik.CentralDifferences.Outcome;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Assertions that a cost's reverse-mode gradient is right, for jqwik properties and JUnit tests. Each
 * throws an {@link AssertionError} whose message names the variable and index, the analytic and
 * numeric values, the allowed difference, the printed cost and the bound values.
 *
 * <ul>
 *   <li>{@link #assertGradientsMatch} compares every component with a central difference: 4 cost
 *       evaluations per parameter (at {@code ±h} and {@code ±2h}), plus 1. The default for up to a few
 *       thousand parameters.
 *   <li>{@link #assertDirectionalDerivativesMatch} compares {@code ⟨∇C, v⟩} with
 *       {@code (C(x + εv) − C(x − εv)) / 2ε} along random directions {@code v}: 4 evaluations per
 *       direction, plus 1, whatever the parameter count. For large layers. A failing direction is
 *       narrowed down to the parameter whose gradient is wrong.
 *   <li>{@link #assertHessianVectorProductsMatch} differentiates twice: the gradient of {@code ⟨∇C, v⟩}
 *       against the central difference of {@code ∇C} along {@code v} (4 gradient evaluations, plus 1).
 * </ul>
 * Tolerances default to {@link Tolerance#defaults()} (documented there, with reasons). Random
 * directions are seeded from the bound values, so a failing sample fails the same way when replayed.
 *
 * <p><b>Kinks.</b> Where a component's (or a direction's) finite-difference stencil, {@code x ± 2h},
 * crosses a kink of the cost (relu or |·| of a residual near 0, a tie in a max), the finite difference
 * and the subgradient legitimately differ. Every mode detects this from the cost's values alone (the
 * fourth difference of the stencil; see {@code Stencil}), skips that component or direction instead of
 * failing, and records it in jqwik's statistics (label {@code "…: kinks within the finite-difference
 * step"}), which jqwik prints after the property. One more case is skipped: a sample exactly on a kink
 * where the cost is smooth along the step (the tied values of a max that all stay put along it), so the
 * stencil shows nothing while the gradient at the sample follows the subgradient's convention. A
 * comparison that fails is therefore re-examined with the gradient at {@code x ± h}: if their mean agrees
 * with the finite difference, the sample is on a kink and is skipped. A wrong gradient formula is wrong
 * beside the sample too, so it is still reported. A sample exactly on a kink is a different matter to second order: there the
 * Hessian-vector rule follows the subgradient's convention (relu'(0) = 0, a tie's split), which neither
 * side of the kink follows, so keep the samples of a second-order check off kinks ({@code @AwayFrom},
 * {@code @DistinctValues}).
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
  private static final int COMPARE_EVERY_COMPONENT_UP_TO = 256;

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
    long started = System.nanoTime();
    Outcome o = CentralDifferences.componentwise(cost, vars, at, checkNotNull(tolerance, "tolerance"));
    KinkStatistics.record("gradient check", "component", o.skipped(), o.checked() + o.skipped());
    if (!o.failures().isEmpty()) {
      long nanos = System.nanoTime() - started;
      throw new GradientAssertionError(() -> "gradient check FAILED: " + describe(o.worst(), "d cost / d ") + others(o)
          + context(cost, at, tolerance) + Messages.shrinkingNote(at, nanos));
    }
  }

  /** {@code ⟨∇C, v⟩} along 3 random directions, with the default tolerance. */
  public static void assertDirectionalDerivativesMatch(Expr cost, Bindings at) {
    assertDirectionalDerivativesMatch(cost, at, Tolerance.defaults(), 3);
  }

  /**
   * {@code ⟨∇C, v⟩ ≈ (C(x + εv) − C(x − εv)) / 2ε} along {@code directions} random Gaussian directions
   * over {@code wrt} (default: all the cost's variables), with {@code ε = step · max(1, max|x|)} and
   * {@code max|v| = 1}. A direction whose stencil crosses a kink is skipped (see the class description).
   * On failure the message locates a component whose gradient is wrong: by comparing every component
   * when there are at most 256 parameters, else by bisecting the failing direction (about
   * {@code 8·log₂(n)} more evaluations).
   */
  public static void assertDirectionalDerivativesMatch(Expr cost, Bindings at, Tolerance tolerance, int directions,
      Variable... wrt) {
    checkArgument(directions >= 1, "assertDirectionalDerivativesMatch: need at least one direction, got %s", directions);
    checkNotNull(tolerance, "tolerance");
    List<Variable> vars = variables(cost, wrt);
    long started = System.nanoTime();
    List<Tensor> base = CentralDifferences.values(vars, at);
    Function<Bindings, List<Tensor>> gradientAt = CentralDifferences.gradientFunction(cost, vars);
    List<Tensor> gradients = gradientAt.apply(at);
    ToDoubleFunction<Bindings> costAt = CentralDifferences.costFunction(cost);
    double centre = costAt.applyAsDouble(at);
    long seed = seedOf(base);
    Random random = new Random(seed);
    int skipped = 0;
    for (int d = 0; d < directions; d++) {
      List<Tensor> v = CentralDifferences.direction(base, random);
      Optional<Component> checked = CentralDifferences.directional(costAt, gradientAt, vars, at, centre, gradients, v, tolerance);
      if (checked.isEmpty()) {
        skipped++;
        continue;
      }
      Component c = checked.get();
      if (!c.passes()) {
        long nanos = System.nanoTime() - started;
        int direction = d + 1;
        int earlier = skipped;
        throw new GradientAssertionError(() -> String.format("directional derivative check FAILED along random "
                + "direction %d of %d (seed %d): ⟨∇C, v⟩ = %s analytic vs %s numeric (difference %s, allowed %s)%s%s%s%s",
            direction, directions, seed, Messages.num(c.analytic()), Messages.num(c.numeric()),
            Messages.brief(Math.abs(c.analytic() - c.numeric())), Messages.brief(c.allowed()),
            earlier > 0 ? String.format("%n  %d earlier direction(s) skipped: a kink within the step", earlier) : "",
            locate(costAt, gradientAt, vars, at, centre, gradients, v, tolerance), context(cost, at, tolerance),
            Messages.shrinkingNote(at, nanos)));
      }
    }
    KinkStatistics.record("directional derivative check", "direction", skipped, directions);
  }

  /** The Hessian-vector product along a random direction, with the default tolerance. */
  public static void assertHessianVectorProductsMatch(Expr cost, Bindings at) {
    assertHessianVectorProductsMatch(cost, at, Tolerance.defaults());
  }

  /**
   * {@code ∇⟨∇C, v⟩ ≈ (∇C(x + εv) − ∇C(x − εv)) / 2ε}, component by component, for one random Gaussian
   * direction {@code v} over {@code wrt} (default: all the cost's variables). Needs the cost to be twice
   * differentiable at {@code at}; a component whose gradient jumps within the step (a kink nearby) is
   * skipped.
   */
  public static void assertHessianVectorProductsMatch(Expr cost, Bindings at, Tolerance tolerance, Variable... wrt) {
    List<Variable> vars = variables(cost, wrt);
    List<Tensor> base = CentralDifferences.values(vars, at);
    long seed = seedOf(base);
    long started = System.nanoTime();
    List<Tensor> v = CentralDifferences.direction(base, new Random(seed));
    Outcome o = CentralDifferences.hessianVectorProduct(cost, vars, at, v, checkNotNull(tolerance, "tolerance"));
    KinkStatistics.record("Hessian-vector product check", "component", o.skipped(), o.checked() + o.skipped());
    if (!o.failures().isEmpty()) {
      long nanos = System.nanoTime() - started;
      throw new GradientAssertionError(() -> "Hessian-vector product check FAILED (random direction, seed " + seed + "): "
          + describe(o.worst(), "(H·v) at ") + others(o) + context(cost, at, tolerance)
          + Messages.shrinkingNote(at, nanos));
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
    if (o.skipped() > 0) {
      sb.append(String.format(" (%d more skipped: a kink within the step)", o.skipped()));
    }
    List<Component> shown = o.failures().subList(0, Math.min(SHOWN_FAILURES, o.failures().size()));
    sb.append(o.failures().size() > shown.size() ? "; the first: " : ": ");
    for (int i = 0; i < shown.size(); i++) {
      Component c = shown.get(i);
      sb.append(i > 0 ? ", " : "").append(c.where()).append(" (").append(Messages.short6(c.analytic())).append(" vs ")
          .append(Messages.short6(c.numeric())).append(')');
    }
    return sb.toString();
  }

  private static String locate(ToDoubleFunction<Bindings> cost, Function<Bindings, List<Tensor>> gradient,
      List<Variable> vars, Bindings at, double centre, List<Tensor> gradients, List<Tensor> v, Tolerance tolerance) {
    int total = CentralDifferences.values(vars, at).stream().mapToInt(Tensor::size).sum();
    if (total <= COMPARE_EVERY_COMPONENT_UP_TO) {
      Outcome o = CentralDifferences.componentwise(cost, gradient, vars, at, gradients, tolerance);
      return o.failures().isEmpty()
          ? String.format("%n  every single component passes; the errors add up along the direction")
          : String.format("%n  worst component: %s%s", describe(o.worst(), "d cost / d "), others(o));
    }
    Bisection.Result r = Bisection.locate(cost, gradient, vars, at, centre, gradients, v, tolerance);
    if (r.component().isEmpty()) {
      return String.format("%n  bisecting the direction over %d parameters met a kink within the step; no component "
          + "located", total);
    }
    Component c = r.component().get();
    return c.passes()
        ? String.format("%n  bisecting the direction over %d parameters ended at %s, whose own check passes: the error is"
            + " spread over many components", total, c.where())
        : String.format("%n  located by bisecting the direction over %d parameters (%d evaluations): %s", total,
            r.evaluations(), describe(c, "d cost / d "));
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
