package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelsTest {
  @Test
  void oneHotPutsASingleOneInTheLabelsColumnOfEachRow() {
    int[] labels = new Random(3).ints(50, 0, 10).toArray();
    Tensor y = Labels.oneHot(labels, 10);
    assertEquals(Shape.of(50, 10), y.shape());
    for (int i = 0; i < labels.length; i++) {
      for (int j = 0; j < 10; j++) {
        assertEquals(j == labels[i] ? 1.0 : 0.0, y.get(i, j));
      }
    }
  }

  @Test
  void argMaxInvertsOneHot() {
    int[] labels = new Random(4).ints(100, 0, 7).toArray();
    assertArrayEquals(labels, Labels.argMax(Labels.oneHot(labels, 7)));
  }

  @Test
  void oneHotOfOneLabelIsTheSeedsTargetVector() {
    Tensor y = Labels.oneHot(3, 10);
    assertEquals(Shape.of(10), y.shape());
    assertEquals(1.0, y.get(3));
    assertArrayEquals(new int[] {3}, Labels.argMax(y));
  }

  @Test
  void argMaxTakesTheFirstOfTiedEntries() {
    assertArrayEquals(new int[] {1, 0}, Labels.argMax(Tensor.of(new double[][] {{0, 2, 2}, {5, 5, 5}})));
  }

  @Test
  void oneHotRejectsALabelOutsideTheClassesNamingItsIndex() {
    var e = assertThrows(IllegalArgumentException.class, () -> Labels.oneHot(new int[] {1, 10, 2}, 10));
    assertEquals("oneHot: label 10 at index 1 is outside [0, 10)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Labels.oneHot(new int[] {-1}, 10));
  }

  @Test
  void argMaxRejectsTensorsOfRankThree() {
    var e = assertThrows(IllegalArgumentException.class, () -> Labels.argMax(Tensor.zeros(2, 2, 2)));
    assertEquals("argMax: expected [n, classes] or [classes], got [2, 2, 2]", e.getMessage());
  }
}
