package dev.nabla.optim;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Once compiled by the JIT, a step of {@link MiniBatchGradientDescent} allocates nothing: gathering the
 * batch's non-zeros and targets, the fused training step with momentum, weight decay and a schedule,
 * and the loop around it. Counted with the JVM's per-thread allocation counter between the listener's
 * {@code onStep} calls, in windows that do not cross the end of an epoch (which snapshots the
 * parameters for the listener, on purpose).
 */
class StepAllocationTest {
  private static final int WINDOW = 200;

  @Test
  void aStepOfTheSeedsNetworkOnSparseImagesAllocatesNothing() {
    assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
        "needs com.sun.management.ThreadMXBean (HotSpot)");
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Variable x = variable("x", Shape.batch(784));
    Variable y = variable("y", Shape.batch(10));
    Variable w1 = variable("w1", 30, 784);
    Variable b1 = variable("b1", 30);
    Variable w2 = variable("w2", 10, 30);
    Variable b2 = variable("b2", 10);
    Expr a = sigmoid(add(matmul(sigmoid(add(matmul(x, transpose(w1)), b1)), transpose(w2)), b2));
    Expr cost = div(sum(square(sub(a, y))), mul(constant(2), Count.of(a, 0)));
    Map<Variable, Tensor> initial = new LinkedHashMap<>();
    initial.put(w1, Tensor.randomNormal(Shape.of(30, 784), 0, 0.05, 1));
    initial.put(b1, Tensor.zeros(30));
    initial.put(w2, Tensor.randomNormal(Shape.of(10, 30), 0, 0.2, 2));
    initial.put(b2, Tensor.zeros(10));
    int n = 5000;
    Random random = new Random(3);
    double[][] images = new double[n][784];
    double[][] targets = new double[n][10];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 784; j++) {
        images[i][j] = random.nextDouble() < 0.19 ? random.nextDouble() : 0; // MNIST's density
      }
      targets[i][random.nextInt(10)] = 1;
    }
    long[] fewest = {Long.MAX_VALUE};
    long[] windowStart = new long[1];
    long id = Thread.currentThread().getId();
    TrainingListener counter = new TrainingListener() {
      @Override
      public void onStep(int epoch, int step, double c, long elapsedNanos) {
        int inEpoch = (step - 1) % (n / 10) + 1;
        if (inEpoch == 1) {
          windowStart[0] = threads.getThreadAllocatedBytes(id);
        } else if (inEpoch == 1 + WINDOW) {
          fewest[0] = Math.min(fewest[0], threads.getThreadAllocatedBytes(id) - windowStart[0]);
        }
      }

      @Override
      public EpochDecision onEpoch(EpochState state) {
        return fewest[0] < WINDOW ? EpochDecision.stop() : EpochDecision.proceed();
      }
    };
    MiniBatchGradientDescent.builder().learningRateSchedule(LearningRateSchedule.stepDecay(1, 0.9, 1)).momentum(0.5)
        .weightDecay(1e-4, List.of(w1, w2)).batchSize(10).epochs(60).seed(4).build()
        .train(cost, x, y, initial, Dataset.of(images, targets), counter);

    assertTrue(fewest[0] < WINDOW, "the least allocated in " + WINDOW + " steps was " + fewest[0] + " bytes");
  }
}
