package dev.nabla.autodiff;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.function.BiFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Hessian-vector products: the gradient of ⟨∇C, v⟩ equals the central difference of ∇C along v,
 * {@code (∇C(x + εv) − ∇C(x − εv)) / 2ε}, for composite costs.
 */
class SecondOrderProperties {

  private static void checkHessianVectorProduct(BiFunction<Variable, Variable, Expr> costOf, Shape xShape, long seed,
      double lo, double hi) {
    Variable x = variable("x", xShape);
    Variable w = variable("w", xShape.dim(-1));
    Expr cost = costOf.apply(x, w);
    Tensor x0 = Tensor.randomUniform(xShape, lo, hi, seed);
    Tensor w0 = Tensor.randomUniform(Shape.of(xShape.dim(-1)), -1, 1, seed + 1);
    Tensor v = Tensor.randomNormal(xShape, 0, 1, seed + 2);
    Expr gradX = grad(cost, x).get(0);
    Expr hv = grad(sum(mul(gradX, constant(v))), x).get(0);
    Bindings b = Bindings.of(x, x0, w, w0);
    Tensor analytic = evaluate(hv, b);
    double eps = 1e-5;
    Tensor plus = evaluate(gradX, b.with(x, axpy(eps, v, x0)));
    Tensor minus = evaluate(gradX, b.with(x, axpy(-eps, v, x0)));
    double[] numeric = new double[plus.size()];
    for (int i = 0; i < numeric.length; i++) {
      numeric[i] = (plus.rawData()[i] - minus.rawData()[i]) / (2 * eps);
    }
    Tensor num = Tensor.of(xShape, numeric);
    if (!analytic.isCloseTo(num, 1e-5, 1e-6)) {
      throw new AssertionError("Hv " + analytic + " vs finite differences " + num + "\n  cost: " + cost);
    }
  }

  private static Tensor axpy(double a, Tensor v, Tensor x) {
    double[] out = x.toArray();
    for (int i = 0; i < out.length; i++) {
      out[i] += a * v.rawData()[i];
    }
    return Tensor.of(x.shape(), out);
  }

  @Property(tries = 60)
  @Label("Hv of the quadratic cost of a sigmoid unit matches differences of its gradient")
  void hessianVectorProductOfSigmoidQuadraticCostMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 4) int n,
      @ForAll @IntRange(min = 1, max = 4) int k, @ForAll long seed) {
    checkHessianVectorProduct((x, w) -> mean(square(sub(sigmoid(matmul(x, w)), constant(0.3)))), Shape.of(n, k), seed, -2, 2);
  }

  @Property(tries = 60)
  void hessianVectorProductOfLogSumExpMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 4) int n,
      @ForAll @IntRange(min = 1, max = 4) int k, @ForAll long seed) {
    checkHessianVectorProduct((x, w) -> sum(logSumExp(mul(x, w), 1, false)), Shape.of(n, k), seed, -2, 2);
  }

  @Property(tries = 60)
  void hessianVectorProductOfLogTanhDivCostMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 4) int n,
      @ForAll @IntRange(min = 1, max = 4) int k, @ForAll long seed) {
    checkHessianVectorProduct((x, w) -> sum(div(tanh(mul(x, w)), log(add(x, constant(2))))), Shape.of(n, k), seed, 0.1, 2);
  }
}
