package dev.nabla.autodiff.jqwik;

import dev.nabla.autodiff.eval.Bindings;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A property that checks a relu unit exactly at its kink; run by {@link KinkTest} to read jqwik's statistics. */
class KinkFixtures {
  @Provide
  Arbitrary<Bindings> atTheKink() {
    return Arbitraries.just(KinkTest.atTheKink());
  }

  @Property(tries = 5)
  void aReluUnitAtItsKink(@ForAll("atTheKink") Bindings at) {
    GradientAssertions.assertDirectionalDerivativesMatch(KinkTest.reluUnit(), at);
    GradientAssertions.assertGradientsMatch(KinkTest.reluUnit(), at);
  }
}
