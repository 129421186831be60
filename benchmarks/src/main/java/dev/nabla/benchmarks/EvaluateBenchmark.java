package dev.nabla.benchmarks;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Plan;
import dev.nabla.autodiff.eval.SparseRows;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
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
 * Classifying 10,000 images with [784, 30, 10] (forward pass and arg-max) through a plan, with either
 * kernels: MNIST's training images when {@code data/mnist} has them ({@link BenchData#images}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class EvaluateBenchmark {
  @Param({"vector", "scalar"})
  public String kernels;

  /** Whether the images' non-zeros are kept with them ({@link SparseRows}, computed once) or found on every run. */
  @Param({"true", "false"})
  public boolean sparse;

  private Plan plan;
  private Bindings bindings;

  /** Builds the forward pass once. */
  @Setup
  public void setUp() {
    Variable x = variable("x", Shape.batch(784));
    Variable w1 = variable("w1", 30, 784);
    Variable b1 = variable("b1", 30);
    Variable w2 = variable("w2", 10, 30);
    Variable b2 = variable("b2", 10);
    Expr a2 = sigmoid(add(matmul(sigmoid(add(matmul(x, transpose(w1)), b1)), transpose(w2)), b2));
    Tensor images = BenchData.images(10_000);
    plan = Plan.of(List.of(argmax(a2, 1)), BenchData.kernels(kernels));
    if (sparse) {
      plan.sparseInput(x, SparseRows.of(images));
    }
    bindings = Bindings.of(x, images, w1, Tensor.randomNormal(Shape.of(30, 784), 0, 1, 3))
        .with(b1, Tensor.randomNormal(Shape.of(30), 0, 1, 4))
        .with(w2, Tensor.randomNormal(Shape.of(10, 30), 0, 1, 5))
        .with(b2, Tensor.randomNormal(Shape.of(10), 0, 1, 6));
  }

  /** The predicted class of every image. */
  @Benchmark
  public Tensor evaluateTenThousandImages() {
    return plan.run(bindings).get(0);
  }
}
