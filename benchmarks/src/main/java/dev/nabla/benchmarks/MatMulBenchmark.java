package dev.nabla.benchmarks;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Plan;
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
 * Matrix products at the training shapes, through a plan (so the output buffer is reused):
 * {@code forward} x·w1ᵀ ([n×784]·[30×784]ᵀ), {@code weightGradient} gᵀ·x ([n×30]ᵀ·[n×784]) and
 * {@code inputGradient} g·w1 ([n×30]·[30×784]). GFLOP/s = 2·m·k·n / time. Inputs have MNIST's density.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MatMulBenchmark {
  @Param({"10", "10000"})
  public int rows;

  @Param({"vector", "scalar"})
  public String kernels;

  private Plan forward;
  private Plan weightGradient;
  private Plan inputGradient;
  private Bindings bindings;

  /** Builds the three products. */
  @Setup
  public void setUp() {
    Variable x = variable("x", Shape.batch(784));
    Variable w = variable("w", 30, 784);
    Variable g = variable("g", Shape.batch(30));
    forward = Plan.of(List.of(matmul(x, transpose(w))), BenchData.kernels(kernels));
    weightGradient = Plan.of(List.of(matmul(transpose(g), x)), BenchData.kernels(kernels));
    inputGradient = Plan.of(List.of(matmul(g, w)), BenchData.kernels(kernels));
    bindings = Bindings.of(x, TrainingStepBenchmark.mnistLike(rows, 1), w, Tensor.randomNormal(Shape.of(30, 784), 0, 1, 2),
        g, Tensor.randomNormal(Shape.of(rows, 30), 0, 1, 3));
  }

  /** x·w1ᵀ. */
  @Benchmark
  public Tensor forward() {
    return forward.run(bindings).get(0);
  }

  /** gᵀ·x. */
  @Benchmark
  public Tensor weightGradient() {
    return weightGradient.run(bindings).get(0);
  }

  /** g·w1. */
  @Benchmark
  public Tensor inputGradient() {
    return inputGradient.run(bindings).get(0);
  }
}
