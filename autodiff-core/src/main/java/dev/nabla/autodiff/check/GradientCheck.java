package dev.nabla.autodiff.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.diff.Gradients;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;

/**
 * Compares reverse-mode gradients with central finite differences, component by component.
 *
 * <p>For each checked variable {@code v} and each index {@code i}, the numeric derivative is
 * {@code (C(v + hᵢeᵢ) − C(v − hᵢeᵢ)) / 2hᵢ} with {@code hᵢ = step · max(1, |vᵢ|)}; it agrees with the
 * analytic one when {@code |a − n| ≤ absTolerance + relTolerance · max(|a|, |n|)}. Components near 0
 * (where the absolute tolerance is the larger term) are compared by their absolute error only, and left
 * out of the report's relative error, which would otherwise read 1 for a tiny gradient and a tiny
 * difference. The defaults (step
 * 1e-6, relative 1e-5, absolute 1e-7) suit smooth costs of moderate size in double precision: the
 * truncation error of a central difference is O(h²) and its rounding error about 1e-16·|C|/h. Keep
 * sample points away from kinks (relu or abs at 0, max with ties), where the two legitimately differ.
 *
 * <pre>{@code
 * GradientReport r = GradientCheck.of(cost).check(bindings);   // every variable of the cost
 * r.assertPassed();                                            // AssertionError naming the worst entry
 * }</pre>
 *
 * <p>In a jqwik property a researcher draws the bindings and asserts in one line:
 *
 * <pre>{@code
 * @Property
 * void myCostHasCorrectGradients(@ForAll("vectors") double[] w0) {
 *   GradientCheck.of(myCost).check(Bindings.of(w, Tensor.of(w0))).assertPassed();
 * }
 * }</pre>
 */
public final class GradientCheck {
  private final Expr cost;
  private final List<Variable> wrt;
  private final double step;
  private final double relTolerance;
  private final double absTolerance;

  private GradientCheck(Expr cost, List<Variable> wrt, double step, double relTolerance, double absTolerance) {
    this.cost = cost;
    this.wrt = wrt;
    this.step = step;
    this.relTolerance = relTolerance;
    this.absTolerance = absTolerance;
  }

  /** A check of {@code cost} (a scalar expression) with respect to all of its variables. */
  public static GradientCheck of(Expr cost) {
    checkNotNull(cost, "GradientCheck: cost is null");
    checkArgument(cost.shape().isScalar(), "GradientCheck: the cost must be a scalar, but it has shape %s", cost.shape());
    return new GradientCheck(cost, Graph.variables(List.of(cost)), 1e-6, 1e-5, 1e-7);
  }

  /** Checks only these variables (the others are still bound and held fixed). */
  public GradientCheck wrt(Variable... variables) {
    checkNotNull(variables, "GradientCheck.wrt: variables is null");
    checkArgument(variables.length > 0, "GradientCheck.wrt: name at least one variable");
    for (int i = 0; i < variables.length; i++) {
      checkNotNull(variables[i], "GradientCheck.wrt: variables[%s] is null", i);
    }
    return new GradientCheck(cost, List.of(variables), step, relTolerance, absTolerance);
  }

  /** The finite-difference step, relative to {@code max(1, |v|)}. */
  public GradientCheck withStep(double h) {
    checkArgument(h > 0 && Double.isFinite(h), "GradientCheck: step must be positive and finite, got %s", h);
    return new GradientCheck(cost, wrt, h, relTolerance, absTolerance);
  }

  /** The relative and absolute tolerances. */
  public GradientCheck withTolerance(double relative, double absolute) {
    checkArgument(relative >= 0 && absolute >= 0, "GradientCheck: tolerances must be >= 0, got %s and %s", relative, absolute);
    return new GradientCheck(cost, wrt, step, relative, absolute);
  }

  /** Compares every component of the gradient at {@code bindings}; the cost's variables must all be bound. */
  public GradientReport check(Bindings bindings) {
    checkNotNull(bindings, "GradientCheck: bindings is null");
    List<Expr> grads = Gradients.of(cost, wrt);
    List<Tensor> analytic = Evaluator.evaluate(grads, bindings);
    Evaluator costOnly = Evaluator.of(List.of(cost));
    GradientReport.Entry worstEntry = null;
    double maxAbs = 0;
    double maxRel = 0;
    int checked = 0;
    int nearZero = 0;
    for (int k = 0; k < wrt.size(); k++) {
      Variable v = wrt.get(k);
      Tensor base = bindings.require(v, "GradientCheck");
      double[] data = base.toArray();
      double[] a = analytic.get(k).rawData();
      for (int i = 0; i < data.length; i++) {
        double x = data[i];
        double h = step * Math.max(1, Math.abs(x));
        data[i] = x + h;
        double plus = costOnly.run(bindings.with(v, Tensor.of(base.shape(), data))).get(0).item();
        data[i] = x - h;
        double minus = costOnly.run(bindings.with(v, Tensor.of(base.shape(), data))).get(0).item();
        data[i] = x;
        double numeric = (plus - minus) / (2 * h);
        double err = Math.abs(a[i] - numeric);
        double scale = Math.max(Math.abs(a[i]), Math.abs(numeric));
        double excess = err / (absTolerance + relTolerance * scale);
        GradientReport.Entry entry = new GradientReport.Entry(v.name(), base.shape(), i, a[i], numeric, excess);
        if (worstEntry == null || !(excess <= worstEntry.excess())) {
          worstEntry = entry;
        }
        maxAbs = Math.max(maxAbs, err);
        if (relTolerance * scale <= absTolerance) {
          nearZero++; // the absolute tolerance decides: a relative error of a near-zero value means nothing
        } else {
          maxRel = Math.max(maxRel, err / scale);
        }
        checked++;
      }
    }
    return new GradientReport(cost, bindings, checked, nearZero, maxAbs, maxRel, worstEntry, relTolerance, absTolerance);
  }
}
