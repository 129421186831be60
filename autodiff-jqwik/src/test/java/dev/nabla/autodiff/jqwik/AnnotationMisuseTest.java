package dev.nabla.autodiff.jqwik;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parameter annotations that cannot all hold are rejected when the property starts, never ignored. */
class AnnotationMisuseTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "probabilitiesInANarrowRange | @Probabilities values lie in (0, 1) and sum to 1, so @ValueRange(min = 0.5, max = 0.75) cannot hold",
      "uniformProbabilities        | @Probabilities cannot be drawn with @ValueRange(uniform = true)",
      "distinctProbabilities       | @Probabilities cannot be combined with @DistinctValues",
      "distinctValuesAwayFromAKink | @DistinctValues cannot be combined with @AwayFrom",
      "fixedDimensionsWithBounds   | @TensorShape([4, 3], minRank = 0, maxRank = 3, maxDim = 4): give fixed dimensions or bounds",
      "aZeroDimension              | @TensorShape([3, 0]): every dimension must be at least 1",
  })
  void aContradictoryAnnotationFailsThePropertyWithAMessage(String property, String expected) {
    String message = FixtureRunner.run(AnnotationMisuseFixtures.class, property, Tensor.class).onlyFailure(property);
    assertTrue(message.contains(expected), message);
  }
}
