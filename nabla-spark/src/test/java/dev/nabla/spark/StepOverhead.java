package dev.nabla.spark;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import dev.nabla.optim.Dataset;
import dev.nabla.optim.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;

/**
 * Measures what a training step costs through Spark in local mode against the same step computed in
 * one process by the same code (the executors' {@link PartitionShare}): the seeds' [784, 30, 10]
 * sigmoid network with the quadratic cost, on random inputs as sparse as MNIST's, for batches of 10
 * to 10,000 rows. Prints one table; {@code nabla-spark/measure-overhead} runs it.
 *
 * <p>Usage: {@code StepOverhead [examples] [steps]} (defaults 20,000 and 40). Not a test: run it on a
 * quiet machine and quote the medians.
 */
public final class StepOverhead {
  private StepOverhead() {}

  public static void main(String[] args) {
    int examples = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int[] batches = {10, 100, 1000, 10_000};
    Variable x = variable("x", Shape.batch(784));
    Variable y = variable("y", Shape.batch(10));
    Variable w1 = variable("w1", 784, 30);
    Variable b1 = variable("b1", 30);
    Variable w2 = variable("w2", 30, 10);
    Variable b2 = variable("b2", 10);
    Expr a2 = sigmoid(add(matmul(sigmoid(add(matmul(x, w1), b1)), w2), b2));
    Expr cost = mul(constant(0.5), mean(sum(square(sub(a2, y)), 1, false)));
    Map<Variable, Tensor> initial = new LinkedHashMap<>();
    initial.put(w1, Tensor.randomNormal(Shape.of(784, 30), 0, 1, 1));
    initial.put(b1, Tensor.randomNormal(Shape.of(30), 0, 1, 2));
    initial.put(w2, Tensor.randomNormal(Shape.of(30, 10), 0, 1, 3));
    initial.put(b2, Tensor.randomNormal(Shape.of(10), 0, 1, 4));
    Dataset data = randomExamples(examples);

    System.out.printf(Locale.ROOT, "# step time (median ms) of [784, 30, 10], %,d cached examples, %d steps per run%n",
        examples, steps);
    System.out.printf(Locale.ROOT, "%-8s %12s %14s %14s%n", "batch", "one process", "Spark local[1]", "Spark local[2]");
    double[][] spark = new double[2][batches.length];
    for (int cores = 1; cores <= 2; cores++) {
      try (LocalSpark s = new LocalSpark("local[" + cores + "]")) {
        // not jsc.parallelize(list): its partitions carry their data, which would be serialised into every task
        JavaRDD<Example> rdd = Examples.fromDataset(s.jsc, data, cores);
        rdd.count();
        for (int b = 0; b < batches.length; b++) {
          spark[cores - 1][b] = sparkStep(cost, x, y, initial, rdd, (double) batches[b] / examples, steps);
        }
      }
    }
    double overhead = Double.NaN;
    for (int b = 0; b < batches.length; b++) {
      double local = localStep(cost, x, y, initial, data, batches[b], steps);
      System.out.printf(Locale.ROOT, "%-8d %12.3f %14.3f %14.3f%n", batches[b], local, spark[0][b], spark[1][b]);
      if (b == 0) {
        overhead = spark[0][b] - local; // a batch of 10 computes almost nothing: the rest is Spark's per-step cost
      }
    }
    System.out.printf(Locale.ROOT, "overhead O = %.1f ms per step (Spark local[1] minus one process, batch %d)%n", overhead,
        batches[0]);
  }

  /** The median time between consecutive steps of a Spark run (setup excluded), in ms. */
  private static double sparkStep(Expr cost, Variable x, Variable y, Map<Variable, Tensor> initial, JavaRDD<Example> rdd,
      double fraction, int steps) {
    long[] at = new long[steps + 1];
    TrainingListener clock = new TrainingListener() {
      @Override
      public void onStep(int epoch, int step, double c, long elapsedNanos) {
        at[step] = System.nanoTime();
      }
    };
    SparkGradientDescent sgd = SparkGradientDescent.builder().learningRate(0.01).miniBatchFraction(fraction).steps(steps)
        .seed(1).build();
    sgd.train(cost, x, y, initial, rdd, clock);
    double[] gaps = new double[steps / 2];
    for (int i = 0; i < gaps.length; i++) {
      int step = steps - gaps.length + i + 1; // the second half: warmed up
      gaps[i] = (at[step] - at[step - 1]) / 1e6;
    }
    return median(gaps);
  }

  /**
   * The median time of the same step without Spark, in ms: the executors' own code ({@link
   * PartitionShare}, chunks of 512 rows through one compiled plan) over {@code batch} examples, then the
   * update.
   */
  private static double localStep(Expr cost, Variable x, Variable y, Map<Variable, Tensor> initial, Dataset data, int batch,
      int steps) {
    List<Variable> params = List.copyOf(initial.keySet());
    ShippedCost shipped = ShippedCost.of(cost, x, y, params);
    double[][] values = params.stream().map(p -> initial.get(p).toArray()).toArray(double[][]::new);
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      examples.add(Example.wrap(java.util.Arrays.copyOfRange(data.inputs().rawData(), i * 784, (i + 1) * 784),
          java.util.Arrays.copyOfRange(data.targets().rawData(), i * 10, (i + 1) * 10)));
    }
    double[] times = new double[steps];
    for (int round = 0; round < 2; round++) { // the first round warms up
      for (int s = 0; s < steps; s++) {
        long t0 = System.nanoTime();
        Share share = PartitionShare.compute(shipped, values, SparkGradientDescent.DEFAULT_CHUNK_ROWS, examples.iterator());
        int at = 1;
        for (double[] v : values) {
          for (int i = 0; i < v.length; i++, at++) {
            v[i] -= 1e-9 * share.sums[at] / share.rows;
          }
        }
        times[s] = (System.nanoTime() - t0) / 1e6;
      }
    }
    return median(times);
  }

  private static Dataset randomExamples(int n) {
    SplittableRandom r = new SplittableRandom(9);
    double[] in = new double[n * 784];
    double[] target = new double[n * 10];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 784; k++) {
        in[i * 784 + k] = r.nextInt(5) == 0 ? r.nextDouble() : 0; // about as sparse as MNIST
      }
      target[i * 10 + r.nextInt(10)] = 1;
    }
    return new Dataset(Tensor.of(Shape.of(n, 784), in), Tensor.of(Shape.of(n, 10), target));
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
