package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.autodiff.eval.UpdateRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Both optimisers reject bad settings when built, with messages that name the setting and the value. */
class HyperparameterValidationTest {

  @Test
  void negativeLearningRateIsRejectedWithItsValue() {
    assertMessage(IllegalArgumentException.class, "learning rate η must be positive and finite, got -0.1",
        () -> GradientDescent.builder().learningRate(-0.1).build());
    assertMessage(IllegalArgumentException.class, "learning rate η must be positive and finite, got -0.1",
        () -> MiniBatchGradientDescent.builder().learningRate(-0.1).batchSize(10).epochs(1).build());
  }

  @Test
  void zeroAndInfiniteLearningRatesAreRejected() {
    assertMessage(IllegalArgumentException.class, "learning rate η must be positive and finite, got 0.0",
        () -> GradientDescent.builder().learningRate(0).build());
    assertMessage(IllegalArgumentException.class, "learning rate η must be positive and finite, got Infinity",
        () -> GradientDescent.builder().learningRate(Double.POSITIVE_INFINITY).build());
  }

  @Test
  void missingLearningRateIsReported() {
    assertMessage(IllegalStateException.class, "learning rate η is not set: call learningRate(η) on the builder",
        () -> MiniBatchGradientDescent.builder().batchSize(10).epochs(1).build());
    assertMessage(IllegalStateException.class, "learning rate η is not set: call learningRate(η) on the builder",
        () -> GradientDescent.builder().maxSteps(3).build());
  }

  /** A training step has no builder method to point at: NaN is just out of range there. */
  @Test
  void aTrainingStepRefusesANaNLearningRateAsOutOfRange() {
    assertMessage(IllegalArgumentException.class, "learning rate η must be positive and finite, got NaN",
        () -> UpdateRule.gradientDescent(Double.NaN));
  }

  @Test
  void momentumOutsideZeroToOneIsRejected() {
    assertMessage(IllegalArgumentException.class, "momentum μ must be in [0, 1), got 1.0",
        () -> GradientDescent.builder().learningRate(0.1).momentum(1).build());
    assertMessage(IllegalArgumentException.class, "momentum μ must be in [0, 1), got -0.5",
        () -> MiniBatchGradientDescent.builder().learningRate(0.1).batchSize(1).epochs(1).momentum(-0.5).build());
  }

  @Test
  void batchSizeAndEpochsMustBePositive() {
    assertMessage(IllegalArgumentException.class, "batch size m must be at least 1, got 0",
        () -> MiniBatchGradientDescent.builder().learningRate(0.1).epochs(1).build());
    assertMessage(IllegalArgumentException.class, "number of epochs must be at least 1, got -2",
        () -> MiniBatchGradientDescent.builder().learningRate(0.1).batchSize(5).epochs(-2).build());
  }

  @Test
  void stoppingRulesMustBeSensible() {
    assertMessage(IllegalArgumentException.class, "maximum number of steps must be at least 1, got 0",
        () -> GradientDescent.builder().learningRate(0.1).maxSteps(0).build());
    assertMessage(IllegalArgumentException.class, "gradient tolerance must be positive and finite, got NaN",
        () -> GradientDescent.builder().learningRate(0.1).gradientTolerance(Double.NaN).build());
    assertMessage(IllegalArgumentException.class, "cost-change tolerance must be positive and finite, got -1.0",
        () -> GradientDescent.builder().learningRate(0.1).costChangeTolerance(-1).build());
  }

  private static void assertMessage(Class<? extends RuntimeException> type, String message, Executable build) {
    assertEquals(message, assertThrows(type, build).getMessage());
  }
}
