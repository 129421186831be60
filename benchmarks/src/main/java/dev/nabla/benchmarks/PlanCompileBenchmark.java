package dev.nabla.benchmarks;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Plan;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
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
 * Compiling a {@link Plan} for a long chain of operations and its gradient, and running it once (the
 * first run specialises the plan: shapes and buffers). The backward pass keeps every forward value
 * alive, so the plan holds thousands of buffers at once. Planning should grow linearly with the number
 * of operations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PlanCompileBenchmark {
  /** The number of operations in the chain. */
  @Param({"10000", "100000"})
  public int operations;

  private Variable x;
  private List<Expr> outputs;
  private Bindings bindings;

  /** Builds the chain x ← tanh(x)·c + d (three operations a step) and its gradient, once. */
  @Setup
  public void setUp() {
    x = variable("x", 8);
    Expr e = x;
    for (int i = 0; i < operations / 3; i++) {
      e = add(mul(tanh(e), constant(0.5 + 1e-6 * i)), constant(0.25));
    }
    Expr cost = sum(e);
    outputs = List.of(cost, grad(cost, x).get(0));
    bindings = Bindings.of(x, Tensor.randomNormal(Shape.of(8), 0, 1, 1));
  }

  /** Plan.of and the first run. */
  @Benchmark
  public List<Tensor> compileAndRunOnce() {
    return Plan.of(outputs).run(bindings);
  }
}
