package dev.nabla.autodiff.eval;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Once specialised, a plan runs without allocating: its buffers are reused, and the kernels of a
 * training step (matmuls, broadcasts, reductions, counts, reshapes) write into them in place. Counted
 * with the JVM's per-thread allocation counter, which sees every object (interpreted, compiled or not),
 * so the test does not depend on the JIT having removed anything.
 */
class PlanAllocationTest {
  private static final int RUNS = 5000;

  /** Bytes the current thread allocated while {@code plan} ran {@value #RUNS} times. */
  private static long bytesAllocatedBy(Plan plan, Bindings bindings) {
    assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
        "needs com.sun.management.ThreadMXBean (HotSpot)");
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    plan.run(bindings); // specialises, and grows the kernels' per-thread scratch once
    plan.run(bindings);
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < RUNS; i++) {
      plan.run(bindings);
    }
    return threads.getThreadAllocatedBytes(id) - before;
  }

  @Test
  void aTrainingStepOfTheSeedsNetworkAllocatesNothing() {
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
    Tensor images = Tensor.randomUniform(Shape.of(10, 784), 0, 1, 1);
    Bindings bindings = Bindings.of(x, images, y, Tensor.randomUniform(Shape.of(10, 10), 0, 1, 2),
            w1, Tensor.randomNormal(Shape.of(30, 784), 0, 1, 3))
        .with(b1, Tensor.randomNormal(Shape.of(30), 0, 1, 4))
        .with(w2, Tensor.randomNormal(Shape.of(10, 30), 0, 1, 5))
        .with(b2, Tensor.randomNormal(Shape.of(10), 0, 1, 6));
    long bytes = bytesAllocatedBy(Plan.of(outputs), bindings);
    // one object of any kind per run would be at least 16 × RUNS bytes; about 2 KB in total is allocated
    // once, not per run (the JVM's own: the same 2 KB with 500 runs as with 5,000)
    assertTrue(bytes < RUNS, () -> bytes + " bytes allocated in " + RUNS + " runs");
  }

  @Test
  void aSmallCustomCostWithItsGradientAllocatesNothing() {
    Variable w = variable("w", 10);
    Variable x = variable("x", 10);
    Variable y = variable("y");
    Expr r = sub(sum(mul(w, x)), y);
    Expr cost = add(log(div(add(exp(r), exp(neg(r))), constant(2))), mul(constant(0.01), sum(square(w))));
    Bindings bindings = Bindings.of(w, Tensor.randomNormal(Shape.of(10), 0, 1, 1), x,
        Tensor.randomNormal(Shape.of(10), 0, 1, 2), y, Tensor.scalar(0.5));
    long bytes = bytesAllocatedBy(Plan.of(List.of(cost, grad(cost, w).get(0))), bindings);
    assertTrue(bytes < RUNS, () -> bytes + " bytes allocated in " + RUNS + " runs");
  }
}
