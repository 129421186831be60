package dev.nabla.optim;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.NonFiniteValueException;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A huge learning rate is reported with the step, a hint, and the last finite parameters. */
class TrainingDivergenceTest {
  private final Variable v = variable("v", 2);
  private final Expr bowl = sum(mul(constant(Tensor.of(1, 2)), square(v)));

  @Test
  void plainGradientDescentWithHugeLearningRateNamesTheStepAndKeepsTheLastFiniteValues() {
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> GradientDescent.builder().learningRate(10).maxSteps(10_000).build()
            .minimize(bowl, Map.of(v, Tensor.of(1, 1))));

    assertTrue(e.getMessage().startsWith("gradient descent diverged at step " + e.step()
        + ": the cost or its gradient became NaN or infinite"), e.getMessage());
    assertTrue(e.getMessage().endsWith("Try a smaller learning rate than η = 10.0."), e.getMessage());
    assertEquals(0, e.epoch());
    assertEquals(10, e.learningRate());
    assertInstanceOf(NonFiniteValueException.class, e.getCause());
    // each step multiplies v by (1 − 2η, 1 − 4η) = (−19, −39); v after step − 1 steps is what comes back
    Tensor last = e.lastFiniteParameters().get(v);
    assertTrue(last.isFinite());
    Tensor expected = Tensor.of(Math.pow(-19, e.step() - 1), Math.pow(-39, e.step() - 1));
    assertTrue(last.isCloseTo(expected, 1e-12, 0), last + " vs " + expected);
  }

  @Test
  void updateThatOverflowsAParameterIsReportedAtThatStepWithTheValuesBeforeIt() {
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> GradientDescent.builder().learningRate(1e308).maxSteps(5).build()
            .minimize(bowl, Map.of(v, Tensor.of(1, 1))));

    assertEquals(1, e.step());
    assertTrue(e.getMessage().contains("at step 1: the update made parameter 'v' NaN or infinite"), e.getMessage());
    assertEquals(Tensor.of(1, 1), e.lastFiniteParameters().get(v));
  }

  @Test
  void miniBatchDivergenceNamesEpochAndStep() {
    LinearRegression lr = LinearRegression.threeInputs(100, 3);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> MiniBatchGradientDescent.builder().learningRate(1e3).batchSize(10).epochs(100).build()
            .train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data));

    assertTrue(e.epoch() >= 1 && e.step() >= 1);
    int stepInEpoch = e.step() - 10 * (e.epoch() - 1);
    assertTrue(e.getMessage().startsWith("mini-batch gradient descent diverged at epoch " + e.epoch() + ", step "
        + e.step() + " (step " + stepInEpoch + " of the epoch): "), e.getMessage());
    assertTrue(e.getMessage().contains("Try a smaller learning rate than η = 1000.0."), e.getMessage());
    assertTrue(e.lastFiniteParameters().values().stream().allMatch(Tensor::isFinite));
    assertEquals(lr.zeros().keySet(), e.lastFiniteParameters().keySet());
  }

  @Test
  void overflowInTheLastStepOfAnEpochIsCaughtAtTheEpochsEnd() {
    // C = ½ mean((y − w)²) is 2.5 at w = 0, but the step w → 0 − 1e308 · (0 − 2) overflows
    Variable x = variable("x", Shape.batch(1));
    Variable y = variable("y", Shape.batch(1));
    Variable w = variable("w", 1);
    Expr cost = mul(constant(0.5), mean(square(sub(y, w))));
    Dataset data = Dataset.of(new double[][] {{0}, {0}}, new double[][] {{1}, {3}});

    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> MiniBatchGradientDescent.builder().learningRate(1e308).batchSize(2).epochs(1).build()
            .train(cost, x, y, Map.of(w, Tensor.of(0)), data));

    assertEquals(1, e.step());
    assertEquals(1, e.epoch());
    assertTrue(e.getMessage().contains(
        "at epoch 1, step 1 (step 1 of the epoch): the update made parameter 'w' NaN or infinite"), e.getMessage());
    assertEquals(Tensor.of(0), e.lastFiniteParameters().get(w));
  }

  @Test
  void parameterThatGoesInfiniteWithoutTheCostShowingItFallsBackToTheLastEpochsValues() {
    // C = ½ mean((y − relu(w))²) with y = −9: at w = 1 the gradient is 10 and the first step sends w to −∞;
    // there relu(w) = 0, so C and its gradient stay finite and only the end-of-epoch check sees it
    Variable x = variable("x", Shape.batch(1));
    Variable y = variable("y", Shape.batch(1));
    Variable w = variable("w", 1);
    Expr cost = mul(constant(0.5), mean(square(sub(y, relu(w)))));
    Dataset data = Dataset.of(new double[][] {{0}, {0}}, new double[][] {{-9}, {-9}});

    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> MiniBatchGradientDescent.builder().learningRate(1e308).batchSize(1).epochs(3).shuffle(false).build()
            .train(cost, x, y, Map.of(w, Tensor.of(1)), data));

    assertEquals(2, e.step());
    assertTrue(e.getMessage().contains("parameter 'w' became NaN or infinite in an update after step 0, without the "
        + "cost showing it at once. The parameters are left at their last finite values, from after step 0."),
        e.getMessage());
    assertEquals(Tensor.of(1), e.lastFiniteParameters().get(w));
  }

  @Test
  void anUpdateThatOverflowsMidEpochIsFoundAgainWithTheExactValuesBeforeIt() {
    // C = mean(y)·w is linear, so its gradient mean(y) is finite whatever w is; batch 5 (examples 8 and 9)
    // has mean(y) = 5e307 and its update sends w to −∞, which the cost of batch 6 shows. A fused step
    // updates in place: the values before step 5 are found by replaying steps 1 – 4 from the epoch's start
    Variable x = variable("x", Shape.batch(1));
    Variable y = variable("y", Shape.batch(1));
    Variable w = variable("w", 1);
    Expr cost = mul(mean(y), sum(w));
    double[][] ys = new double[11][1];
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < ys.length; i++) {
      ys[i][0] = i == 8 || i == 9 ? 5e307 : random.nextDouble() * 2 - 1;
    }
    Dataset data = Dataset.of(new double[11][1], ys);
    MiniBatchGradientDescent.Builder sgd = MiniBatchGradientDescent.builder().learningRate(10).batchSize(2).epochs(3)
        .momentum(0.5).shuffle(false);

    for (int n : new int[] {1, 2}) {
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
          () -> sgd.parallelism(n).build().train(cost, x, y, Map.of(w, Tensor.of(0.25)), data));

      assertEquals("mini-batch gradient descent diverged at epoch 1, step 5 (step 5 of the epoch): the update made "
          + "parameter 'w' NaN or infinite. The parameters are left at their last finite values, from before step 5. "
          + "Try a smaller learning rate than η = 10.0.", e.getMessage());
      // the values after steps 1 – 4: one epoch on the first 8 examples
      Tensor before = sgd.parallelism(n).epochs(1).build().train(cost, x, y, Map.of(w, Tensor.of(0.25)), data.slice(0, 8))
          .parameters().get(w);
      assertEquals(before, e.lastFiniteParameters().get(w), "with " + n + " thread(s)");
    }
  }

  @Test
  void anEpochCostThatOverflowsStopsTrainingAlthoughEveryBatchCostIsFinite() {
    // each batch costs about 1e308 (finite); the epoch's sum of batch costs is +∞
    Variable x = variable("x", Shape.batch(1));
    Variable y = variable("y", Shape.batch(1));
    Variable w = variable("w", 1);
    Expr cost = add(mul(constant(1e308), mean(x)), mul(constant(1e-3), sum(square(w))));
    Dataset data = Dataset.of(new double[][] {{1}, {1}, {1}, {1}}, new double[][] {{0}, {0}, {0}, {0}});

    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> MiniBatchGradientDescent.builder().learningRate(0.5).batchSize(2).epochs(3).build()
            .train(cost, x, y, Map.of(w, Tensor.of(1)), data));

    assertEquals("mini-batch gradient descent diverged at epoch 1, step 2 (step 2 of the epoch): the epoch's mean cost "
        + "overflowed to Infinity (its batch costs were finite but enormous). The parameters are left at their last "
        + "finite values, from after step 2. Try a smaller learning rate than η = 0.5.", e.getMessage());
  }

  @Test
  void aListenerThatSeesDivergenceStopsTrainingWithTheEpochStepAndRate() {
    LinearRegression lr = LinearRegression.threeInputs(30, 3);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> MiniBatchGradientDescent.builder().learningRate(0.01).batchSize(10).epochs(10).build()
            .train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data, TrainingListener.perEpoch(s -> s.epoch() == 2
                ? EpochDecision.diverged("accuracy 10.0% is at chance and the cost stopped falling")
                : EpochDecision.proceed())));

    assertEquals("mini-batch gradient descent diverged at epoch 2, step 6 (step 3 of the epoch): accuracy 10.0% is at "
        + "chance and the cost stopped falling. The parameters are left at their last finite values, from after step 6. "
        + "Try a smaller learning rate than η = 0.01.", e.getMessage());
    assertEquals(2, e.epoch());
    assertEquals(6, e.step());
  }

  /**
   * The same in a later epoch, with a schedule and weight decay: the fallback is the checkpoint at the end
   * of epoch 1, and the replay runs epoch 2's first step again at epoch 2's η.
   */
  @Test
  void anUpdateThatOverflowsInALaterEpochIsReplayedAtThatEpochsLearningRate() {
    // C = mean(y)·w with weight decay λ = 1, so a step is w → (1 − η)w − η·mean(y). At η = 1 (epoch 1) each
    // step resets w to −mean(y): the huge batch (mean 1e307) leaves it finite and the next batch brings it
    // back. At η = 20 (epoch 2) w → −19w − 20·mean(y): after batch 1, w = −19·(−0.01) = 0.19; batch 2's cost
    // (1e307 · 0.19) is finite, but its update overflows.
    Variable x = variable("x", Shape.batch(1));
    Variable y = variable("y", Shape.batch(1));
    Variable w = variable("w", 1);
    Expr cost = mul(mean(y), sum(w));
    Dataset data = Dataset.of(new double[8][1],
        new double[][] {{0}, {0}, {1e307}, {1e307}, {0.01}, {0.01}, {0.01}, {0.01}});
    LearningRateSchedule schedule = epoch -> epoch == 1 ? 1.0 : 20.0;

    for (int n : new int[] {1, 2}) {
      int threads = n;
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
          () -> MiniBatchGradientDescent.builder().learningRateSchedule(schedule).weightDecay(1).batchSize(2)
              .epochs(3).shuffle(false).parallelism(threads).build().train(cost, x, y, Map.of(w, Tensor.of(0.25)), data));

      assertEquals("mini-batch gradient descent diverged at epoch 2, step 6 (step 2 of the epoch): the update made "
          + "parameter 'w' NaN or infinite. The parameters are left at their last finite values, from before step 6. "
          + "Try a smaller learning rate than η = 20.0.", e.getMessage(), "with " + n + " thread(s)");
      // replayed at epoch 1's η, the value would be 0 (the decay resets w); not replayed, −0.01
      assertEquals(0.19, e.lastFiniteParameters().get(w).item(), 1e-15, "with " + n + " thread(s)");
    }
  }
}
