package dev.nabla.autodiff.jqwik;

import static dev.nabla.autodiff.Nabla.*;
import static dev.nabla.autodiff.jqwik.GradientAssertions.assertDirectionalDerivativesMatch;
import static dev.nabla.autodiff.jqwik.GradientAssertions.assertGradientsMatch;
import static dev.nabla.autodiff.jqwik.GradientAssertions.assertHessianVectorProductsMatch;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The gradient assertions pass correct gradients, catch wrong ones in every mode, and explain why. */
class GradientAssertionsTest {
  private static final Variable W = variable("w", 2, 3);
  private static final Tensor W0 = Tensor.of(new double[][] {{0.5, -1, 1.5}, {2, -0.25, 0.75}});
  /** w ⊙ stopGradient(w): value Σw², reverse-mode gradient w, true gradient 2w. */
  private static final Expr TAMPERED = sum(mul(W, stopGradient(W)));

  @Test
  void correctGradientsPassInEveryMode() {
    Expr cost = mean(square(sub(sigmoid(W), constant(0.3))));
    Bindings at = Bindings.of(W, W0);
    assertDoesNotThrow(() -> assertGradientsMatch(cost, at));
    assertDoesNotThrow(() -> assertDirectionalDerivativesMatch(cost, at));
    assertDoesNotThrow(() -> assertHessianVectorProductsMatch(cost, at));
  }

  @Test
  void aTamperedGradientFailsWithVariableIndexValuesCostAndBindings() {
    AssertionError e = assertThrows(AssertionError.class, () -> assertGradientsMatch(TAMPERED, W, W0));
    String m = e.getMessage();
    // the worst component is w[1, 0] = 2: analytic 2, numeric 4
    assertTrue(m.startsWith("gradient check FAILED: d cost / d w[1, 0] = 2.000000000 analytic vs 4.000000000 numeric"), m);
    assertTrue(m.contains("6 of 6 components out of tolerance"), m);
    assertTrue(m.contains("cost: sum(w * sg(w))"), m); // the stopped gradient shows: it is the bug
    assertTrue(m.contains("w [2, 3] = [[0.5, -1, 1.5], [2, -0.25, 0.75]]"), m);
    assertTrue(m.contains("tolerance: central differences, h = 1e-05"), m);
  }

  @Test
  void theDirectionalModeCatchesATamperedGradientAndLocatesIt() {
    AssertionError e = assertThrows(AssertionError.class, () -> assertDirectionalDerivativesMatch(TAMPERED, Bindings.of(W, W0)));
    String m = e.getMessage();
    assertTrue(m.startsWith("directional derivative check FAILED along random direction 1 of 3"), m);
    assertTrue(m.contains("worst component: d cost / d w[1, 0]"), m);
  }

  @Test
  void theDirectionalModeHandlesManyParametersWithFewEvaluations() {
    Variable big = variable("big", 200, 300);
    Tensor b0 = Tensor.randomUniform(Shape.of(200, 300), -1, 1, 7);
    Expr cost = sum(tanh(big));
    assertDoesNotThrow(() -> assertDirectionalDerivativesMatch(cost, Bindings.of(big, b0)));
    AssertionError e = assertThrows(AssertionError.class,
        () -> assertDirectionalDerivativesMatch(sum(mul(big, stopGradient(big))), Bindings.of(big, b0)));
    assertTrue(e.getMessage().contains("60000 parameters: too many to locate"), e.getMessage());
  }

  @Test
  void theSecondOrderModeCatchesAGradientWhoseOwnGradientIsWrong() {
    // value Σw³/3 and gradient w² are right, but w² is built from stopGradient(w): its derivative is 0, not 2w
    Expr s = stopGradient(W);
    Expr cost = add(sum(mul(sub(W, s), square(s))), sum(mul(pow(s, 3), constant(1.0 / 3))));
    Bindings at = Bindings.of(W, W0);
    assertDoesNotThrow(() -> assertGradientsMatch(cost, at));
    AssertionError e = assertThrows(AssertionError.class, () -> assertHessianVectorProductsMatch(cost, at));
    assertTrue(e.getMessage().startsWith("Hessian-vector product check FAILED"), e.getMessage());
    assertTrue(e.getMessage().contains("(H·v) at w["), e.getMessage());
  }

  @Test
  void onlyTheNamedVariablesAreChecked() {
    Variable x = variable("x", 3);
    Expr cost = sum(mul(x, stopGradient(x))).add(sum(square(W)));
    Bindings at = Bindings.of(W, W0, x, Tensor.of(1, 2, 3));
    assertDoesNotThrow(() -> assertGradientsMatch(cost, at, Tolerance.defaults(), W));
    assertThrows(AssertionError.class, () -> assertGradientsMatch(cost, at, Tolerance.defaults(), x));
  }

  @Test
  void aLargeCostDoesNotFailOnRoundingInASmallComponent() {
    // C ≈ 1e8 · 3, yet dC/dv = 1e-3: the rounding term scales with |C|
    Variable v = variable("v", 3);
    Expr cost = sum(add(constant(1e8), mul(v, constant(1e-3))));
    assertDoesNotThrow(() -> assertGradientsMatch(cost, v, Tensor.of(1, 2, 3)));
  }

  @Test
  void misuseFailsFastWithTheProblemNamed() {
    IllegalArgumentException notScalar = assertThrows(IllegalArgumentException.class,
        () -> assertGradientsMatch(square(W), W, W0));
    assertTrue(notScalar.getMessage().contains("must be a scalar, but it has shape [2, 3]"), notScalar.getMessage());
    IllegalArgumentException unbound = assertThrows(IllegalArgumentException.class,
        () -> assertGradientsMatch(TAMPERED, Bindings.empty()));
    assertTrue(unbound.getMessage().contains("variable 'w' [2, 3] is not bound"), unbound.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tolerance.defaults().withRelative(-1));
  }

  @Test
  void defaultTolerancesAreTheDocumentedOnes() {
    assertEquals(new Tolerance(1e-5, 1e-5, 1e-8, 1000), Tolerance.defaults());
  }
}
