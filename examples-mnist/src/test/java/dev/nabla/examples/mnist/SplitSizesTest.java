package dev.nabla.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SplitSizesTest {
  @Test
  void standardIsNielsensSplit() {
    assertEquals(new SplitSizes(50_000, 10_000, 10_000), SplitSizes.STANDARD);
  }

  @Test
  void atMostCutsEveryPart() {
    assertEquals(new SplitSizes(1000, 1000, 1000), SplitSizes.STANDARD.atMost(1000));
    assertEquals(new SplitSizes(20_000, 10_000, 10_000), SplitSizes.STANDARD.atMost(20_000));
  }

  @Test
  void everyPartNeedsAnExample() {
    assertThrows(IllegalArgumentException.class, () -> new SplitSizes(1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> SplitSizes.STANDARD.atMost(0));
  }
}
