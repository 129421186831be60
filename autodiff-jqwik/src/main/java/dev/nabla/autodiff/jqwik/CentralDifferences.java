package dev.nabla.autodiff.jqwik;

import static com.google.common.base.Preconditions.checkArgument;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.diff.Gradients;
import dev.nabla.autodiff.Nabla;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The numerics behind {@link GradientAssertions}: analytic values against central differences. Each
 * numeric derivative {@code D(h)} is also taken with twice the step; {@code |D(2h) − D(h)|}, about three
 * times the truncation error of {@code D(h)} (Richardson), is added to the allowed difference, so a
 * strongly curved cost, or an analytic value of exactly 0 beside a third-order term, is not failed for
 * the finite difference's own error. A wrong gradient does not change the numeric side at all.
 */
final class CentralDifferences {
  private CentralDifferences() {}

  /** One compared value: where, the two values and the allowed difference. */
  record Component(Variable variable, Shape shape, int flatIndex, double analytic, double numeric, double allowed) {
    boolean passes() {
      return Math.abs(analytic - numeric) <= allowed; // false for NaN
    }

    /** Difference over allowed difference; infinite for NaN. */
    double excess() {
      double e = Math.abs(analytic - numeric) / allowed;
      return Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
    }

    String where() {
      return variable.name() + (flatIndex < 0 ? "" : Messages.index(shape, flatIndex));
    }
  }

  /** The outcome of comparing many components: how many, the failing ones (in order) and the worst. */
  record Outcome(int checked, List<Component> failures, Component worst) {}

  /** The values bound to {@code wrt}, failing clearly when one is missing. */
  static List<Tensor> values(List<Variable> wrt, Bindings at) {
    List<Tensor> values = new ArrayList<>();
    for (Variable v : wrt) {
      values.add(at.get(v).orElseThrow(() -> new IllegalArgumentException(String.format(
          "gradient assertion: variable '%s' %s is not bound; bound are %s", v.name(), v.shape(), at))));
    }
    return values;
  }

  /** Every component of the gradient of {@code cost} with respect to {@code wrt}. */
  static Outcome componentwise(Expr cost, List<Variable> wrt, Bindings at, Tolerance tol) {
    List<Tensor> base = values(wrt, at);
    List<Tensor> analytic = Evaluator.evaluate(Gradients.of(cost, wrt), at);
    Evaluator costOnly = Evaluator.of(List.of(cost));
    List<Component> failures = new ArrayList<>();
    Component worst = null;
    int checked = 0;
    for (int k = 0; k < wrt.size(); k++) {
      Variable v = wrt.get(k);
      double[] data = base.get(k).toArray();
      for (int i = 0; i < data.length; i++) {
        double x = data[i];
        double h = tol.stepAt(x);
        double[] c4 = new double[4]; // C(x + h), C(x − h), C(x + 2h), C(x − 2h)
        double[] offsets = {h, -h, 2 * h, -2 * h};
        for (int j = 0; j < 4; j++) {
          data[i] = x + offsets[j];
          c4[j] = costOnly.run(at.with(v, Tensor.of(base.get(k).shape(), data))).get(0).item();
        }
        data[i] = x;
        double numeric = (c4[0] - c4[1]) / (2 * h);
        double wide = (c4[2] - c4[3]) / (4 * h);
        double a = analytic.get(k).rawData()[i];
        double allowed = tol.allowed(Math.max(Math.abs(a), Math.abs(numeric)), Math.max(Math.abs(c4[0]), Math.abs(c4[1])), h)
            + Math.abs(wide - numeric);
        Component c = new Component(v, base.get(k).shape(), i, a, numeric, allowed);
        if (!c.passes()) {
          failures.add(c);
        }
        if (worst == null || c.excess() > worst.excess()) {
          worst = c;
        }
        checked++;
      }
    }
    return new Outcome(checked, failures, worst);
  }

  /** Gaussian directions, one tensor per variable, scaled jointly so the largest entry is 1. */
  static List<Tensor> direction(List<Tensor> like, Random random) {
    double largest = 0;
    List<double[]> raw = new ArrayList<>();
    for (Tensor t : like) {
      double[] d = new double[t.size()];
      for (int i = 0; i < d.length; i++) {
        d[i] = random.nextGaussian();
        largest = Math.max(largest, Math.abs(d[i]));
      }
      raw.add(d);
    }
    List<Tensor> out = new ArrayList<>();
    for (int k = 0; k < like.size(); k++) {
      double[] d = raw.get(k);
      for (int i = 0; i < d.length; i++) {
        d[i] = largest == 0 ? 1 : d[i] / largest;
      }
      out.add(Tensor.of(like.get(k).shape(), d));
    }
    return out;
  }

  /** {@code at} with every {@code wrt} variable moved by {@code eps · v}. */
  static Bindings moved(Bindings at, List<Variable> wrt, List<Tensor> base, List<Tensor> v, double eps) {
    Bindings b = at;
    for (int k = 0; k < wrt.size(); k++) {
      double[] d = base.get(k).toArray();
      double[] dv = v.get(k).rawData();
      for (int i = 0; i < d.length; i++) {
        d[i] += eps * dv[i];
      }
      b = b.with(wrt.get(k), Tensor.of(base.get(k).shape(), d));
    }
    return b;
  }

  /** The step for moving all of {@code base} along a direction of largest entry 1. */
  static double jointStep(List<Tensor> base, Tolerance tol) {
    double largest = 0;
    for (Tensor t : base) {
      for (double x : t.rawData()) {
        largest = Math.max(largest, Math.abs(x));
      }
    }
    return tol.stepAt(largest);
  }

  /**
   * ⟨∇C, v⟩ against {@code (C(x + εv) − C(x − εv)) / 2ε} along one direction; the relative tolerance
   * applies to {@code Σ|∂C/∂xᵢ · vᵢ|}, so cancellation inside the inner product is not penalised.
   * Returned as a component with flat index −1.
   */
  static Component directional(Expr cost, List<Variable> wrt, Bindings at, List<Tensor> gradients, List<Tensor> v,
      Tolerance tol) {
    List<Tensor> base = values(wrt, at);
    double eps = jointStep(base, tol);
    Evaluator costOnly = Evaluator.of(List.of(cost));
    double plus = costOnly.run(moved(at, wrt, base, v, eps)).get(0).item();
    double minus = costOnly.run(moved(at, wrt, base, v, -eps)).get(0).item();
    double numeric = (plus - minus) / (2 * eps);
    double wide = (costOnly.run(moved(at, wrt, base, v, 2 * eps)).get(0).item()
        - costOnly.run(moved(at, wrt, base, v, -2 * eps)).get(0).item()) / (4 * eps);
    double analytic = 0;
    double magnitude = 0;
    for (int k = 0; k < wrt.size(); k++) {
      double[] g = gradients.get(k).rawData();
      double[] d = v.get(k).rawData();
      for (int i = 0; i < g.length; i++) {
        analytic += g[i] * d[i];
        magnitude += Math.abs(g[i] * d[i]);
      }
    }
    double scale = Math.max(magnitude, Math.abs(numeric));
    return new Component(wrt.get(0), base.get(0).shape(), -1, analytic, numeric,
        tol.allowed(scale, Math.max(Math.abs(plus), Math.abs(minus)), eps) + Math.abs(wide - numeric));
  }

  /**
   * The Hessian-vector product {@code H·v}, as the gradient of {@code ⟨∇C, v⟩} (reverse over reverse),
   * against the central difference of the gradient along {@code v}, component by component.
   */
  static Outcome hessianVectorProduct(Expr cost, List<Variable> wrt, Bindings at, List<Tensor> v, Tolerance tol) {
    checkArgument(v.size() == wrt.size(), "one direction per variable");
    List<Tensor> base = values(wrt, at);
    List<Expr> gradients = Gradients.of(cost, wrt);
    Expr inner = null;
    for (int k = 0; k < wrt.size(); k++) {
      Expr term = Nabla.sum(Nabla.mul(gradients.get(k), Nabla.constant(v.get(k))));
      inner = inner == null ? term : Nabla.add(inner, term);
    }
    List<Tensor> analytic = Evaluator.evaluate(Gradients.of(inner, wrt), at);
    double eps = jointStep(base, tol);
    Evaluator gradientsOnly = Evaluator.of(gradients);
    List<Tensor> plus = gradientsOnly.run(moved(at, wrt, base, v, eps));
    List<Tensor> minus = gradientsOnly.run(moved(at, wrt, base, v, -eps));
    List<Tensor> plus2 = gradientsOnly.run(moved(at, wrt, base, v, 2 * eps));
    List<Tensor> minus2 = gradientsOnly.run(moved(at, wrt, base, v, -2 * eps));
    double valueMagnitude = 0;
    for (int k = 0; k < wrt.size(); k++) {
      for (int i = 0; i < plus.get(k).size(); i++) {
        double larger = Math.max(Math.abs(plus.get(k).rawData()[i]), Math.abs(minus.get(k).rawData()[i]));
        valueMagnitude = Math.max(valueMagnitude, larger);
      }
    }
    List<Component> failures = new ArrayList<>();
    Component worst = null;
    int checked = 0;
    for (int k = 0; k < wrt.size(); k++) {
      for (int i = 0; i < plus.get(k).size(); i++) {
        double numeric = (plus.get(k).rawData()[i] - minus.get(k).rawData()[i]) / (2 * eps);
        double wide = (plus2.get(k).rawData()[i] - minus2.get(k).rawData()[i]) / (4 * eps);
        double a = analytic.get(k).rawData()[i];
        Component c = new Component(wrt.get(k), base.get(k).shape(), i, a, numeric,
            tol.allowed(Math.max(Math.abs(a), Math.abs(numeric)), valueMagnitude, eps) + Math.abs(wide - numeric));
        if (!c.passes()) {
          failures.add(c);
        }
        if (worst == null || c.excess() > worst.excess()) {
          worst = c;
        }
        checked++;
      }
    }
    return new Outcome(checked, failures, worst);
  }
}
