package dev.nabla.autodiff.jqwik;

import static dev.nabla.autodiff.Nabla.*;
import static dev.nabla.autodiff.jqwik.GradientAssertions.assertDirectionalDerivativesMatch;
import static dev.nabla.autodiff.jqwik.GradientAssertions.assertGradientsMatch;
import static dev.nabla.autodiff.jqwik.GradientAssertions.assertHessianVectorProductsMatch;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A kink within the finite-difference step is skipped, not failed, in every mode; a wrong gradient next
 * to it is still caught; and jqwik's statistics report the skips.
 */
class KinkTest {
  private static final Variable X = variable("x", 2, 2);
  private static final Variable W = variable("w", 2);
  private static final Variable Y = variable("y", 2);
  /** A relu unit fitted by least squares. */
  private static final Expr RELU_UNIT = mean(square(sub(relu(matmul(X, W)), Y)));
  private static final Tensor X0 = Tensor.of(new double[][] {{1, 0}, {0.5, 1}});
  private static final Tensor Y0 = Tensor.of(0.5, 0.2);

  /** The first pre-activation is 3e-6, well within the step (1e-5) of the kink at 0. */
  private static Bindings nearTheKink() {
    return Bindings.of(X, X0, W, Tensor.of(3e-6, 1), Y, Y0);
  }

  @Test
  void aKinkWithinTheStepIsSkippedInEveryMode() {
    Bindings at = nearTheKink();
    assertDoesNotThrow(() -> assertGradientsMatch(RELU_UNIT, at));
    assertDoesNotThrow(() -> assertDirectionalDerivativesMatch(RELU_UNIT, at));
    assertDoesNotThrow(() -> assertHessianVectorProductsMatch(RELU_UNIT, at));
  }

  @Test
  void aWrongGradientBesideAKinkIsStillCaught() {
    Expr tampered = add(RELU_UNIT, sum(mul(W, stopGradient(W)))); // the gradient misses w: wrong by 1 at w[1]
    AssertionError e = assertThrows(AssertionError.class, () -> assertGradientsMatch(tampered, nearTheKink()));
    assertTrue(e.getMessage().startsWith("gradient check FAILED: d cost / d w[1]"), e.getMessage());
    assertTrue(e.getMessage().contains("(2 more skipped: a kink within the step)"), e.getMessage()); // w[0] and x[0, 0]
    Bindings away = Bindings.of(X, X0, W, Tensor.of(0.7, 1), Y, Y0);
    assertThrows(AssertionError.class, () -> assertDirectionalDerivativesMatch(tampered, away));
  }

  @Test
  void jqwikReportsHowOftenAKinkWasSkipped() {
    FixtureRunner.Run run = FixtureRunner.run(KinkFixtures.class, "aReluUnitAtItsKink", Bindings.class);
    assertEquals(1, run.summary().getTestsSucceededCount(), () -> String.valueOf(run.summary().getFailures()));
    String reports = String.join("\n", run.reports());
    assertTrue(reports.contains("directional derivative check: kinks within the finite-difference step"), reports);
    assertTrue(reports.contains("every direction skipped"), reports);
    assertTrue(reports.contains("gradient check: kinks within the finite-difference step"), reports);
    assertTrue(reports.contains("some components skipped"), reports);
  }

  /** The relu unit exactly at its kink: the first pre-activation is 0. */
  static Bindings atTheKink() {
    return Bindings.of(X, X0, W, Tensor.of(0, 1), Y, Y0);
  }

  static Expr reluUnit() {
    return RELU_UNIT;
  }
}
