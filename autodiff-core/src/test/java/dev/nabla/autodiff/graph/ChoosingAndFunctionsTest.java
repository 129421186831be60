package dev.nabla.autodiff.graph;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.print.LatexPrinter;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Values, printing and tie-breaking of where, maximum, minimum, clip, min, argmin and the new functions. */
class ChoosingAndFunctionsTest {
  private final Variable x = variable("x", 4);
  private final Tensor x0 = Tensor.of(-2, 0.5, 3, 0.5);

  private double[] value(Expr e) {
    return evaluate(e, Bindings.of(x, x0)).toArray();
  }

  @Test
  void whereChoosesElementwiseAndBroadcasts() {
    assertArrayEquals(new double[] {0, 0.5, 3, 0.5}, value(where(gt(x, 0), x, 0)));
    Variable m = variable("m", 2, 4);
    Expr w = where(gt(x, 1), m, x);
    assertEquals(Shape.of(2, 4), w.shape());
    Tensor got = evaluate(w, Bindings.of(x, x0, m, Tensor.of(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}})));
    assertArrayEquals(new double[] {-2, 0.5, 3, 0.5, -2, 0.5, 7, 0.5}, got.toArray());
    assertEquals("where([x > 0], x, 0)", where(gt(x, 0), x, 0).toString());
  }

  @Test
  void whereSendsTheGradientToTheChosenBranchOnly() {
    Variable y = variable("y", 4);
    Expr cost = sum(where(gt(x, 0), mul(x, 3), y));
    Bindings b = Bindings.of(x, x0, y, Tensor.zeros(4));
    assertArrayEquals(new double[] {0, 3, 3, 3}, evaluate(grad(cost, x).get(0), b).toArray());
    assertArrayEquals(new double[] {1, 0, 0, 0}, evaluate(grad(cost, y).get(0), b).toArray());
  }

  @Test
  void maximumAndMinimumSplitTheGradientAtATie() {
    Variable y = variable("y", 4);
    Bindings b = Bindings.of(x, x0, y, Tensor.of(1, 0.5, 1, 4));
    assertArrayEquals(new double[] {1, 0.5, 3, 4}, evaluate(maximum(x, y), b).toArray());
    assertArrayEquals(new double[] {-2, 0.5, 1, 0.5}, evaluate(minimum(x, y), b).toArray());
    assertArrayEquals(new double[] {0, 0.5, 1, 0}, evaluate(grad(sum(maximum(x, y)), x).get(0), b).toArray());
    assertArrayEquals(new double[] {1, 0.5, 0, 1}, evaluate(grad(sum(minimum(x, y)), x).get(0), b).toArray());
    assertEquals("maximum(x, y)", maximum(x, y).toString());
    assertEquals("\\min\\left(x, y\\right)", LatexPrinter.print(minimum(x, y)));
  }

  @Test
  void clipLimitsToARangeAndPassesTheGradientInsideIt() {
    assertArrayEquals(new double[] {-1, 0.5, 1, 0.5}, value(clip(x, -1, 1)));
    assertArrayEquals(new double[] {0, 1, 0, 1}, value(grad(sum(clip(x, -1, 1)), x).get(0)));
    assertEquals("clip: lo 2.0 is above hi 1.0", assertThrows(IllegalArgumentException.class, () -> clip(x, 2, 1)).getMessage());
  }

  @Test
  void minAndArgminReduceLikeMaxAndArgmax() {
    Variable m = variable("m", 2, 3);
    Bindings b = Bindings.of(m, Tensor.of(new double[][] {{3, -1, 2}, {0, 5, 0}}));
    assertArrayEquals(new double[] {-1}, evaluate(min(m), b).toArray());
    assertArrayEquals(new double[] {-1, 0}, evaluate(min(m, 1), b).toArray());
    assertArrayEquals(new double[] {0, -1, 0}, evaluate(min(m, 0), b).toArray());
    assertArrayEquals(new double[] {1, 0}, evaluate(argmin(m, 1), b).toArray(), "ties go to the first");
    // the adjoint goes to the minimum, split between ties
    assertArrayEquals(new double[] {0, 1, 0, 0.5, 0, 0.5}, evaluate(grad(sum(min(m, 1)), m).get(0), b).toArray());
    assertEquals("min(m, axis=1)", min(m, 1).toString());
    assertEquals("argmin: reduces along exactly one axis, got [] for [2, 3]",
        assertThrows(IllegalArgumentException.class, () -> Reduce.of(ReduceOp.ARGMIN, m, false)).getMessage());
  }

  @Test
  void trigonometricAndHyperbolicFunctionsAgreeWithJavaMath() {
    Tensor t = Tensor.of(-1.3, -0.2, 0.7, 1.1);
    Bindings b = Bindings.of(x, t);
    for (UnaryOp op : new UnaryOp[] {UnaryOp.SIN, UnaryOp.COS, UnaryOp.TAN, UnaryOp.SINH, UnaryOp.COSH}) {
      double[] got = evaluate(Unary.of(op, x), b).toArray();
      for (int i = 0; i < got.length; i++) {
        assertEquals(op.apply(t.rawData()[i]), got[i], 0.0, op + " at " + t.rawData()[i]);
      }
    }
    assertEquals(Math.sin(0.7), evaluate(sin(x), b).get(2), 0.0);
    assertEquals(Math.tan(1.1), evaluate(tan(x), b).get(3), 0.0);
  }

  @Test
  void log1pAndExpm1AreExactForSmallArguments() {
    Variable s = variable("s");
    Bindings tiny = Bindings.of(s, Tensor.scalar(1e-12));
    assertEquals(1e-12 - 5e-25, evaluate(log1p(s), tiny).item(), 1e-36);
    assertEquals(1e-12 + 5e-25, evaluate(expm1(s), tiny).item(), 1e-36);
    double naive = evaluate(log(add(1, s)), tiny).item();
    assertTrue(Math.abs(naive - 1e-12) / 1e-12 > 1e-5, "the naive form loses digits: " + naive);
  }

  @Test
  void softplusIsExactAndFiniteForLargeArguments() {
    Variable s = variable("s", 5);
    Tensor values = Tensor.of(-1000, -40, 0, 40, 1000);
    double[] got = evaluate(softplus(s), Bindings.of(s, values)).toArray();
    assertEquals(0, got[0], 0.0);
    assertEquals(Math.exp(-40), got[1], Math.ulp(Math.exp(-40)) * 2);
    assertEquals(Math.log(2), got[2], 0.0);
    assertEquals(40 + Math.exp(-40), got[3], 0.0);
    assertEquals(1000, got[4], 0.0);
    double[] slope = evaluate(grad(sum(softplus(s)), s).get(0), Bindings.of(s, values)).toArray();
    assertArrayEquals(new double[] {0, Math.exp(-40) / (1 + Math.exp(-40)), 0.5, 1 / (1 + Math.exp(-40)), 1}, slope, 1e-300);
    assertTrue(Double.isInfinite(Math.log(1 + Math.exp(1000))), "the naive form overflows");
  }

  @Test
  void functionsPrintByTheirNames() {
    assertEquals("softplus(x) + log1p(x) - expm1(x) * cosh(x)",
        sub(add(softplus(x), log1p(x)), mul(expm1(x), cosh(x))).toString());
    assertEquals("\\sin\\left(x\\right) \\odot \\operatorname{softplus}\\left(x\\right)", LatexPrinter.print(mul(sin(x), softplus(x))));
    assertEquals("cos(x)", grad(sum(sin(x)), x).get(0).toString());
    assertEquals("-sin(x)", grad(sum(cos(x)), x).get(0).toString());
  }
}
