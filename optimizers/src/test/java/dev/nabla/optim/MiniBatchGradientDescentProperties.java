package dev.nabla.optim;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.graph.Variable;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/** Reproducibility and consistency of mini-batch gradient descent over random linear-regression data. */
class MiniBatchGradientDescentProperties {

  @Property(tries = 100)
  void sameSeedGivesABitIdenticalRun(@ForAll @IntRange(min = 10, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 20) int batchSize, @ForAll @DoubleRange(min = 0, max = 0.9) double momentum,
      @ForAll long seed) {
    LinearRegression lr = LinearRegression.random(n, 3, 0.1, seed);
    MiniBatchGradientDescent sgd = MiniBatchGradientDescent.builder().learningRate(0.01).batchSize(batchSize)
        .epochs(3).seed(seed).momentum(momentum).build();

    TrainingResult first = sgd.train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);
    TrainingResult second = sgd.train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);

    check(first.parameters().equals(second.parameters()), "parameters differ: %s vs %s",
        first.parameters(), second.parameters());
    check(first.history().equals(second.history()) || sameCosts(first, second), "histories differ");
  }

  @Property(tries = 100)
  void differentSeedsVisitTheExamplesInDifferentOrders(@ForAll @IntRange(min = 20, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 10) int batchSize, @ForAll long seed) {
    LinearRegression lr = LinearRegression.random(n, 2, 0.1, seed);

    List<Double> one = stepCosts(lr, batchSize, seed);
    List<Double> other = stepCosts(lr, batchSize, seed + 1);

    check(!one.equals(other), "seeds %s and %s gave the same batch costs %s", seed, seed + 1, one);
  }

  @Property(tries = 100)
  void wholeDatasetBatchWithoutShufflingMatchesPlainGradientDescent(@ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 5) int epochs, @ForAll @DoubleRange(min = 0.001, max = 0.5) @Scale(4) double eta,
      @ForAll @DoubleRange(min = 0, max = 0.9) double momentum, @ForAll long seed) {
    LinearRegression lr = LinearRegression.random(n, 3, 0.5, seed);
    TrainingResult batch = MiniBatchGradientDescent.builder().learningRate(eta).batchSize(n).epochs(epochs)
        .momentum(momentum).shuffle(false).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);
    MinimizationResult plain = GradientDescent.builder().learningRate(eta).momentum(momentum).maxSteps(epochs).build()
        .minimize(lr.cost, lr.zeros(), Bindings.of(lr.x, lr.data.inputs(), lr.y, lr.data.targets()));

    // the same steps, rounded differently (the mini-batch step fuses w's update into its gradient's product)
    for (Variable v : List.of(lr.w, lr.b)) {
      check(batch.parameters().get(v).isCloseTo(plain.parameters().get(v), 1e-12, 1e-14), "mini-batch %s, plain %s",
          batch.parameters(), plain.parameters());
    }
    for (int k = 0; k < epochs; k++) {
      double a = batch.history().get(k).meanCost();
      double b = plain.costs().get(k);
      check(Math.abs(a - b) <= 1e-12 * Math.abs(b) + 1e-15, "cost of step %s: %s vs %s", k + 1, a, b);
    }
  }

  /**
   * Noiseless data {@code y = x·w* + b*}: every example is fitted exactly at the generating
   * coefficients, so with η below {@code 1 / max(‖x_i‖² + 1)} every batch step moves towards them, for
   * any batch size (last batches included) and order.
   */
  @Property(tries = 40)
  void linearRegressionRecoversTheGeneratingCoefficients(@ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 30, max = 80) int n, @ForAll @IntRange(min = 1, max = 16) int batchSize,
      @ForAll long seed) {
    LinearRegression lr = LinearRegression.random(n, d, 0, seed);
    double largest = 0;
    double[] x = lr.data.inputs().rawData();
    for (int i = 0; i < n; i++) {
      double squared = 1; // the bias's input
      for (int k = 0; k < d; k++) {
        squared += x[i * d + k] * x[i * d + k];
      }
      largest = Math.max(largest, squared);
    }
    int batchesPerEpoch = (n + batchSize - 1) / batchSize;
    TrainingResult r = MiniBatchGradientDescent.builder().learningRate(1 / largest).batchSize(batchSize)
        .epochs((4000 + batchesPerEpoch - 1) / batchesPerEpoch).seed(seed).build()
        .train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);

    double[] w = r.parameters().get(lr.w).toArray();
    for (int k = 0; k < d; k++) {
      check(Math.abs(w[k] - lr.trueWeights[k]) <= 1e-6, "w[%s] = %s, generated with %s", k, w[k], lr.trueWeights[k]);
    }
    double b = r.parameters().get(lr.b).item();
    check(Math.abs(b - lr.trueBias) <= 1e-6, "b = %s, generated with %s", b, lr.trueBias);
  }

  private static List<Double> stepCosts(LinearRegression lr, int batchSize, long seed) {
    List<Double> costs = new ArrayList<>();
    MiniBatchGradientDescent.builder().learningRate(0.01).batchSize(batchSize).epochs(1).seed(seed).build()
        .train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data, new TrainingListener() {
          @Override
          public void onStep(int epoch, int step, double cost, long elapsedNanos) {
            costs.add(cost);
          }
        });
    return costs;
  }

  private static boolean sameCosts(TrainingResult a, TrainingResult b) {
    for (int k = 0; k < a.history().size(); k++) {
      if (a.history().get(k).meanCost() != b.history().get(k).meanCost()) {
        return false;
      }
    }
    return true;
  }

  private static void check(boolean condition, String message, Object... args) {
    if (!condition) {
      throw new AssertionError(String.format(message, args));
    }
  }
}
