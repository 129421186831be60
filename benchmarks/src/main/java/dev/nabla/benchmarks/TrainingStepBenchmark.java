package dev.nabla.benchmarks;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.eval.Plan;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost and all four gradients of the seeds' [784, 30, 10] sigmoid network with the quadratic cost,
 * for one mini-batch, through a cached {@link Plan} and through the plain {@link Evaluator}. Inputs are
 * synthetic with MNIST's density (about 19% non-zeros), so the benchmark needs no data files.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingStepBenchmark {
  @Param({"10", "100"})
  public int batch;

  @Param({"vector", "scalar"})
  public String kernels;

  private Plan plan;
  private Evaluator evaluator;
  private Bindings bindings;

  /** Builds the network's cost and gradients once. */
  @Setup
  public void setUp() {
    Variable x = variable("x", Shape.batch(784));
    Variable y = variable("y", Shape.batch(10));
    Variable w1 = variable("w1", 30, 784);
    Variable b1 = variable("b1", 30);
    Variable w2 = variable("w2", 10, 30);
    Variable b2 = variable("b2", 10);
    Expr a1 = sigmoid(add(matmul(x, transpose(w1)), b1));
    Expr a2 = sigmoid(add(matmul(a1, transpose(w2)), b2));
    Expr cost = div(sum(square(sub(a2, y))), mul(constant(2), Count.of(a2, 0)));
    List<Expr> outputs = new ArrayList<>();
    outputs.add(cost);
    outputs.addAll(grad(cost, w1, b1, w2, b2));
    plan = Plan.of(outputs, BenchData.kernels(kernels));
    evaluator = Evaluator.of(outputs);
    bindings = Bindings.of(x, mnistLike(batch, 1), y, oneHot(batch, 2), w1, Tensor.randomNormal(Shape.of(30, 784), 0, 1, 3))
        .with(b1, Tensor.randomNormal(Shape.of(30), 0, 1, 4))
        .with(w2, Tensor.randomNormal(Shape.of(10, 30), 0, 1, 5))
        .with(b2, Tensor.randomNormal(Shape.of(10), 0, 1, 6));
  }

  /** Rows of 784 pixels, about 19% of them non-zero, in [0, 1]. */
  static Tensor mnistLike(int rows, long seed) {
    Random r = new Random(seed);
    double[] d = new double[rows * 784];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextDouble() < 0.19 ? r.nextDouble() : 0;
    }
    return Tensor.of(Shape.of(rows, 784), d);
  }

  static Tensor oneHot(int rows, long seed) {
    Random r = new Random(seed);
    double[] d = new double[rows * 10];
    for (int i = 0; i < rows; i++) {
      d[i * 10 + r.nextInt(10)] = 1;
    }
    return Tensor.of(Shape.of(rows, 10), d);
  }

  /** Cost and gradients through the compiled plan (buffers reused). */
  @Benchmark
  public List<Tensor> plan() {
    return plan.run(bindings);
  }

  /**
   * Cost and gradients through the plain evaluator (allocates every value), with the kernels chosen at
   * start-up whatever {@link #kernels} says.
   */
  @Benchmark
  public List<Tensor> evaluator() {
    return evaluator.run(bindings);
  }
}
