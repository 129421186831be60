package dev.nabla.autodiff.jqwik;

import dev.nabla.autodiff.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties whose annotations ask for something that cannot hold; run by {@link AnnotationMisuseTest},
 * which expects each to fail at set-up with a message (the class name matches no Surefire pattern).
 */
class AnnotationMisuseFixtures {
  @Property(tries = 10)
  void probabilitiesInANarrowRange(@ForAll @TensorShape({2, 3}) @Probabilities @ValueRange(min = 0.5, max = 0.75)
      Tensor p) {}

  @Property(tries = 10)
  void uniformProbabilities(@ForAll @TensorShape({2, 3}) @Probabilities @ValueRange(min = 0, max = 1, uniform = true)
      Tensor p) {}

  @Property(tries = 10)
  void distinctProbabilities(@ForAll @TensorShape({2, 3}) @Probabilities @DistinctValues Tensor p) {}

  @Property(tries = 10)
  void distinctValuesAwayFromAKink(@ForAll @TensorShape({2, 3}) @DistinctValues @AwayFrom Tensor x) {}

  @Property(tries = 10)
  void fixedDimensionsWithBounds(@ForAll @TensorShape(value = {4, 3}, maxRank = 3) Tensor x) {}

  @Property(tries = 10)
  void aZeroDimension(@ForAll @TensorShape({3, 0}) Tensor x) {}
}
