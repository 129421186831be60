package dev.nabla.optim;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniBatchGradientDescentTest {
  private final LinearRegression lr = LinearRegression.threeInputs(205, 7);

  private static MiniBatchGradientDescent.Builder sgd(double eta, int m, int epochs) {
    return MiniBatchGradientDescent.builder().learningRate(eta).batchSize(m).epochs(epochs);
  }

  @Test
  void linearRegressionRecoversTheGeneratingCoefficients() {
    TrainingResult r = sgd(0.1, 10, 60).seed(42).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);

    assertArrayEquals(lr.trueWeights, r.parameters().get(lr.w).toArray(), 1e-9);
    assertEquals(lr.trueBias, r.parameters().get(lr.b).item(), 1e-9);
    assertEquals(List.of(lr.w, lr.b), List.copyOf(r.parameters().keySet()));
  }

  @Test
  void linearRegressionWithMomentumRecoversTheGeneratingCoefficients() {
    TrainingResult r = sgd(0.02, 10, 60).momentum(0.9).seed(1).build()
        .train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);

    assertArrayEquals(lr.trueWeights, r.parameters().get(lr.w).toArray(), 1e-9);
  }

  @Test
  void wholeDatasetBatchWithoutShufflingEqualsPlainGradientDescentStepForStep() {
    Bindings data = Bindings.of(lr.x, lr.data.inputs(), lr.y, lr.data.targets());
    for (double mu : new double[] {0, 0.7}) {
      MinimizationResult plain = GradientDescent.builder().learningRate(0.3).momentum(mu).maxSteps(6).build()
          .minimize(lr.cost, lr.zeros(), data);
      for (int k = 1; k <= 6; k++) {
        TrainingResult batch = sgd(0.3, lr.data.size(), k).momentum(mu).shuffle(false).build()
            .train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);
        MinimizationResult reference = GradientDescent.builder().learningRate(0.3).momentum(mu).maxSteps(k).build()
            .minimize(lr.cost, lr.zeros(), data);

        // the same steps, rounded differently: the mini-batch step fuses w's update into its gradient's
        // product (−η·xᵢgᵢ added example by example), plain descent keeps the gradient (−η·Σxᵢgᵢ)
        for (Variable v : List.of(lr.w, lr.b)) {
          assertTrue(reference.parameters().get(v).isCloseTo(batch.parameters().get(v), 1e-13, 1e-15),
              v.name() + " after " + k + " steps, μ = " + mu + ": " + reference.parameters() + " vs " + batch.parameters());
        }
        assertEquals(plain.costs().get(k - 1), batch.history().get(k - 1).meanCost(),
            1e-13 * plain.costs().get(k - 1), "cost of step " + k);
      }
    }
  }

  /** The step owns copies: the caller's starting tensors and data are what they were, in every mode. */
  @Test
  void trainingLeavesTheStartingParametersAndTheDataUntouched() {
    Map<Variable, Tensor> start = Map.of(lr.w, Tensor.of(Shape.of(3, 1), 0.1, -0.2, 0.3), lr.b, Tensor.of(0.5));
    double[] w0 = start.get(lr.w).toArray();
    double[] b0 = start.get(lr.b).toArray();
    double[] inputs = lr.data.inputs().toArray();
    for (int threads : new int[] {1, 2}) {
      TrainingResult r = sgd(0.1, 10, 2).momentum(0.5).weightDecay(1e-3).parallelism(threads).seed(3).build()
          .train(lr.cost, lr.x, lr.y, start, lr.data);
      assertNotEquals(start.get(lr.w), r.parameters().get(lr.w), "the run trained");
      assertArrayEquals(w0, start.get(lr.w).toArray(), "w's starting tensor, parallelism " + threads);
      assertArrayEquals(b0, start.get(lr.b).toArray(), "b's starting tensor, parallelism " + threads);
      assertArrayEquals(inputs, lr.data.inputs().toArray(), "the inputs, parallelism " + threads);
    }
    MinimizationResult m = GradientDescent.builder().learningRate(0.1).maxSteps(3).build()
        .minimize(lr.cost, start, Bindings.of(lr.x, lr.data.inputs(), lr.y, lr.data.targets()));
    assertNotEquals(start.get(lr.w), m.parameters().get(lr.w), "gradient descent moved");
    assertArrayEquals(w0, start.get(lr.w).toArray(), "w's starting tensor, gradient descent");
  }

  @Test
  void sameSeedGivesBitIdenticalParameters() {
    MiniBatchGradientDescent sgd = sgd(0.05, 7, 3).seed(123).momentum(0.5).build();

    TrainingResult first = sgd.train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);
    TrainingResult second = sgd.train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);

    assertEquals(first.parameters(), second.parameters());
    assertEquals(first.history().get(2).meanCost(), second.history().get(2).meanCost());
  }

  @Test
  void differentSeedsVisitTheExamplesInDifferentOrders() {
    List<Double> a = stepCosts(sgd(0.05, 10, 1).seed(1).build());
    List<Double> b = stepCosts(sgd(0.05, 10, 1).seed(2).build());
    List<Double> unshuffled = stepCosts(sgd(0.05, 10, 1).shuffle(false).build());

    assertNotEquals(a.get(0), b.get(0), "first batches differ");
    assertNotEquals(a, unshuffled);
    assertNotEquals(b, unshuffled);
  }

  @Test
  void aSmallerLastBatchTakesAStepAveragedOverItsOwnRows() {
    // C(w) = 1/(2n) Σ (y_i − w)², so a step on batch B is w → w − η (w − mean_B(y))
    Variable x = variable("x", Shape.batch(1));
    Variable y = variable("y", Shape.batch(1));
    Variable w = variable("w", 1);
    Expr cost = mul(constant(0.5), mean(square(sub(y, w))));
    double[][] ys = new double[25][1];
    for (int i = 0; i < 25; i++) {
      ys[i][0] = i * i;
    }
    Dataset data = Dataset.of(new double[25][1], ys);
    TrainingResult r = sgd(0.5, 10, 1).shuffle(false).build().train(cost, x, y, Map.of(w, Tensor.of(0)), data);

    double expected = 0;
    for (int[] batch : new int[][] {{0, 10}, {10, 20}, {20, 25}}) {
      double mean = 0;
      for (int i = batch[0]; i < batch[1]; i++) {
        mean += ys[i][0] / (batch[1] - batch[0]);
      }
      expected -= 0.5 * (expected - mean);
    }
    assertEquals(3, r.steps());
    assertEquals(expected, r.parameters().get(w).item(), 1e-12);
  }

  @Test
  void droppingTheLastPartialBatchTakesOnlyFullBatches() {
    TrainingResult kept = sgd(0.1, 10, 2).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);
    TrainingResult dropped = sgd(0.1, 10, 2).dropLastPartialBatch(true).build()
        .train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);

    assertEquals(2 * 21, kept.steps());
    assertEquals(2 * 20, dropped.steps());
  }

  @Test
  void batchSizeAboveTheDatasetSizeMakesOneBatchOfEverything() {
    TrainingResult r = sgd(0.1, 1000, 3).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);

    assertEquals(3, r.steps());
  }

  @Test
  void listenerHearsEveryStepAndRecordsEpochMetrics() {
    List<String> steps = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onStep(int epoch, int step, double cost, long elapsedNanos) {
        steps.add(epoch + ":" + step);
      }

      @Override
      public EpochDecision onEpoch(EpochState s) {
        Tensor w = s.parameters().get(lr.w);
        return EpochDecision.proceed(Map.of("w0", w.get(0, 0), "step", (double) s.steps()));
      }
    };
    TrainingResult r = sgd(0.1, 100, 2).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data, listener);

    assertEquals(List.of("1:1", "1:2", "1:3", "2:4", "2:5", "2:6"), steps);
    assertEquals(2, r.history().size());
    assertEquals(r.parameters().get(lr.w).get(0, 0), r.history().get(1).metrics().get("w0"));
    assertEquals(3.0, r.history().get(0).metrics().get("step"));
    assertEquals(List.of(1, 2), r.history().stream().map(EpochRecord::epoch).toList());
    assertTrue(r.history().get(1).meanCost() < r.history().get(0).meanCost());
    assertFalse(r.stoppedEarly());
  }

  @Test
  void listenerCanStopTrainingEarly() {
    TrainingListener stopAtThree = TrainingListener.perEpoch(
        s -> s.epoch() == 3 ? EpochDecision.stop() : EpochDecision.proceed());
    TrainingResult r = sgd(0.1, 10, 50).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data, stopAtThree);

    assertTrue(r.stoppedEarly());
    assertEquals(3, r.history().size());
    assertEquals(3 * 21, r.steps());
  }

  @Test
  void epochStateBindingsEvaluateTheModelOnOtherData() {
    LinearRegression test = LinearRegression.threeInputs(50, 99);
    List<Double> testCosts = new ArrayList<>();
    sgd(0.1, 10, 5).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data, TrainingListener.perEpoch(s -> {
      Bindings b = s.bindings().with(lr.x, test.data.inputs()).with(lr.y, test.data.targets());
      testCosts.add(evaluate(lr.cost, b).item());
      return EpochDecision.proceed();
    }));

    assertEquals(5, testCosts.size());
    assertTrue(testCosts.get(4) < testCosts.get(0) * 1e-3, testCosts.toString());
  }

  @Test
  void inputVariableWhoseBatchDimensionIsFixedIsRejectedWhenABatchDoesNotFit() {
    Variable x10 = variable("x", 10, 3);
    Variable y10 = variable("y", 10, 1);
    Expr cost = mean(square(sub(add(matmul(x10, lr.w), lr.b), y10)));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sgd(0.1, 10, 1).build().train(cost, x10, y10, lr.zeros(), lr.data));
    assertEquals("input variable 'x' has shape [10, 3] but a batch of the dataset's inputs [205, 3] has shape [5, 3] "
        + "(leave the batch dimension open: Shape.batch)", e.getMessage());
  }

  @Test
  void dataVariableListedAsAParameterIsRejected() {
    Map<Variable, Tensor> params = lr.zeros();
    params.put(lr.x, Tensor.zeros(1, 3));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sgd(0.1, 10, 1).build().train(lr.cost, lr.x, lr.y, params, lr.data));
    assertEquals("input variable 'x' is also a parameter", e.getMessage());
  }

  @Test
  void aParameterTheCostDoesNotContainIsRefusedBeforeTraining() {
    Map<Variable, Tensor> params = lr.zeros();
    Variable typo = variable("w2", 3, 1);
    params.put(typo, Tensor.zeros(3, 1));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sgd(0.1, 10, 1).build().train(lr.cost, lr.x, lr.y, params, lr.data));
    assertEquals("the cost does not contain parameter 'w2' [3, 1], so training could not change it; the cost's "
        + "variables are [y, x, w, b]", e.getMessage());
  }

  private List<Double> stepCosts(MiniBatchGradientDescent sgd) {
    List<Double> costs = new ArrayList<>();
    sgd.train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data, new TrainingListener() {
      @Override
      public void onStep(int epoch, int step, double cost, long elapsedNanos) {
        costs.add(cost);
      }
    });
    return costs;
  }

  @Test
  void aHugeNumberOfEpochsWithAListenerThatStopsEarlyAllocatesNothingForTheEpochsNotRun() {
    // the history used to be sized by the configured epochs: OutOfMemoryError before the first step
    TrainingResult r = sgd(0.05, 10, Integer.MAX_VALUE).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data,
        TrainingListener.perEpoch(s -> s.epoch() == 3 ? EpochDecision.stop() : EpochDecision.proceed()));

    assertEquals(3, r.history().size());
    assertTrue(r.stoppedEarly());
  }
}
