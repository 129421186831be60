package dev.nabla.autodiff.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {
  @Test
  void factoriesBuildRowMajorTensorsOfAnyRank() {
    assertEquals(Shape.scalar(), Tensor.scalar(2).shape());
    assertEquals(2.0, Tensor.scalar(2).item());
    Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(Shape.of(2, 3), m.shape());
    assertEquals(6.0, m.get(1, 2));
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m.toArray());
    Tensor t = Tensor.of(new double[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}});
    assertEquals(7.0, t.get(1, 1, 0));
    assertEquals(Tensor.of(Shape.of(2, 2), 1, 1, 1, 1), Tensor.ones(2, 2));
    assertEquals(Tensor.of(Shape.of(3), 0, 0, 0), Tensor.zeros(3));
    assertEquals(Tensor.fill(Shape.of(2), 7), Tensor.of(7, 7));
  }

  @Test
  void isFiniteRejectsNaNAndBothInfinitiesAnywhereAndAcceptsEveryFiniteExtreme() {
    double[] extremes = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
        -Double.MAX_VALUE, 1, -1};
    assertTrue(Tensor.of(extremes).isFinite());
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.longBitsToDouble(0xfff8000000000001L)}) {
      for (int at = 0; at < extremes.length; at++) {
        double[] d = extremes.clone();
        d[at] = bad;
        assertFalse(Tensor.of(d).isFinite(), bad + " at " + at);
      }
    }
  }

  @Test
  void valuesAreCopiedInAndOut() {
    double[] data = {1, 2};
    Tensor t = Tensor.of(data);
    data[0] = 99;
    t.toArray()[1] = 99;
    assertArrayEquals(new double[] {1, 2}, t.toArray());
  }

  @Test
  void randomFactoriesAreReproducibleFromTheirSeed() {
    Shape s = Shape.of(30, 784);
    assertEquals(Tensor.randomNormal(s, 0, 1, 42), Tensor.randomNormal(s, 0, 1, 42));
    assertNotEquals(Tensor.randomNormal(s, 0, 1, 42), Tensor.randomNormal(s, 0, 1, 43));
    Tensor u = Tensor.randomUniform(s, -1, 2, 7);
    for (double v : u.rawData()) {
      assertTrue(v >= -1 && v < 2);
    }
    double mean = 0;
    for (double v : Tensor.randomNormal(s, 3, 1, 1).rawData()) {
      mean += v / s.size();
    }
    assertEquals(3.0, mean, 0.05);
  }

  @Test
  void closenessUsesRelativeAndAbsoluteTolerance() {
    Tensor a = Tensor.of(1.0, 1000.0);
    assertTrue(a.isCloseTo(Tensor.of(1.0 + 1e-9, 1000.0 + 1e-4), 1e-6, 1e-8));
    assertFalse(a.isCloseTo(Tensor.of(1.0 + 1e-6, 1000.0), 1e-9, 1e-9));
    assertFalse(a.isCloseTo(Tensor.of(1.0, 1000.0, 3.0), 1, 1), "different shapes are never close");
    assertFalse(Tensor.of(Double.NaN).isCloseTo(Tensor.of(Double.NaN), 1, 1));
    assertEquals(1e-4, a.maxAbsDifference(Tensor.of(1.0, 1000.0001)), 1e-9);
  }

  @Test
  void toStringElidesTheMiddleOfLargeTensors() {
    assertEquals("[[1, 2.5],\n [3, 4]]", Tensor.of(new double[][] {{1, 2.5}, {3, 4}}).toString());
    double[] big = new double[100];
    for (int i = 0; i < big.length; i++) {
      big[i] = i;
    }
    assertEquals("[0, 1, 2, …, 97, 98, 99]", Tensor.of(big).toString());
    String m = Tensor.zeros(30, 784).toString();
    assertEquals(7, m.lines().count(), m);
    assertTrue(m.startsWith("[[0, 0, 0, …, 0, 0, 0],"), m);
  }

  @Test
  void errorsNameTheShapeAndTheProblem() {
    assertEquals("Tensor.of: shape [2, 3] needs 6 values, got 5",
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5)).getMessage());
    assertEquals("index [2, 0] is out of range for shape [2, 3]",
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).get(2, 0)).getMessage());
    assertEquals("Tensor.of: row 1 has 1 values, row 0 has 2",
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[][] {{1, 2}, {3}})).getMessage());
    assertEquals("item(): tensor of shape [2] has 2 elements, not 1",
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(1, 2).item()).getMessage());
  }
}
