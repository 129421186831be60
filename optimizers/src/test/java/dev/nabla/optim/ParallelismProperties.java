package dev.nabla.optim;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** {@code parallelism(n)} over random data, batch sizes and thread counts: one thread's steps, reproducibly. */
class ParallelismProperties {

  @Property(tries = 60)
  void anyParallelismTakesTheStepsOfOneThreadUpToRoundingAndRerunsBitIdentically(
      @ForAll @IntRange(min = 1, max = 50) int examples, @ForAll @IntRange(min = 1, max = 16) int batchSize,
      @ForAll @IntRange(min = 1, max = 6) int threads, @ForAll @DoubleRange(min = 0, max = 0.9) double momentum,
      @ForAll long seed) {
    int n = Math.min(threads, batchSize);
    LinearRegression lr = LinearRegression.random(examples, 3, 0.3, seed);
    MiniBatchGradientDescent.Builder sgd = MiniBatchGradientDescent.builder().learningRate(0.02).batchSize(batchSize)
        .epochs(3).seed(seed).momentum(momentum);

    TrainingResult single = sgd.build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);
    MiniBatchGradientDescent parallel = sgd.parallelism(n).build();
    TrainingResult first = parallel.train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);
    TrainingResult second = parallel.train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);

    for (Variable v : single.parameters().keySet()) {
      Tensor a = single.parameters().get(v);
      Tensor b = first.parameters().get(v);
      check(a.isCloseTo(b, 1e-11, 1e-12), "'%s' with n = %s: %s, with one thread: %s", v.name(), n, b, a);
    }
    check(first.parameters().equals(second.parameters()), "two runs with n = %s differ: %s vs %s", n, first.parameters(),
        second.parameters());
    for (int e = 0; e < 3; e++) {
      check(first.history().get(e).meanCost() == second.history().get(e).meanCost(), "epoch %s's cost differs", e + 1);
    }
  }

  private static void check(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new AssertionError(String.format(template, args));
    }
  }
}
