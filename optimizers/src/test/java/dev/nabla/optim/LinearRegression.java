package dev.nabla.optim;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A test fixture: data {@code y = x·w* + b*} (plus optional Gaussian noise) from random inputs, and the
 * quadratic cost {@code 1/(2n) Σ‖y − (x·w + b)‖²} over a batch, written as the mean over the batch's
 * rows as {@link MiniBatchGradientDescent} expects.
 */
final class LinearRegression {
  final Variable x;
  final Variable y = variable("y", Shape.batch(1));
  final Variable w;
  final Variable b = variable("b", 1);
  final Expr cost;
  final Dataset data;
  final double[] trueWeights;
  final double trueBias;

  private LinearRegression(int n, double[] trueWeights, double trueBias, double noise, long seed) {
    int d = trueWeights.length;
    this.x = variable("x", Shape.batch(d));
    this.w = variable("w", d, 1);
    this.trueWeights = trueWeights.clone();
    this.trueBias = trueBias;
    Expr prediction = add(matmul(x, w), b);
    this.cost = mul(constant(0.5), mean(sum(square(sub(y, prediction)), 1, false)));
    Random random = new Random(seed);
    double[][] inputs = new double[n][d];
    double[][] targets = new double[n][1];
    for (int i = 0; i < n; i++) {
      double t = trueBias;
      for (int k = 0; k < d; k++) {
        inputs[i][k] = random.nextGaussian();
        t += inputs[i][k] * trueWeights[k];
      }
      targets[i][0] = t + noise * random.nextGaussian();
    }
    this.data = Dataset.of(inputs, targets);
  }

  /** {@code n} noiseless examples of {@code y = x·(2, −1, 0.5) + 0.3}. */
  static LinearRegression threeInputs(int n, long seed) {
    return new LinearRegression(n, new double[] {2, -1, 0.5}, 0.3, 0, seed);
  }

  /** {@code n} examples of a random linear map of {@code d} inputs, with noise. */
  static LinearRegression random(int n, int d, double noise, long seed) {
    Random random = new Random(seed ^ 0x5DEECE66DL);
    double[] weights = new double[d];
    for (int k = 0; k < d; k++) {
      weights[k] = 2 * random.nextDouble() - 1;
    }
    return new LinearRegression(n, weights, random.nextDouble(), noise, seed);
  }

  /** Zero starting values for w and b, in that order. */
  Map<Variable, Tensor> zeros() {
    Map<Variable, Tensor> m = new LinkedHashMap<>();
    m.put(w, Tensor.zeros(w.shape()));
    m.put(b, Tensor.zeros(1));
    return m;
  }
}
