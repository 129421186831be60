package dev.nabla.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.autodiff.check.GradientCheck;
import dev.nabla.autodiff.check.GradientReport;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Test helper: checks one operation's gradient against central differences. The operation's output is
 * contracted with a random weight tensor R, {@code C = Σ op(x…) ⊙ R}, so every output component
 * carries a different weight and every input component is compared.
 */
final class OpCheck {
  private OpCheck() {}

  /** Uniform values in [lo, hi). */
  static Tensor uniform(Shape s, double lo, double hi, long seed) {
    return Tensor.randomUniform(s, lo, hi, seed);
  }

  /** Values with |x| in [margin, hi) and random signs: away from kinks at 0. */
  static Tensor awayFromZero(Shape s, double margin, double hi, long seed) {
    Random r = new Random(seed);
    double[] d = new double[s.size()];
    for (int i = 0; i < d.length; i++) {
      double m = margin + (hi - margin) * r.nextDouble();
      d[i] = r.nextBoolean() ? m : -m;
    }
    return Tensor.of(s, d);
  }

  /** {@code t} with about a {@code fraction} of its entries set to zero. */
  static Tensor withZeros(Tensor t, double fraction, long seed) {
    Random r = new Random(seed);
    double[] d = t.toArray();
    for (int i = 0; i < d.length; i++) {
      if (r.nextDouble() < fraction) {
        d[i] = 0;
      }
    }
    return Tensor.of(t.shape(), d);
  }

  /** Distinct values (so max and argmax have no ties): a shuffled, spread-out range. */
  static Tensor distinct(Shape s, long seed) {
    Random r = new Random(seed);
    List<Double> vals = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      vals.add(i * 0.37 - s.size() * 0.18 + 0.01 * r.nextDouble());
    }
    java.util.Collections.shuffle(vals, r);
    return Tensor.of(s, vals.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The gradient report for {@code Σ op(x₀, x₁, …) ⊙ R} at the given input values. */
  static GradientReport report(Function<List<Variable>, Expr> op, long seed, Tensor... inputs) {
    List<Variable> vars = new ArrayList<>();
    Bindings b = Bindings.empty();
    for (int i = 0; i < inputs.length; i++) {
      Variable v = Variable.of("x" + i, inputs[i].shape());
      vars.add(v);
      b = b.with(v, inputs[i]);
    }
    Expr out = op.apply(vars);
    Shape outShape = Nabla.evaluate(out, b).shape();
    out = Nabla.reshape(out, outShape); // fixes open dimensions, if any, so the weights broadcast
    Expr weights = Nabla.constant(Tensor.randomNormal(outShape, 0, 1, seed ^ 0x5DEECE66DL));
    Expr cost = Nabla.sum(Nabla.mul(out, weights));
    GradientReport report = GradientCheck.of(cost).wrt(vars.toArray(new Variable[0])).check(b);
    assertEquals(totalSize(inputs), report.checked(), "every input component is compared");
    return report;
  }

  /** Asserts the gradient of {@code Σ op(x…) ⊙ R} matches central differences. */
  static void check(Function<List<Variable>, Expr> op, long seed, Tensor... inputs) {
    report(op, seed, inputs).assertPassed();
  }

  private static int totalSize(Tensor... ts) {
    int n = 0;
    for (Tensor t : ts) {
      n += t.size();
    }
    return n;
  }
}
