package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DatasetTest {

  @Test
  void rowsAreCountedAlongTheLeadingDimension() {
    Dataset d = Dataset.of(new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[][] {{1}, {0}});

    assertEquals(2, d.size());
    assertEquals(3, d.inputRowSize());
    assertEquals(1, d.targetRowSize());
  }

  @Test
  void sliceCopiesARangeOfExamples() {
    Dataset d = Dataset.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}, new double[][] {{1}, {2}, {3}});

    Dataset s = d.slice(1, 3);

    assertEquals(Shape.of(2, 2), s.inputs().shape());
    assertArrayEquals(new double[] {3, 4, 5, 6}, s.inputs().toArray());
    assertArrayEquals(new double[] {2, 3}, s.targets().toArray());
  }

  @Test
  void differentNumbersOfInputAndTargetRowsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(Tensor.zeros(3, 2), Tensor.zeros(4, 1)));
    assertEquals("dataset has 3 input rows [3, 2] but 4 target rows [4, 1]", e.getMessage());
  }

  @Test
  void nonFiniteDataIsRejectedBeforeTraining() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of(new double[][] {{1, Double.NaN}}, new double[][] {{1}}));
    assertEquals("dataset inputs [1, 2] contain NaN or infinity", e.getMessage());
  }

  @Test
  void emptySliceIsRejected() {
    Dataset d = Dataset.of(new double[][] {{1}, {2}}, new double[][] {{1}, {2}});

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.slice(1, 1));
    assertEquals("slice [1, 1) is not a non-empty range within the 2 examples", e.getMessage());
  }
}
