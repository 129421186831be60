package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A learning-rate schedule sets η once per epoch, for every step of that epoch. */
class LearningRateScheduleTest {
  private final LinearRegression lr = LinearRegression.threeInputs(50, 5);

  private static MiniBatchGradientDescent.Builder sgd(int epochs) {
    return MiniBatchGradientDescent.builder().batchSize(7).epochs(epochs).shuffle(false);
  }

  @Test
  void stepDecayGivesTheDocumentedRates() {
    LearningRateSchedule s = LearningRateSchedule.stepDecay(0.8, 0.5, 2);
    assertEquals(List.of(0.8, 0.8, 0.4, 0.4, 0.2), List.of(s.learningRate(1), s.learningRate(2), s.learningRate(3),
        s.learningRate(4), s.learningRate(5)));
    assertEquals(3.0, LearningRateSchedule.constant(3.0).learningRate(1000));
  }

  @Test
  void eachEpochRunsAtItsScheduledRateExactlyAsSeparateRunsWouldAndIsRecorded() {
    TrainingResult scheduled = sgd(3).learningRateSchedule(LearningRateSchedule.stepDecay(0.1, 0.5, 2)).build()
        .train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);

    // the same run by hand: two epochs at 0.1, then one more from there at 0.05 (no momentum, no shuffling)
    TrainingResult first = sgd(2).learningRate(0.1).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data);
    TrainingResult then = sgd(1).learningRate(0.05).build().train(lr.cost, lr.x, lr.y, first.parameters(), lr.data);

    assertEquals(then.parameters(), scheduled.parameters());
    assertEquals(List.of(0.1, 0.1, 0.05), scheduled.history().stream().map(EpochRecord::learningRate).toList());
  }

  @Test
  void theListenerSeesTheEpochsRate() {
    List<Double> seen = new java.util.ArrayList<>();
    sgd(3).learningRateSchedule(epoch -> 0.01 * epoch).build().train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data,
        TrainingListener.perEpoch(s -> {
          seen.add(s.learningRate());
          return EpochDecision.proceed();
        }));
    assertEquals(List.of(0.01, 0.02, 0.03), seen);
  }

  @Test
  void aScheduleThatGivesABadRateFailsNamingTheEpoch() {
    MiniBatchGradientDescent sgd = sgd(5).learningRateSchedule(epoch -> epoch < 3 ? 0.1 : 0.0).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sgd.train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data));
    assertEquals("the learning-rate schedule gave η = 0.0 for epoch 3; it must be positive and finite", e.getMessage());
  }

  @Test
  void settingBothARateAndAScheduleIsRejected() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> sgd(1).learningRate(0.1).learningRateSchedule(LearningRateSchedule.constant(0.2)).build());
    assertEquals("both learningRate(0.1) and learningRateSchedule were set; set one of them", e.getMessage());
  }

  @Test
  void decayParametersAreChecked() {
    assertEquals("learning-rate decay factor must be in (0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
        () -> LearningRateSchedule.stepDecay(1, 1.5, 1)).getMessage());
    assertEquals("learning-rate decay interval must be at least 1 epoch, got 0", assertThrows(IllegalArgumentException.class,
        () -> LearningRateSchedule.stepDecay(1, 0.5, 0)).getMessage());
  }
}
