package dev.nabla.autodiff.graph;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Values, shapes, printing and errors of index, slice, gather, concat, stack and pad, against NumPy's. */
class SelectingTest {
  private final Variable v = variable("v", 5);
  private final Variable m = variable("m", 3, 4);
  private final Tensor v0 = Tensor.of(10, 11, 12, 13, 14);
  private final Tensor m0 = Tensor.of(new double[][] {{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 10, 11}});

  private double[] value(Expr e) {
    return evaluate(e, Bindings.of(v, v0, m, m0)).toArray();
  }

  private static String message(Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  @Test
  void indexTakesOneElementPerAxisCountingNegativeOnesFromTheEnd() {
    assertArrayEquals(new double[] {10}, value(index(v, 0)));
    assertArrayEquals(new double[] {14}, value(index(v, -1)));
    assertEquals(Shape.scalar(), index(v, 2).shape());
    assertArrayEquals(new double[] {8, 9, 10, 11}, value(index(m, -1)));
    assertArrayEquals(new double[] {6}, value(index(m, 1, 2)));
    assertEquals("v[0]", index(v, 0).toString());
    assertEquals("m[1][2]", index(m, 1, 2).toString());
  }

  @Test
  void sliceSelectsARangeWithAStepLikeNumPy() {
    assertArrayEquals(new double[] {11, 12, 13, 14}, value(slice(v, 0, 1, END)));      // v[1:]
    assertArrayEquals(new double[] {10, 11, 12, 13}, value(slice(v, 0, 0, -1)));       // v[:-1]
    assertArrayEquals(new double[] {10, 12, 14}, value(slice(v, 0, 0, END, 2)));       // v[::2]
    assertArrayEquals(new double[] {11, 13}, value(slice(v, 0, 1, 4, 2)));             // v[1:4:2]
    assertArrayEquals(new double[] {12, 13, 14}, value(slice(v, 0, -3, END)));         // v[-3:]
    assertArrayEquals(new double[] {1, 3, 5, 7, 9, 11}, value(slice(m, 1, 1, END, 2))); // m[:, 1::2]
    assertEquals(Shape.of(3, 2), slice(m, 1, 1, END, 2).shape());
    assertEquals("v[1:] - v[:-1]", sub(slice(v, 0, 1, END), slice(v, 0, 0, -1)).toString());
    assertEquals("m[:, 1::2]", slice(m, 1, 1, END, 2).toString());
    assertEquals("v_{1{:}} - v_{{:}-1}", dev.nabla.autodiff.print.LatexPrinter.print(
        sub(slice(v, 0, 1, END), slice(v, 0, 0, -1))));
  }

  @Test
  void aSliceOfEverythingIsItsInput() {
    assertEquals(v, slice(v, 0, 0, END));
    assertEquals(v, slice(v, 0, -5, 5));
  }

  @Test
  void positionsOutsideTheAxisAreErrorsNotClamped() {
    assertEquals("index: 5 is out of range for axis 0 of [5]; it must lie in [-5, 5)", message(() -> index(v, 5)));
    assertEquals("slice: start 7 is out of range for axis 0 of [5]; it must lie in [-5, 5)", message(() -> slice(v, 0, 7, END)));
    assertEquals("slice: stop 9 is out of range for axis 0 of [5]; it must lie in [-5, 5] or be END",
        message(() -> slice(v, 0, 1, 9)));
    assertEquals("slice: start 3 and stop 1 select nothing along axis 1 of [3, 4]", message(() -> slice(m, 1, 3, 1)));
    assertEquals("slice: step 0 must be positive", message(() -> slice(v, 0, 0, END, 0)));
    assertEquals("slice: axis 2 is out of range for [3, 4] (rank 2)", message(() -> slice(m, 2, 0, 1)));
    assertEquals("index: 3 indices for [3, 4] of rank 2", message(() -> index(m, 0, 0, 0)));
  }

  @Test
  void slicesOfAnOpenBatchAxisAreCheckedWhenTheBatchIsBound() {
    Variable x = variable("x", Shape.batch(2));
    Expr last = index(x, -1);
    assertArrayEquals(new double[] {5, 6}, evaluate(last, Bindings.of(x, Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}))).toArray());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> evaluate(index(x, 3), Bindings.of(x, Tensor.zeros(2, 2))));
    assertEquals("index: 3 is out of range for axis 0 of [2, 2]; it must lie in [-2, 2)", e.getMessage().lines().findFirst().get());
  }

  @Test
  void slicesAlongAnOpenBatchAxisHaveGradientsOfTheBatchsSize() {
    Variable x = variable("x", Shape.batch(2));
    Expr firstDifferences = sub(slice(x, 0, 1, END), slice(x, 0, 0, -1));   // x[t + 1] − x[t] over a series
    Expr dx = grad(sum(square(firstDifferences)), x).get(0);
    Tensor series = Tensor.of(new double[][] {{0, 0}, {1, 2}, {3, 3}});
    // d/dx of (x1 − x0)² + (x2 − x1)²: −2(x1 − x0), 2(x1 − x0) − 2(x2 − x1), 2(x2 − x1)
    assertArrayEquals(new double[] {-2, -4, -2, 2, 4, 2}, evaluate(dx, Bindings.of(x, series)).toArray());
    assertEquals(Shape.batch(2), dx.shape());
  }

  @Test
  void gatherTakesOneElementPerRowAtItsLabel() {
    Variable logits = variable("z", Shape.batch(4));
    Variable labels = variable("labels", Shape.batch());
    Expr picked = gather(logits, 1, labels);
    assertEquals(Shape.batch(), picked.shape());
    Tensor got = evaluate(picked, Bindings.of(logits, m0, labels, Tensor.of(3, 0, -1)));
    assertArrayEquals(new double[] {3, 4, 11}, got.toArray());
    assertEquals("gather(z, labels, axis=1)", picked.toString());
  }

  @Test
  void gatherWithIndicesOfTheSameRankIsTakeAlongAxis() {
    Expr idx = constant(Tensor.of(new double[][] {{2, 0, 1, 1}}));
    assertArrayEquals(new double[] {8, 1, 6, 7}, value(gather(m, 0, idx)));
    assertEquals(Shape.of(1, 4), gather(m, 0, idx).shape());
  }

  @Test
  void gatherRejectsIndicesThatDoNotFitOrAreNotIntegersInRange() {
    assertEquals("gather: indices [4] do not fit x [3, 4] along axis 1: they must have the shape [3] (one index per row), "
        + "or x's rank with any size along axis 1", message(() -> gather(m, 1, variable("i", 4))));
    assertEquals("gather: axis 0 of x [?, 3] is open; gather along a fixed axis",
        message(() -> gather(variable("x", Shape.batch(3)), 0, variable("i", 3))));
    Variable i = variable("i", 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> evaluate(gather(m, 1, i), Bindings.of(m, m0, i, Tensor.of(1, 4, 0))));
    assertEquals("gather: index 4 at [1] of the indices [3] is out of range for an axis of size 4",
        e.getMessage().lines().findFirst().get());
    e = assertThrows(IllegalArgumentException.class, () -> evaluate(gather(m, 1, i), Bindings.of(m, m0, i, Tensor.of(1, 0.5, 0))));
    assertEquals("gather: index 0.5 at [1] of the indices [3] is not an integer for an axis of size 4",
        e.getMessage().lines().findFirst().get());
  }

  @Test
  void scatterAddAddsRepeatedIndicesUp() {
    Variable g = variable("g", 3);
    Expr s = ScatterAdd.of(g, 0, constant(Tensor.of(1, 1, 3)), 4, true);
    assertArrayEquals(new double[] {0, 3, 0, 4}, evaluate(s, Bindings.of(g, Tensor.of(1, 2, 4))).toArray());
  }

  @Test
  void concatAndStackJoinAlongAnExistingOrANewAxis() {
    assertArrayEquals(new double[] {10, 11, 12, 13, 14, 14, 13}, value(concat(0, v, slice(v, 0, -1, END), slice(v, 0, 3, 4))));
    Expr c = concat(1, m, slice(m, 1, 0, 1));
    assertEquals(Shape.of(3, 5), c.shape());
    assertArrayEquals(new double[] {0, 1, 2, 3, 0, 4, 5, 6, 7, 4, 8, 9, 10, 11, 8}, value(c));
    Expr s = stack(1, index(m, 0), index(m, 2));
    assertEquals(Shape.of(4, 2), s.shape());
    assertArrayEquals(new double[] {0, 8, 1, 9, 2, 10, 3, 11}, value(s));
    assertEquals("stack(m[0], m[2], axis=1)", s.toString());
    assertEquals("concat(m, m[:, :1], axis=1)", c.toString());
  }

  @Test
  void concatAndStackNameTheInputThatDoesNotFit() {
    assertEquals("concat: input 1 [3] has rank 1, input 0 [3, 4] has rank 2",
        message(() -> concat(0, m, variable("w", 3))));
    assertEquals("concat: input 1 [2, 5] and input 0 [3, 4] differ on an axis other than 0",
        message(() -> concat(0, m, variable("w", 2, 5))));
    assertEquals("concat: axis 0 of input 1 [?, 4] is open; concatenate along a fixed axis",
        message(() -> concat(0, m, variable("x", Shape.batch(4)))));
    assertEquals("stack: input 1 [4] and input 0 [5] differ in shape", message(() -> stack(0, v, variable("w", 4))));
  }

  @Test
  void padPutsZerosAroundAlongAnAxis() {
    assertArrayEquals(new double[] {0, 10, 11, 12, 13, 14, 0, 0}, value(pad(v, 0, 1, 2)));
    assertEquals(Shape.of(3, 6), pad(m, 1, 0, 2).shape());
    assertEquals("pad(v, at=1:6, size=8)", pad(v, 0, 1, 2).toString());
    assertEquals("pad: before -1 and after 0 must not be negative", message(() -> pad(v, 0, -1, 0)));
  }

  @Test
  void theGradientOfASliceIsAPadNotAOneHotMatrix() {
    Expr dv = grad(sum(square(slice(v, 0, 1, END))), v).get(0);
    assertEquals("pad(2 * v[1:], at=1:, size=5)", dv.toString());
    assertArrayEquals(new double[] {0, 22, 24, 26, 28}, value(dv));
    Expr dm = grad(sum(gather(m, 1, constant(Tensor.of(0, 3, 3)))), m).get(0);
    assertEquals("scatterAdd(1, [0, 3, 3], axis=1, size=4)", dm.toString());
  }
}
