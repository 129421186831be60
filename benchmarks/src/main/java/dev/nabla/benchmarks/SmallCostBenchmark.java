package dev.nabla.benchmarks;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.graph.Expr;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A researcher's small custom cost (about ten operations on vectors of length 10: a log-cosh loss of a
 * linear model with an L2 penalty) with its gradient, through a cached plan. The target is under 1 µs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SmallCostBenchmark {
  private Plan plan;
  private Bindings bindings;

  /** Builds the cost and its gradient once. */
  @Setup
  public void setUp() {
    Variable w = variable("w", 10);
    Variable x = variable("x", 10);
    Variable y = variable("y");
    Expr r = sub(sum(mul(w, x)), y);
    Expr cost = add(log(div(add(exp(r), exp(neg(r))), constant(2))), mul(constant(0.01), sum(square(w))));
    plan = Plan.of(List.of(cost, grad(cost, w).get(0)));
    bindings = Bindings.of(w, Tensor.randomNormal(Shape.of(10), 0, 1, 1), x, Tensor.randomNormal(Shape.of(10), 0, 1, 2),
        y, Tensor.scalar(0.5));
  }

  /** One evaluation of cost and gradient. */
  @Benchmark
  public List<Tensor> costAndGradient() {
    return plan.run(bindings);
  }
}
