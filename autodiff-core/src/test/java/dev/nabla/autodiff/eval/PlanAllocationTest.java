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
 * Once specialised and compiled by the JIT, a plan runs without allocating: its buffers are reused, and
 * the kernels of a training step (matmuls, broadcasts, reductions, counts, reshapes) write into them in
 * place. Counted with the JVM's per-thread allocation counter, which sees every object.
 *
 * <p>The scalar kernels allocate nothing even when interpreted. The Vector API kernels do until C2 has
 * compiled them: interpreted, every vector operation returns a new object, and only C2 keeps vectors in
 * registers. So the runs are counted in rounds, and the test passes when a round after the warm-up
 * allocates nothing; a kernel whose vectors C2 failed to keep in registers (an inlining cut-off, say)
 * would allocate in every round and fail it.
 */
class PlanAllocationTest {
  private static final int RUNS = 5000;
  private static final int ROUNDS = 40;

  /**
   * The fewest bytes the current thread allocated in one of up to {@value #ROUNDS} rounds of {@value
   * #RUNS} runs of {@code plan} (stopping at the first round below {@value #RUNS} bytes).
   */
  private static long bytesAllocatedBy(Plan plan, Bindings bindings) {
    return bytesAllocatedBy(() -> plan.run(bindings));
  }

  /** {@link #bytesAllocatedBy(Plan, Bindings)} for any run. */
  private static long bytesAllocatedBy(Runnable run) {
    assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
        "needs com.sun.management.ThreadMXBean (HotSpot)");
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    run.run(); // specialises, and grows the kernels' per-thread scratch once
    long fewest = Long.MAX_VALUE;
    for (int round = 0; round < ROUNDS && fewest >= RUNS; round++) {
      long before = threads.getThreadAllocatedBytes(id);
      for (int i = 0; i < RUNS; i++) {
        run.run();
      }
      fewest = Math.min(fewest, threads.getThreadAllocatedBytes(id) - before);
    }
    return fewest;
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
    // one object of any kind per run would be at least 16 × RUNS bytes
    assertTrue(bytes < RUNS, () -> bytes + " bytes allocated in " + RUNS + " runs (the fewest of " + ROUNDS + " rounds)");
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
    assertTrue(bytes < RUNS, () -> bytes + " bytes allocated in " + RUNS + " runs (the fewest of " + ROUNDS + " rounds)");
  }

  @Test
  void aFusedTrainingStepWithItsBatchGatheredFromSparseRowsAllocatesNothing() {
    Networks net = Networks.seeds();
    Tensor data = net.inputs(300, 1); // row indices past 127, which Integer.valueOf would not take from its cache
    SparseRows index = SparseRows.of(data);
    SparseRows batch = SparseRows.empty(784);
    TrainingStep step = TrainingStep.builder(net.cost, net.initial(2)).rule(UpdateRule.withMomentum(0.1, 0.5))
        .sparseInput(net.x, batch).build();
    int[] order = TrainingStepProperties.identity(300);
    double[] rows = new double[10 * 784];
    Tensor in = Tensor.wrap(Shape.of(10, 784), rows);
    Bindings bindings = Bindings.of(net.x, in, net.y, net.targets(10, 3));
    int[] next = {0};
    long bytes = bytesAllocatedBy(() -> {
      int from = next[0];
      next[0] = (from + 10) % 300;
      System.arraycopy(data.rawData(), from * 784, rows, 0, rows.length); // the batch, as an optimiser gathers it
      batch.gather(index, order, from, from + 10);
      step.run(bindings);
    });
    assertTrue(bytes < RUNS, () -> bytes + " bytes allocated in " + RUNS + " steps (the fewest of " + ROUNDS + " rounds)");
  }
}
