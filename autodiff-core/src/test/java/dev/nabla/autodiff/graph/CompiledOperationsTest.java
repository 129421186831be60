package dev.nabla.autodiff.graph;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.eval.Plan;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The new primitives compile into plans: a plan computes what the evaluator does, bit for bit, at two
 * batch sizes, and once specialised their kernels allocate nothing (they write into the plan's
 * buffers). Counted with the JVM's per-thread allocation counter.
 */
class CompiledOperationsTest {
  private static final int RUNS = 5000;

  private final Variable z = variable("z", Shape.batch(5));
  private final Variable labels = variable("labels", Shape.batch());
  private final Variable w = variable("w", 6);

  /** A cost and its gradients using every new primitive: slices, pads, a gather and its scatter-add, concat, stack, where, min. */
  private List<Expr> outputs(boolean withReductionsAlongInnerAxes) {
    Expr logp = withReductionsAlongInnerAxes ? sub(z, logSumExp(z, 1, true)) : z;
    Expr crossEntropy = neg(mean(gather(logp, 1, labels)));
    Expr head = slice(w, 0, 0, -1);
    Expr rosenbrock = sum(add(mul(100, square(sub(slice(w, 0, 1, END), square(head)))), square(sub(1, head))));
    Expr chosen = sum(where(gt(w, 0), softplus(w), sin(w)));
    Expr joined = concat(0, head, reshape(index(w, 0), Shape.of(1)));
    Expr stacked = stack(0, joined, clip(pad(head, 0, 1, 0), -1, 1));
    Expr spread = withReductionsAlongInnerAxes ? sum(min(stacked, 0)) : sum(square(stacked));
    Expr cost = add(add(crossEntropy, rosenbrock), add(chosen, spread));
    List<Expr> out = new ArrayList<>();
    out.add(cost);
    out.addAll(grad(cost, z, w));
    return out;
  }

  private Bindings at(int batch) {
    double[] y = new double[batch];
    for (int i = 0; i < batch; i++) {
      y[i] = (i * 3) % 5;
    }
    return Bindings.of(z, Tensor.randomNormal(Shape.of(batch, 5), 0, 1, batch), labels, Tensor.of(y),
        w, Tensor.randomNormal(Shape.of(6), 0, 1, 7));
  }

  @Test
  void aPlanComputesWhatTheEvaluatorDoesAtEveryBatchSize() {
    Plan plan = Plan.of(outputs(true));
    for (int batch : new int[] {3, 10, 3}) {
      List<Tensor> expected = Evaluator.evaluate(outputs(true), at(batch));
      List<Tensor> got = plan.run(at(batch));
      for (int k = 0; k < expected.size(); k++) {
        assertEquals(expected.get(k), got.get(k), "output " + k + " at batch " + batch);
      }
    }
  }

  /**
   * Without a log-sum-exp or a min along a non-leading axis: those go through the general reduction and
   * broadcasting loops of {@code ReduceKernels} and {@code Broadcasting}, which still allocate their
   * index arrays on each run (about 500 bytes for a cross-entropy's log-softmax).
   */
  @Test
  void onceSpecialisedItsRunsAllocateNothing() {
    assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean, "needs HotSpot's counter");
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Plan plan = Plan.of(outputs(false));
    Bindings bindings = at(10);
    plan.run(bindings);
    plan.run(bindings);
    long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    for (int i = 0; i < RUNS; i++) {
      plan.run(bindings);
    }
    long bytes = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    // an object allocated on every run would be at least 16 bytes a run; what the JVM allocates once
    // (compiling, profiling) is a few kilobytes in all
    assertTrue(bytes < 8L * RUNS, () -> bytes + " bytes allocated in " + RUNS + " runs");
  }
}
