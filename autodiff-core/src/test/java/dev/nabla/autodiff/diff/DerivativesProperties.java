package dev.nabla.autodiff.diff;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Plan;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.print.LatexPrinter;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * hvp, jvp, hessian and jacobian against central differences, on costs and functions that use the
 * selecting, choosing and elementwise operations, at random points; and each result printed,
 * evaluated, compiled into a plan and nested in another derivative.
 */
class DerivativesProperties {
  private static final Variable X = variable("x", 4);
  private static final double EPS = 1e-5;

  /** Smooth scalar costs of x [4]. */
  private static final List<Function<Expr, Expr>> COSTS = List.of(
      x -> sum(add(mul(100, square(sub(slice(x, 0, 1, END), square(slice(x, 0, 0, -1))))), square(sub(1, slice(x, 0, 0, -1))))),
      x -> sum(mul(sin(x), square(x))),
      x -> logSumExp(concat(0, x, mul(x, 2)), 0),
      x -> sum(softplus(mul(x, index(x, 0)))),
      x -> sum(div(cosh(x), add(3, tanh(x)))));

  /** Smooth functions of x [4] with outputs of several shapes. */
  private static final List<Function<Expr, Expr>> FUNCTIONS = List.of(
      x -> sub(slice(x, 0, 1, END), square(slice(x, 0, 0, -1))),
      x -> stack(0, sin(x), mul(x, index(x, -1))),
      x -> softmax(x, 0),
      x -> gather(reshape(exp(x), Shape.of(2, 2)), 1, constant(Tensor.of(1, 0))));

  private static Tensor point(long seed) {
    return Tensor.randomUniform(Shape.of(4), -1.2, 1.2, seed);
  }

  private static Tensor moved(Tensor x, Tensor d, double by) {
    double[] out = x.toArray();
    for (int i = 0; i < out.length; i++) {
      out[i] += by * d.rawData()[i];
    }
    return Tensor.of(x.shape(), out);
  }

  /** {@code (f(x + εd) − f(x − εd)) / 2ε}. */
  private static Tensor centralDifference(Expr f, Tensor x, Tensor d) {
    double[] plus = evaluate(f, Bindings.of(X, moved(x, d, EPS))).toArray();
    double[] minus = evaluate(f, Bindings.of(X, moved(x, d, -EPS))).toArray();
    double[] out = new double[plus.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (plus[i] - minus[i]) / (2 * EPS);
    }
    return Tensor.of(f.shape().isConcrete() ? f.shape() : Shape.of(out.length), out);
  }

  private static void assertClose(Tensor expected, Tensor actual, String what) {
    assertTrue(actual.isCloseTo(expected, 1e-5, 1e-5), what + ": " + actual + " vs finite differences " + expected);
  }

  @Property(tries = 100)
  void hvpMatchesCentralDifferencesOfTheGradient(@ForAll @IntRange(max = 4) int cost, @ForAll long seed) {
    Expr c = COSTS.get(cost).apply(X);
    Tensor x0 = point(seed);
    Tensor v = Tensor.randomNormal(Shape.of(4), 0, 1, seed + 1);
    Tensor analytic = evaluate(hvp(c, X, v), Bindings.of(X, x0));
    assertClose(centralDifference(grad(c, X).get(0), x0, v), analytic, "H·v of " + c);
  }

  @Property(tries = 100)
  void jvpMatchesCentralDifferencesOfTheFunction(@ForAll @IntRange(max = 3) int function, @ForAll long seed) {
    Expr f = FUNCTIONS.get(function).apply(X);
    Tensor x0 = point(seed);
    Tensor t = Tensor.randomNormal(Shape.of(4), 0, 1, seed + 1);
    Expr jt = jvp(f, X, t);
    assertEquals(f.shape(), jt.shape());
    assertClose(centralDifference(f, x0, t), evaluate(jt, Bindings.of(X, x0)), "J·t of " + f);
  }

  @Property(tries = 50)
  void hessianAndJacobianMatchCentralDifferencesColumnByColumn(@ForAll @IntRange(max = 3) int which, @ForAll long seed) {
    Expr c = COSTS.get(which).apply(X);
    Expr f = FUNCTIONS.get(which).apply(X);
    Tensor x0 = point(seed);
    Tensor h = evaluate(hessian(c, X), Bindings.of(X, x0));
    Tensor j = evaluate(jacobian(f, X), Bindings.of(X, x0));
    assertEquals(Shape.of(4, 4), h.shape());
    int m = f.shape().size();
    for (int k = 0; k < 4; k++) {
      double[] unit = new double[4];
      unit[k] = 1;
      Tensor e = Tensor.of(unit);
      double[] column = centralDifference(grad(c, X).get(0), x0, e).toArray();
      double[] fColumn = centralDifference(f, x0, e).toArray();
      for (int i = 0; i < 4; i++) {
        assertEquals(column[i], h.get(i, k), 1e-5 * (1 + Math.abs(column[i])), "H[" + i + ", " + k + "] of " + c);
        assertEquals(h.get(i, k), h.get(k, i), 1e-9 * (1 + Math.abs(h.get(i, k))), "the Hessian is symmetric");
      }
      for (int i = 0; i < m; i++) {
        assertEquals(fColumn[i], j.rawData()[i * 4 + k], 1e-5 * (1 + Math.abs(fColumn[i])), "J[" + i + ", " + k + "] of " + f);
      }
    }
  }

  @Property(tries = 30)
  void derivativesPrintEvaluateCompileAndNest(@ForAll @IntRange(max = 4) int cost, @ForAll long seed) {
    Expr c = COSTS.get(cost).apply(X);
    Tensor x0 = point(seed);
    Tensor v = Tensor.randomNormal(Shape.of(4), 0, 1, seed + 1);
    Bindings at = Bindings.of(X, x0);
    Expr g = grad(c, X).get(0);
    Expr hv = hvp(c, X, v);
    Expr jg = jvp(g, X, v);          // J(∇C)·v is H·v: forward over reverse
    Expr h = hessian(c, X);
    Expr hj = jacobian(g, X);        // the Jacobian of the gradient is the Hessian
    for (Expr e : List.of(hv, jg, h, hj)) {
      assertTrue(!e.toString().isEmpty() && !LatexPrinter.print(e).isEmpty());
    }
    List<Tensor> compiled = Plan.of(List.of(hv, jg, h, hj)).run(at);
    Tensor expected = evaluate(hv, at);
    assertTrue(compiled.get(0).isCloseTo(expected, 0, 0), "a plan computes what the evaluator does");
    assertTrue(compiled.get(1).isCloseTo(expected, 1e-9, 1e-9), "jvp of the gradient " + compiled.get(1) + " vs H·v " + expected);
    assertTrue(compiled.get(2).isCloseTo(compiled.get(3), 1e-9, 1e-9), "hessian vs jacobian of the gradient");
    Tensor hTimesV = evaluate(matmul(constant(Tensor.of(Shape.of(4, 4), compiled.get(2).toArray())), constant(v)), at);
    assertTrue(hTimesV.isCloseTo(expected, 1e-9, 1e-9), "H @ v vs hvp");
    // third order: the gradient of ⟨H·v, u⟩ against differences of H·v
    Tensor u = Tensor.randomNormal(Shape.of(4), 0, 1, seed + 2);
    Expr third = grad(sum(mul(hv, constant(u))), X).get(0);
    double[] diff = centralDifference(hv, x0, v).toArray();
    double along = 0;
    for (int i = 0; i < 4; i++) {
      along += diff[i] * u.rawData()[i];
    }
    double analytic = 0;
    double[] t = evaluate(third, at).toArray();
    for (int i = 0; i < 4; i++) {
      analytic += t[i] * v.rawData()[i];
    }
    assertEquals(along, analytic, 1e-4 * (1 + Math.abs(along)), "third derivative of " + c);
  }
}
