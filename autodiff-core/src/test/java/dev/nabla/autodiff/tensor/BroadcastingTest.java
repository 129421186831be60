package dev.nabla.autodiff.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BroadcastingTest {
  @Test
  void shapesBroadcastAsInNumPy() {
    assertEquals(Shape.of(10, 3), Broadcasting.shape("add", Shape.of(10, 3), Shape.of(3)));
    assertEquals(Shape.of(10, 3), Broadcasting.shape("add", Shape.of(10, 1), Shape.of(1, 3)));
    assertEquals(Shape.of(2, 10, 3), Broadcasting.shape("add", Shape.of(2, 1, 3), Shape.of(10, 1)));
    assertEquals(Shape.batch(3), Broadcasting.shape("add", Shape.batch(3), Shape.of(3)));
    assertEquals(Shape.batch(3), Broadcasting.shape("add", Shape.batch(1), Shape.of(1, 3)));
    assertEquals(Shape.of(4), Broadcasting.shape("add", Shape.scalar(), Shape.of(4)));
  }

  @Test
  void rowsColumnsAndScalarsStretchAgainstMatrices() {
    Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36},
        Broadcasting.apply("add", m, Tensor.of(10, 20, 30), Double::sum).toArray());
    assertArrayEquals(new double[] {11, 12, 13, 24, 25, 26},
        Broadcasting.apply("add", m, Tensor.of(new double[][] {{10}, {20}}), Double::sum).toArray());
    assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12}, Broadcasting.apply("mul", Tensor.scalar(2), m, (a, b) -> a * b).toArray());
    assertArrayEquals(new double[] {1, 2, 1, 2, 1, 2},
        Broadcasting.expand(Tensor.of(1, 2), Shape.of(3, 2)).toArray());
  }
}
