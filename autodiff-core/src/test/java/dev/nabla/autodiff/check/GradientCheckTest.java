package dev.nabla.autodiff.check;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GradientCheckTest {
  private final Variable w = variable("w", 2, 2);

  @Test
  void reportsAPassingCheckWithItsErrors() {
    GradientReport r = GradientCheck.of(sum(exp(w))).check(Bindings.of(w, Tensor.of(new double[][] {{0, 1}, {2, 3}})));
    assertTrue(r.passed());
    assertEquals(4, r.checked());
    assertTrue(r.maxRelError() < 1e-8, r.toString());
  }

  @Test
  void catchesAWrongGradientAndNamesTheWorstComponent() {
    // stop_gradient hides half of d(w·w)/dw = 2w from reverse mode, but not from finite differences
    Expr cost = sum(mul(w, stopGradient(w)));
    GradientReport r = GradientCheck.of(cost).check(Bindings.of(w, Tensor.of(new double[][] {{1, -2}, {3, 0.5}})));
    assertFalse(r.passed());
    assertEquals("w", r.worst().variable());
    assertArrayEquals(new int[] {1, 0}, r.worst().index());
    assertEquals(3.0, r.worst().analytic(), 1e-12);
    assertEquals(6.0, r.worst().numeric(), 1e-6);
    AssertionError e = assertThrows(AssertionError.class, r::assertPassed);
    assertTrue(e.getMessage().contains("gradient check FAILED: 4 components"), e.getMessage());
    assertTrue(e.getMessage().contains("worst: d cost / d w[1, 0] = 3.000000000 analytic vs 6.000000000 numeric"), e.getMessage());
    assertTrue(e.getMessage().contains("bindings: {w: [2, 2]}"), e.getMessage());
  }

  @Test
  void checksOnlyTheRequestedVariables() {
    Variable x = variable("x", 3);
    GradientReport r = GradientCheck.of(sum(mul(w, sum(x)))).wrt(x)
        .check(Bindings.of(w, Tensor.ones(2, 2), x, Tensor.of(1, 2, 3)));
    assertEquals(3, r.checked());
  }

  @Test
  void rejectsAnUnboundVariableAndBadSettings() {
    assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(sum(w)).check(Bindings.empty()));
    assertEquals("GradientCheck: step must be positive and finite, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(sum(w)).withStep(0)).getMessage());
    assertEquals("GradientCheck: the cost must be a scalar, but it has shape [2, 2]",
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(w)).getMessage());
  }

  @Test
  void componentsNearZeroAreComparedByAbsoluteErrorAndLeftOutOfTheRelativeError() {
    // the gradient 3x² is tiny near 0: a relative error of its rounding noise would read as 1
    Variable x = variable("x", 3);
    GradientReport r = GradientCheck.of(sum(pow(x, 3))).check(Bindings.of(x, Tensor.of(1e-9, 2e-9, 1)));
    assertTrue(r.passed(), r.toString());
    assertEquals(2, r.nearZero());
    assertTrue(r.maxRelError() < 1e-6, r.toString());
    assertTrue(r.toString().startsWith("gradient check passed: 3 components, max abs error "), r.toString());
    assertTrue(r.toString().contains(" (2 near 0, compared by absolute error)"), r.toString());
    GradientReport allZero = GradientCheck.of(sum(pow(x, 3))).check(Bindings.of(x, Tensor.of(1e-9, 2e-9, 3e-9)));
    assertTrue(allZero.toString().contains("(all 3 near 0, compared by absolute error)"), allZero.toString());
    assertFalse(allZero.toString().contains("max rel error"), allZero.toString());
  }
}
