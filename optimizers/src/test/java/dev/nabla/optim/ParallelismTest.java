package dev.nabla.optim;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.eval.NonFiniteValueException;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code parallelism(n)}: the same steps as one thread up to rounding, reproducible, and its threads managed. */
class ParallelismTest {
  private static final String SHARD_THREAD = "nabla-sgd-shard-";
  private final LinearRegression lr = LinearRegression.random(205, 3, 0.2, 7); // batches of 10: 20 full and one of 5

  private static MiniBatchGradientDescent.Builder sgd(int m, int epochs) {
    return MiniBatchGradientDescent.builder().learningRate(0.05).batchSize(m).epochs(epochs).seed(3);
  }

  @Test
  void twoThreadsTakeTheSameStepsAsOneUpToRoundingWithFullAndPartialLastBatches() {
    List<Double> one = new ArrayList<>();
    List<Double> two = new ArrayList<>();
    TrainingResult single = sgd(10, 4).momentum(0.5).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data, costs(one));
    TrainingResult parallel = sgd(10, 4).momentum(0.5).parallelism(2).build()
        .train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data, costs(two));

    assertEquals(4 * 21, two.size());
    for (int k = 0; k < one.size(); k++) { // step 21 of each epoch is the batch of 5, cut into 2 + 3 rows
      assertEquals(one.get(k), two.get(k), 1e-13 * Math.abs(one.get(k)), "cost of step " + (k + 1));
    }
    assertClose(single, parallel, 1e-12);
    for (int e = 0; e < 4; e++) {
      assertEquals(single.history().get(e).meanCost(), parallel.history().get(e).meanCost(), 1e-13);
    }
  }

  @Test
  void threeThreadsOnUnevenShardsAndALastBatchSmallerThanTheThreadsAgreeWithOne() {
    LinearRegression small = LinearRegression.random(22, 2, 0.2, 11); // batches of 10, 10 and 2: 3 + 3 + 4 rows, then 1 + 1
    for (int n : new int[] {3, 4, 10}) {
      TrainingResult single = sgd(10, 3).build().train(small.cost, small.x, small.y, small.zeros(), small.data);
      TrainingResult parallel = sgd(10, 3).parallelism(n).build().train(small.cost, small.x, small.y, small.zeros(), small.data);

      assertEquals(9, parallel.steps());
      assertClose(single, parallel, 1e-12);
    }
  }

  @Test
  void termsOfTheParametersAloneKeepTheirWeightOfOne() {
    // C = mean over rows + ½λ‖w‖²: the shards' weights r_s/|B| add up to one, so the penalty is counted once
    Expr penalised = add(lr.cost, mul(constant(0.05), sum(square(lr.w))));
    TrainingResult single = sgd(10, 2).build().train(penalised, lr.x, lr.y, lr.zeros(), lr.data);
    TrainingResult parallel = sgd(10, 2).parallelism(3).build().train(penalised, lr.x, lr.y, lr.zeros(), lr.data);

    assertClose(single, parallel, 1e-12);
  }

  @Test
  void weightDecayAndAScheduleWorkAsWithOneThread() {
    MiniBatchGradientDescent.Builder b = MiniBatchGradientDescent.builder()
        .learningRateSchedule(LearningRateSchedule.stepDecay(0.1, 0.5, 1)).batchSize(16).epochs(3).seed(5).momentum(0.3)
        .weightDecay(0.01, List.of(lr.w));
    TrainingResult single = b.build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);
    TrainingResult parallel = b.parallelism(4).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);

    assertClose(single, parallel, 1e-12);
    assertEquals(0.025, parallel.history().get(2).learningRate());
  }

  @Test
  void theSameSeedAndTheSameParallelismGiveABitIdenticalRun() {
    MiniBatchGradientDescent sgd = sgd(10, 3).momentum(0.9).parallelism(3).build();

    TrainingResult first = sgd.train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);
    TrainingResult second = sgd.train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);

    assertEquals(first.parameters(), second.parameters());
    for (int e = 0; e < 3; e++) {
      assertEquals(first.history().get(e).meanCost(), second.history().get(e).meanCost());
    }
    // and the shards really are summed in another order than one thread's rows: the bits differ
    TrainingResult single = sgd(10, 3).momentum(0.9).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);
    assertNotEquals(single.parameters(), first.parameters());
  }

  @Test
  void parallelismIsValidated() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> sgd(10, 1).parallelism(0).build());
    assertEquals("parallelism n must be at least 1 (one thread), got 0", zero.getMessage());

    IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> sgd(4, 1).parallelism(5).build());
    assertEquals("parallelism n = 5 exceeds the batch size m = 4: each thread evaluates at least one row of a batch, "
        + "so at most 4 threads can share one", tooMany.getMessage());
    assertEquals(4, sgd(4, 1).parallelism(4).build().parallelism());
  }

  @Test
  void aFixedBatchDimensionThatFitsTheBatchButNotAShardIsRejected() {
    Variable x10 = variable("x", 10, 3);
    Variable y10 = variable("y", 10, 1);
    Expr cost = mean(square(sub(add(matmul(x10, lr.w), lr.b), y10)));
    Dataset twenty = lr.data.slice(0, 20);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sgd(10, 1).parallelism(2).build().train(cost, x10, y10, lr.zeros(), twenty));
    assertEquals("input variable 'x' has shape [10, 3], but parallelism(2) cuts a batch of 10 rows into shards of 5 rows, "
        + "[5, 3] (leave the batch dimension open: Shape.batch)", e.getMessage());
    assertShardThreadsStopped();
  }

  @Test
  void aNonFiniteCostInAnyShardIsReportedWithEpochStepAndLearningRate() {
    // C = mean(log y) + w²: finite for every row but row 6, whose target is −1
    Variable x = variable("x", Shape.batch(1));
    Variable y = variable("y", Shape.batch(1));
    Variable w = variable("w", 1);
    Expr cost = add(mean(log(y)), sum(square(w)));
    double[][] targets = {{1}, {2}, {3}, {4}, {5}, {6}, {-1}, {8}};
    Dataset data = Dataset.of(new double[8][1], targets);
    for (int n : new int[] {1, 2, 4}) { // row 6 is in shard 1 of 2, or shard 2 of 4
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
          () -> MiniBatchGradientDescent.builder().learningRate(0.5).batchSize(4).epochs(3).shuffle(false).parallelism(n)
              .build().train(cost, x, y, Map.of(w, Tensor.of(1)), data));

      assertEquals(1, e.epoch(), "n = " + n);
      assertEquals(2, e.step(), "n = " + n);
      assertEquals(0.5, e.learningRate());
      assertTrue(e.getMessage().startsWith("mini-batch gradient descent diverged at epoch 1, step 2 (step 2 of the epoch): "
          + "the cost or its gradient became NaN or infinite"), e.getMessage());
      assertInstanceOf(NonFiniteValueException.class, e.getCause());
      assertEquals(Tensor.of(0), e.lastFiniteParameters().get(w), "w after step 1: 1 − 0.5 · 2w"); // w → 0
      assertShardThreadsStopped();
    }
  }

  @Test
  void aHugeLearningRateDivergesAtTheSameStepAsWithOneThread() {
    TrainingDivergedException one = assertThrows(TrainingDivergedException.class,
        () -> sgd(10, 100).learningRate(1e3).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data));
    TrainingDivergedException two = assertThrows(TrainingDivergedException.class,
        () -> sgd(10, 100).learningRate(1e3).parallelism(2).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data));

    assertEquals(one.epoch(), two.epoch());
    assertEquals(one.step(), two.step());
    assertTrue(two.lastFiniteParameters().values().stream().allMatch(Tensor::isFinite));
  }

  @Test
  void theThreadsAreStartedOncePerRunAndStoppedWhenItEnds() {
    Set<Thread> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    TrainingListener watch = new TrainingListener() {
      @Override
      public void onStep(int epoch, int step, double cost, long elapsedNanos) {
        seen.addAll(shardThreads());
      }
    };
    sgd(10, 3).parallelism(3).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data, watch);

    assertEquals(2, seen.size(), "the same two extra threads served all 63 steps: " + seen);
    assertShardThreadsStopped();
  }

  @Test
  void theThreadsStopWhenAListenerThrows() {
    RuntimeException boom = new IllegalStateException("listener failed");
    TrainingListener failing = TrainingListener.perEpoch(s -> {
      throw boom;
    });

    RuntimeException e = assertThrows(RuntimeException.class,
        () -> sgd(10, 3).parallelism(2).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data, failing));
    assertSame(boom, e);
    assertShardThreadsStopped();
  }

  private static TrainingListener costs(List<Double> into) {
    return new TrainingListener() {
      @Override
      public void onStep(int epoch, int step, double cost, long elapsedNanos) {
        into.add(cost);
      }
    };
  }

  private static void assertClose(TrainingResult expected, TrainingResult actual, double tolerance) {
    assertEquals(expected.parameters().keySet(), actual.parameters().keySet());
    for (Variable v : expected.parameters().keySet()) {
      Tensor a = expected.parameters().get(v);
      Tensor b = actual.parameters().get(v);
      assertTrue(a.isCloseTo(b, tolerance, tolerance), v.name() + ": one thread " + a + ", parallel " + b);
    }
  }

  private static List<Thread> shardThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(SHARD_THREAD)).toList();
  }

  private static void assertShardThreadsStopped() {
    assertEquals(List.of(), shardThreads(), "shard threads still alive after the run");
  }
}
