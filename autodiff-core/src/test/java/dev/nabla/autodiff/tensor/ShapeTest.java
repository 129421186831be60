package dev.nabla.autodiff.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {
  @Test
  void shapesAreValuesWithRowMajorStrides() {
    assertEquals(Shape.of(2, 3), Shape.of(2, 3));
    assertArrayEquals(new int[] {12, 4, 1}, Shape.of(2, 3, 4).strides());
    assertEquals(24, Shape.of(2, 3, 4).size());
    assertEquals(1, Shape.scalar().size());
    assertEquals("[?, 784]", Shape.batch(784).toString());
    assertEquals(784, Shape.batch(784).dim(-1));
  }

  @Test
  void openDimensionsAcceptAnySize() {
    assertTrue(Shape.batch(784).accepts(Shape.of(10, 784)));
    assertTrue(Shape.batch(784).accepts(Shape.of(10000, 784)));
    assertFalse(Shape.batch(784).accepts(Shape.of(10, 783)));
    assertFalse(Shape.batch(784).accepts(Shape.of(784)));
    assertFalse(Shape.batch(784).isConcrete());
    assertEquals("shape [?, 784] has open dimensions; its size is not known",
        assertThrows(IllegalArgumentException.class, () -> Shape.batch(784).size()).getMessage());
  }
}
