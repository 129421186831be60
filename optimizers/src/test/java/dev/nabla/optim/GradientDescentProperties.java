package dev.nabla.optim;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/**
 * Gradient descent finds the known minimum of random convex quadratics, and one small step changes the
 * cost as the seeds derive: {@code ΔC ≈ −η‖∇C‖²}, with an error bounded by the curvature times η².
 */
class GradientDescentProperties {

  /**
   * {@code C(v) = ½ vᵀAv − bᵀv} with {@code A = MᵀM/d + ½I} (so its eigenvalues lie in [½, ½ + d]) and
   * {@code b = Av*}: the minimum is {@code v*}. With η = 1 / (a Gershgorin bound on the largest
   * eigenvalue), plain and heavy-ball descent both contract.
   */
  @Property(tries = 200)
  void gradientDescentConvergesToTheMinimumOfRandomConvexQuadratics(@ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @DoubleRange(min = 0, max = 0.9) double momentum, @ForAll long seed) {
    Random random = new Random(seed);
    double[][] a = new double[d][d];
    double[][] m = new double[d][d];
    for (double[] row : m) {
      for (int j = 0; j < d; j++) {
        row[j] = 2 * random.nextDouble() - 1;
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          a[i][j] += m[k][i] * m[k][j] / d;
        }
      }
      a[i][i] += 0.5;
    }
    double[] minimum = new double[d];
    double[] b = new double[d];
    for (int i = 0; i < d; i++) {
      minimum[i] = 4 * random.nextDouble() - 2;
    }
    double largestRowSum = 0;
    for (int i = 0; i < d; i++) {
      double rowSum = 0;
      for (int j = 0; j < d; j++) {
        b[i] += a[i][j] * minimum[j];
        rowSum += Math.abs(a[i][j]);
      }
      largestRowSum = Math.max(largestRowSum, rowSum);
    }
    Variable v = variable("v", d);
    Expr cost = sub(mul(constant(0.5), sum(mul(v, matmul(constant(Tensor.of(a)), v)))),
        sum(mul(constant(Tensor.of(b)), v)));

    MinimizationResult r = GradientDescent.builder().learningRate(1 / largestRowSum).momentum(momentum)
        .maxSteps(5000).gradientTolerance(1e-11).build()
        .minimize(cost, Map.of(v, Tensor.zeros(d)));

    double[] found = r.parameters().get(v).toArray();
    for (int i = 0; i < d; i++) {
      if (!(Math.abs(found[i] - minimum[i]) <= 1e-9)) {
        throw new AssertionError(String.format("v[%d] = %s, minimum %s (stopped by %s after %d steps)",
            i, found[i], minimum[i], r.stopReason(), r.steps()));
      }
    }
  }

  /**
   * The seeds' derivation: {@code ΔC ≈ ∇C·Δv = −η‖∇C‖²}. For {@code C(v) = Σ log(1 + e^{a_k v_k}) +
   * ½ Σ c_k v_k²}, whose Hessian is diagonal with entries at most {@code H = max(a_k²/4 + c_k)}, Taylor's
   * theorem bounds the error: {@code |ΔC + η‖∇C‖²| ≤ ½ η² H ‖∇C‖²}.
   */
  @Property(tries = 300)
  void oneSmallStepChangesTheCostByMinusEtaTimesTheSquaredGradientNorm(
      @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @DoubleRange(min = 1e-4, max = 1e-2) @Scale(6) double eta,
      @ForAll long seed) {
    Random random = new Random(seed);
    double[] a = new double[d];
    double[] c = new double[d];
    double[] start = new double[d];
    double curvature = 0;
    for (int k = 0; k < d; k++) {
      a[k] = 4 * random.nextDouble() - 2;
      c[k] = 0.5 + 1.5 * random.nextDouble();
      start[k] = 4 * random.nextDouble() - 2;
      curvature = Math.max(curvature, a[k] * a[k] / 4 + c[k]);
    }
    Variable v = variable("v", Shape.of(d));
    Expr cost = add(sum(log(add(constant(1), exp(mul(constant(Tensor.of(a)), v))))),
        mul(constant(0.5), sum(mul(constant(Tensor.of(c)), square(v)))));

    MinimizationResult r = GradientDescent.builder().learningRate(eta).maxSteps(1).build()
        .minimize(cost, Map.of(v, Tensor.of(start)));

    double before = r.costs().get(0);
    double change = r.costs().get(1) - before;
    double gradientSquared = r.gradientNorms().get(0) * r.gradientNorms().get(0);
    double firstOrder = -eta * gradientSquared;
    double bound = 0.5 * eta * eta * curvature * gradientSquared + 1e-13 * (1 + Math.abs(before));
    if (!(Math.abs(change - firstOrder) <= bound)) {
      throw new AssertionError(String.format("ΔC = %s but −η‖∇C‖² = %s; the difference exceeds %s",
          change, firstOrder, bound));
    }
  }
}
