package dev.nabla.spark;

import static dev.nabla.spark.Regression.assertBitIdentical;
import static dev.nabla.spark.Regression.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import dev.nabla.optim.EpochDecision;
import dev.nabla.optim.EpochState;
import dev.nabla.optim.LearningRateSchedule;
import dev.nabla.optim.TrainingDivergedException;
import dev.nabla.optim.TrainingListener;
import dev.nabla.optim.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer in local[2] against the single-process computation, and its checkpoints. */
class SparkGradientDescentTest {
  private static LocalSpark spark;
  private static JavaRDD<Example> data;
  private final Regression model = new Regression();

  @BeforeAll
  static void start() {
    spark = new LocalSpark("local[2]");
    data = Regression.rdd(spark.jsc, 300, 3); // three partitions: a tree that is not a power of two
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  private static SparkGradientDescent.Builder settings() {
    return SparkGradientDescent.builder().learningRate(0.1).miniBatchFraction(0.1).steps(30).momentum(0.5).seed(11);
  }

  private TrainingResult train(SparkGradientDescent sgd, TrainingListener listener) {
    return sgd.train(model.cost, model.x, model.y, model.initial(), data, listener);
  }

  @Test
  void equalsTheSingleProcessComputationOnTheSameSampledBatches() {
    SparkGradientDescent sgd = settings().chunkRows(7).build();
    TrainingResult r = train(sgd, TrainingListener.none());
    assertClose(model.reference(sgd, data), r.parameters(), 1e-12);
    assertEquals(30, r.steps());
  }

  @Test
  void aLearningRateScheduleAndWeightDecayEqualTheSingleProcessComputation() {
    SparkGradientDescent sgd = scheduled().weightDecay(0.05, List.of(model.w1, model.w2)).build();
    List<Double> etas = new ArrayList<>();
    TrainingResult r = train(sgd, TrainingListener.perEpoch(s -> {
      etas.add(s.learningRate());
      return EpochDecision.proceed();
    }));
    assertClose(model.reference(sgd, data), r.parameters(), 1e-12);
    assertEquals(List.of(0.2, 0.1, 0.05), etas);
    assertEquals(List.of(0.2, 0.1, 0.05), r.history().stream().map(e -> e.learningRate()).toList());
    TrainingResult without = train(scheduled().build(), TrainingListener.none());
    assertTrue(norm(r.parameters().get(model.w1)) < norm(without.parameters().get(model.w1)), "decay shrinks w1");
  }

  private static SparkGradientDescent.Builder scheduled() {
    return SparkGradientDescent.builder().learningRateSchedule(LearningRateSchedule.stepDecay(0.2, 0.5, 1))
        .miniBatchFraction(0.1).steps(30).stepsPerEpoch(10).momentum(0.5).seed(11);
  }

  private static double norm(Tensor t) {
    double s = 0;
    for (double v : t.toArray()) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  @Test
  void theSameSeedGivesABitIdenticalRunAndAnotherSeedAnotherRun() {
    TrainingResult a = train(settings().build(), TrainingListener.none());
    TrainingResult b = train(settings().build(), TrainingListener.none());
    assertBitIdentical(a.parameters(), b.parameters());
    TrainingResult c = train(settings().seed(12).build(), TrainingListener.none());
    assertTrue(a.parameters().get(model.w1).toArray()[0] != c.parameters().get(model.w1).toArray()[0]);
  }

  @Test
  void trainingLowersTheCostAndReportsEpochs() {
    TrainingResult r = train(settings().stepsPerEpoch(10).build(), TrainingListener.none());
    assertEquals(3, r.history().size());
    assertEquals(List.of(10, 20, 30), r.history().stream().map(e -> e.steps()).toList());
    assertTrue(r.history().get(2).meanCost() < r.history().get(0).meanCost(), r.history().toString());
  }

  @Test
  void plansAreCompiledOncePerExecutorCoreNotOncePerStep() {
    // a cost not seen before in this JVM (the cache is keyed by the graph's text), so its plans are built now
    Regression fresh = new Regression();
    int before = ExecutorPlans.plansBuilt();
    settings().build().train(fresh.cost.mul(3.0), fresh.x, fresh.y, fresh.initial(), data, TrainingListener.none());
    int built = ExecutorPlans.plansBuilt() - before;
    assertTrue(built >= 1 && built <= 2, "plans built for 30 steps on 2 cores: " + built);
  }

  @Test
  void aRunResumedFromACheckpointEndsExactlyLikeAnUninterruptedOne(@TempDir Path dir) {
    TrainingResult whole = train(settings().build(), TrainingListener.none());
    TrainingListener crashAtStep17 = new TrainingListener() {
      @Override
      public void onStep(int epoch, int step, double cost, long elapsedNanos) {
        if (step == 17) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
    SparkGradientDescent withCheckpoints = settings().checkpoints(dir, 5).build();
    assertThrows(IllegalStateException.class, () -> train(withCheckpoints, crashAtStep17));
    assertTrue(Files.exists(dir.resolve("checkpoint.graph")) && Files.exists(dir.resolve("cost.graph")));
    TrainingResult resumed = train(withCheckpoints, TrainingListener.none());
    assertEquals(30, resumed.steps());
    assertBitIdentical(whole.parameters(), resumed.parameters());
    TrainingResult again = train(withCheckpoints, TrainingListener.none());
    assertBitIdentical(whole.parameters(), again.parameters());
    assertEquals(List.of(), again.history(), "a finished run resumes to its end at once");
  }

  @Test
  void aCheckpointOfAnotherCostIsRefused(@TempDir Path dir) {
    train(settings().steps(3).checkpoints(dir, 1).build(), TrainingListener.none());
    Regression other = new Regression();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings().checkpoints(dir, 1).build()
        .train(other.cost.mul(2.0), other.x, other.y, other.initial(), data, TrainingListener.none()));
    assertTrue(e.getMessage().contains("belongs to another cost"), e.getMessage());
  }

  @Test
  void theListenerCanStopTraining() {
    TrainingResult r = train(settings().stepsPerEpoch(5).build(),
        TrainingListener.perEpoch((EpochState s) -> s.epoch() == 2 ? EpochDecision.stop() : EpochDecision.proceed()));
    assertEquals(10, r.steps());
    assertTrue(r.stoppedEarly());
  }

  @Test
  void aListenerCanDeclareDivergence() {
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> train(settings().stepsPerEpoch(5).build(),
        TrainingListener.perEpoch((EpochState s) -> s.epoch() == 2 ? EpochDecision.diverged("accuracy at chance")
            : EpochDecision.proceed())));
    assertEquals("mini-batch gradient descent on Spark diverged at epoch 2, step 10 (step 5 of the epoch): accuracy at "
        + "chance. The parameters are left at their last finite values, from after step 10. Try a smaller learning rate "
        + "than η = 0.1.", e.getMessage());
    assertEquals(2, e.epoch());
    assertEquals(10, e.step());
    assertEquals(0.1, e.learningRate());
  }

  @Test
  void divergenceIsReportedWithItsEpochStepAndLearningRate() {
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> train(settings().learningRate(1e300).stepsPerEpoch(4).build(), TrainingListener.none()));
    assertTrue(e.getMessage().startsWith("mini-batch gradient descent on Spark diverged at epoch " + e.epoch() + ", step "
        + e.step() + " (step " + ((e.step() - 1) % 4 + 1) + " of the epoch): "), e.getMessage());
    assertTrue(e.getMessage().endsWith("Try a smaller learning rate than η = 1.0E300."), e.getMessage());
    assertEquals((e.step() - 1) / 4 + 1, e.epoch());
    for (Tensor t : e.lastFiniteParameters().values()) {
      assertTrue(t.isFinite());
    }
  }

  @Test
  void anUpdateThatOverflowsKeepsEveryParameterAtItsValueBeforeThatStep() {
    // C = mean(x·y·(a + 10⁻¹⁰·b)) on one example x = y = 1: ∇ = (1, 10⁻¹⁰), so with η = 10³⁰⁸ step 1 gives
    // a = −10³⁰⁸, b = −10²⁹⁸, and step 2 overflows a (the cost stays finite). b, which step 2 did not reach,
    // must be kept at −10²⁹⁸ (it was put back to its value of two steps before)
    Variable x = dev.nabla.autodiff.Nabla.variable("x", Shape.batch(1));
    Variable y = dev.nabla.autodiff.Nabla.variable("y", Shape.batch(1));
    Variable a = dev.nabla.autodiff.Nabla.variable("a", 1);
    Variable b = dev.nabla.autodiff.Nabla.variable("b", 1);
    Expr cost = x.mul(y).mul(a.add(b.mul(1e-10))).mean();
    JavaRDD<Example> ones = spark.jsc.parallelize(List.of(Example.of(new double[] {1}, new double[] {1})), 1);
    Map<Variable, Tensor> start = new LinkedHashMap<>();
    start.put(a, Tensor.of(0));
    start.put(b, Tensor.of(0));

    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> SparkGradientDescent.builder()
        .learningRate(1e308).miniBatchFraction(1).steps(5).build().train(cost, x, y, start, ones, TrainingListener.none()));
    assertEquals(2, e.step());
    assertTrue(e.getMessage().contains("the update made parameter 'a' NaN or infinite"), e.getMessage());
    assertEquals(Tensor.of(-1e308), e.lastFiniteParameters().get(a));
    assertTrue(e.lastFiniteParameters().get(b).isCloseTo(Tensor.of(-1e298), 1e-12, 0), e.lastFiniteParameters().toString());
  }

  @Test
  void examplesOfTheWrongSizeAreNamed() {
    JavaRDD<Example> wrong = spark.jsc.parallelize(List.of(Example.of(new double[] {1, 2}, new double[] {1})));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings().build()
        .train(model.cost, model.x, model.y, model.initial(), wrong, TrainingListener.none()));
    assertEquals("the first example has 2 input and 1 target values; the cost's variables 'x' and 'y' take rows of 3 and 1",
        e.getMessage());
  }

  @Test
  void badSettingsAndVariablesAreNamed() {
    assertEquals("mini-batch fraction must be in (0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
        () -> settings().miniBatchFraction(1.5).build()).getMessage());
    // the optimizers' own checks and wording
    assertEquals("momentum μ must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
        () -> settings().momentum(1).build()).getMessage());
    assertEquals("weight decay λ must be zero or positive and finite, got -1.0", assertThrows(IllegalArgumentException.class,
        () -> settings().weightDecay(-1).build()).getMessage());
    assertEquals("both learningRate(0.1) and learningRateSchedule were set; set one of them",
        assertThrows(IllegalStateException.class,
            () -> settings().learningRateSchedule(LearningRateSchedule.constant(1)).build()).getMessage());
    IllegalArgumentException notAParameter = assertThrows(IllegalArgumentException.class, () -> settings()
        .weightDecay(0.1, List.of(model.x)).build().train(model.cost, model.x, model.y, model.initial(), data,
            TrainingListener.none()));
    assertEquals("weight decay is set for 'x' [?, 3], which is not one of the parameters [w1, b1, w2]",
        notAParameter.getMessage());
    Variable clash = dev.nabla.autodiff.Nabla.variable("x", 3, 2);
    Map<Variable, Tensor> params = Map.of(clash, Tensor.zeros(3, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings().build()
        .train(model.x.matmul(clash).sum(), model.x, model.y, params, data, TrainingListener.none()));
    assertTrue(e.getMessage().startsWith("two of the variables (x, y and the parameters) are named 'x'"), e.getMessage());
  }
}
