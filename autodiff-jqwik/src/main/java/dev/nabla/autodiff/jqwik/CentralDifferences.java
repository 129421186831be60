package dev.nabla.autodiff.jqwik;

import static com.google.common.base.Preconditions.checkArgument;

import dev.nabla.autodiff.Nabla;
import dev.nabla.autodiff.diff.Gradients;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The numerics behind {@link GradientAssertions}: analytic values against central differences. Every
 * numeric derivative comes from a five-point {@link Stencil} ({@code x}, {@code x ± h}, {@code x ± 2h}):
 * {@code |D(2h) − D(h)|}, about three times the truncation error of {@code D(h)} (Richardson), is added
 * to the allowed difference, so a strongly curved cost is not failed for the finite difference's own
 * error; and a component or direction whose stencil crosses a kink is skipped and counted, since there
 * the finite difference and the (sub)gradient legitimately differ. Neither depends on the gradient being
 * checked, with one exception: a comparison that fails is re-examined, in case the sample sits exactly on
 * a kink of the gradient where the cost itself is smooth along the step (see {@code
 * onAKinkOfTheGradient}), which costs 2 gradient evaluations for a comparison that failed. The value at {@code x} is shared, so a check costs 4 evaluations per component or direction,
 * plus 1.
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

  /**
   * The outcome of comparing many components: how many were compared, how many skipped at a kink, the
   * failing ones (in order) and the worst (null when none was compared).
   */
  record Outcome(int checked, int skipped, List<Component> failures, Component worst) {}

  /** Collects compared components into an {@link Outcome}. */
  private static final class Tally {
    private final List<Component> failures = new ArrayList<>();
    private Component worst;
    private int checked;
    private int skipped;

    void add(Component c) {
      if (!c.passes()) {
        failures.add(c);
      }
      if (worst == null || c.excess() > worst.excess()) {
        worst = c;
      }
      checked++;
    }

    void skip() {
      skipped++;
    }

    Outcome outcome() {
      return new Outcome(checked, skipped, failures, worst);
    }
  }

  /** The cost as a function of the bindings, through one evaluator. */
  static ToDoubleFunction<Bindings> costFunction(Expr cost) {
    Evaluator evaluator = Evaluator.of(List.of(cost));
    return b -> evaluator.run(b).get(0).item();
  }

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
    Function<Bindings, List<Tensor>> gradient = gradientFunction(cost, wrt);
    return componentwise(costFunction(cost), gradient, wrt, at, gradient.apply(at), tol);
  }

  /**
   * Every component of {@code analytic} (the value of {@code gradient} at {@code at}) against central
   * differences of {@code cost}.
   */
  static Outcome componentwise(ToDoubleFunction<Bindings> cost, Function<Bindings, List<Tensor>> gradient,
      List<Variable> wrt, Bindings at, List<Tensor> analytic, Tolerance tol) {
    List<Tensor> base = values(wrt, at);
    double centre = cost.applyAsDouble(at);
    Tally tally = new Tally();
    for (int k = 0; k < wrt.size(); k++) {
      for (int i = 0; i < base.get(k).size(); i++) {
        Optional<Component> c = component(cost, gradient, wrt, base, k, i, at, centre, analytic.get(k).rawData()[i], tol);
        c.ifPresentOrElse(tally::add, tally::skip);
      }
    }
    return tally.outcome();
  }

  /**
   * Component {@code i} of variable {@code wrt[k]} (bound to {@code base[k]}); empty when its stencil
   * crosses a kink, or when it fails exactly on a kink of the gradient ({@link #onAKinkOfTheGradient}).
   */
  static Optional<Component> component(ToDoubleFunction<Bindings> cost, Function<Bindings, List<Tensor>> gradient,
      List<Variable> wrt, List<Tensor> base, int k, int i, Bindings at, double centre, double analytic, Tolerance tol) {
    Variable v = wrt.get(k);
    Tensor value = base.get(k);
    double[] data = value.toArray();
    double x = data[i];
    Stencil s = Stencil.of(t -> {
      data[i] = x + t;
      return cost.applyAsDouble(at.with(v, Tensor.of(value.shape(), data)));
    }, centre, tol.stepAt(x));
    if (s.crossesAKink(tol, s.valueMagnitude())) {
      return Optional.empty();
    }
    double numeric = s.central();
    Component c = new Component(v, value.shape(), i, analytic, numeric,
        s.allowed(tol, Math.max(Math.abs(analytic), Math.abs(numeric)), s.valueMagnitude()));
    if (!c.passes() && onAKinkOfTheGradient(gradient, wrt, at, base, unit(base, k, i), s, tol)) {
      return Optional.empty();
    }
    return Optional.of(c);
  }

  /**
   * Whether a comparison along {@code v} (step {@code s.h()}) that failed was made exactly on a kink of the
   * gradient. There the cost can be smooth along {@code v} (a tie in a max whose tied values all stay
   * put, for instance), so its stencil shows nothing, while the gradient at {@code x} follows the
   * subgradient's convention (relu′(0) = 0, a tie's split), which neither side of {@code x} follows. Such
   * a point is told by the gradient beside it: the mean of {@code ⟨∇C, v⟩} at {@code x ± h} agrees with
   * the central difference. A gradient that is wrong around {@code x}, and not only at {@code x} itself,
   * fails this test, so a wrong formula is still reported. The 2 gradient evaluations are made only for a
   * comparison that failed.
   */
  private static boolean onAKinkOfTheGradient(Function<Bindings, List<Tensor>> gradient, List<Variable> wrt,
      Bindings at, List<Tensor> base, List<Tensor> v, Stencil s, Tolerance tol) {
    double[] plus = slope(gradient.apply(moved(at, wrt, base, v, s.h())), v);
    double[] minus = slope(gradient.apply(moved(at, wrt, base, v, -s.h())), v);
    double numeric = s.central();
    double scale = Math.max(Math.max(plus[1], minus[1]), Math.abs(numeric));
    return Math.abs((plus[0] + minus[0]) / 2 - numeric) <= s.allowed(tol, scale, s.valueMagnitude()); // false for NaN
  }

  /** {@code {⟨g, v⟩, Σ|gᵢ·vᵢ|}}: the slope along {@code v} and the magnitude its relative tolerance applies to. */
  private static double[] slope(List<Tensor> g, List<Tensor> v) {
    double inner = 0;
    double magnitude = 0;
    for (int k = 0; k < g.size(); k++) {
      double[] gk = g.get(k).rawData();
      double[] vk = v.get(k).rawData();
      for (int i = 0; i < gk.length; i++) {
        inner += gk[i] * vk[i];
        magnitude += Math.abs(gk[i] * vk[i]);
      }
    }
    return new double[] {inner, magnitude};
  }

  /** The direction of component {@code i} of variable {@code k}: 1 there, 0 elsewhere. */
  private static List<Tensor> unit(List<Tensor> like, int k, int i) {
    List<Tensor> out = new ArrayList<>();
    for (int j = 0; j < like.size(); j++) {
      double[] d = new double[like.get(j).size()];
      if (j == k) {
        d[i] = 1;
      }
      out.add(Tensor.of(like.get(j).shape(), d));
    }
    return out;
  }

  /** The gradient of {@code cost} with respect to {@code wrt} as a function of the bindings, through one evaluator. */
  static Function<Bindings, List<Tensor>> gradientFunction(Expr cost, List<Variable> wrt) {
    return Evaluator.of(Gradients.of(cost, wrt, Gradients.Unused.ZEROS))::run;
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
   * Returned as a component with flat index −1; empty when the stencil crosses a kink, or when the
   * comparison fails exactly on a kink of the gradient ({@link #onAKinkOfTheGradient}).
   */
  static Optional<Component> directional(ToDoubleFunction<Bindings> cost, Function<Bindings, List<Tensor>> gradient,
      List<Variable> wrt, Bindings at, double centre, List<Tensor> gradients, List<Tensor> v, Tolerance tol) {
    List<Tensor> base = values(wrt, at);
    Stencil s = Stencil.of(t -> cost.applyAsDouble(moved(at, wrt, base, v, t)), centre, jointStep(base, tol));
    if (s.crossesAKink(tol, s.valueMagnitude())) {
      return Optional.empty();
    }
    double[] analytic = slope(gradients, v);
    double numeric = s.central();
    Component c = new Component(wrt.get(0), base.get(0).shape(), -1, analytic[0], numeric,
        s.allowed(tol, Math.max(analytic[1], Math.abs(numeric)), s.valueMagnitude()));
    if (!c.passes() && onAKinkOfTheGradient(gradient, wrt, at, base, v, s, tol)) {
      return Optional.empty();
    }
    return Optional.of(c);
  }

  /**
   * The Hessian-vector product {@code H·v}, as the gradient of {@code ⟨∇C, v⟩} (reverse over reverse),
   * against the central difference of the gradient along {@code v}, component by component; a component
   * whose gradient jumps within the stencil (a kink of the cost) is skipped.
   */
  static Outcome hessianVectorProduct(Expr cost, List<Variable> wrt, Bindings at, List<Tensor> v, Tolerance tol) {
    checkArgument(v.size() == wrt.size(), "one direction per variable");
    List<Expr> gradients = Gradients.of(cost, wrt, Gradients.Unused.ZEROS);
    Expr inner = null;
    for (int k = 0; k < wrt.size(); k++) {
      Expr term = Nabla.sum(Nabla.mul(gradients.get(k), Nabla.constant(v.get(k))));
      inner = inner == null ? term : Nabla.add(inner, term);
    }
    List<Expr> outputs = new ArrayList<>(gradients);
    outputs.addAll(Gradients.of(inner, wrt, Gradients.Unused.ZEROS));
    List<Tensor> atX = Evaluator.evaluate(outputs, at);
    Evaluator gradientsOnly = Evaluator.of(gradients);
    return hessianVectorProduct(gradientsOnly::run, wrt, at, atX.subList(0, wrt.size()),
        atX.subList(wrt.size(), 2 * wrt.size()), v, tol);
  }

  /** {@code analytic} (H·v) against central differences of {@code gradient}, given its value {@code centre} at x. */
  static Outcome hessianVectorProduct(Function<Bindings, List<Tensor>> gradient, List<Variable> wrt, Bindings at,
      List<Tensor> centre, List<Tensor> analytic, List<Tensor> v, Tolerance tol) {
    List<Tensor> base = values(wrt, at);
    double eps = jointStep(base, tol);
    List<Tensor> plus = gradient.apply(moved(at, wrt, base, v, eps));
    List<Tensor> minus = gradient.apply(moved(at, wrt, base, v, -eps));
    List<Tensor> plus2 = gradient.apply(moved(at, wrt, base, v, 2 * eps));
    List<Tensor> minus2 = gradient.apply(moved(at, wrt, base, v, -2 * eps));
    // the rounding term applies to the largest gradient component: one component may be a small
    // difference of large terms
    double valueMagnitude = 0;
    for (List<Tensor> values : List.of(plus, minus, plus2, minus2, centre)) {
      for (Tensor t : values) {
        for (double g : t.rawData()) {
          valueMagnitude = Math.max(valueMagnitude, Math.abs(g));
        }
      }
    }
    Tally tally = new Tally();
    for (int k = 0; k < wrt.size(); k++) {
      for (int i = 0; i < base.get(k).size(); i++) {
        Stencil s = new Stencil(minus2.get(k).rawData()[i], minus.get(k).rawData()[i], centre.get(k).rawData()[i],
            plus.get(k).rawData()[i], plus2.get(k).rawData()[i], eps);
        if (s.crossesAKink(tol, valueMagnitude)) {
          tally.skip();
          continue;
        }
        double a = analytic.get(k).rawData()[i];
        double numeric = s.central();
        tally.add(new Component(wrt.get(k), base.get(k).shape(), i, a, numeric,
            s.allowed(tol, Math.max(Math.abs(a), Math.abs(numeric)), valueMagnitude)));
      }
    }
    return tally.outcome();
  }
}
