package dev.nabla.autodiff.jqwik;

import static dev.nabla.autodiff.Nabla.*;
import static dev.nabla.autodiff.jqwik.GradientAssertions.assertDirectionalDerivativesMatch;
import static dev.nabla.autodiff.jqwik.GradientAssertions.assertGradientsMatch;
import static dev.nabla.autodiff.jqwik.GradientAssertions.assertHessianVectorProductsMatch;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.diff.Gradients;
import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    assertTrue(m.contains("cost: sum(w * sg(w))"), m); // the stopped gradient shows in every mode
  }

  @Test
  void theDirectionalModeLocatesOneWrongWeightAmongTensOfThousands() {
    Variable big = variable("big", 200, 300);
    Variable bias = variable("bias", 300);
    Tensor b0 = Tensor.randomUniform(Shape.of(200, 300), -1, 1, 7);
    Tensor bias0 = Tensor.randomUniform(Shape.of(300), -1, 1, 8);
    Expr cost = add(sum(tanh(add(big, bias))), sum(square(bias)));
    Bindings at = Bindings.of(big, b0, bias, bias0);
    assertDoesNotThrow(() -> assertDirectionalDerivativesMatch(cost, at));
    // the gradient of one weight, big[123, 45], is off by 5; the value is unchanged
    double[] mask = new double[200 * 300];
    mask[123 * 300 + 45] = 5;
    Expr wrongInOneWeight = add(cost, sum(mul(constant(Tensor.of(Shape.of(200, 300), mask)), sub(big, stopGradient(big)))));
    AssertionError e = assertThrows(AssertionError.class, () -> assertDirectionalDerivativesMatch(wrongInOneWeight, at));
    String m = e.getMessage();
    assertTrue(m.contains("located by bisecting the direction over 60300 parameters"), m);
    assertTrue(m.contains("d cost / d big[123, 45] = "), m);
    // 60300 values, each check over them at least a millisecond: jqwik could not shrink this in 10 s
    assertTrue(m.contains("shrinking: jqwik needs at least one check per value to shrink this sample (60300 values"), m);
    assertTrue(m.contains("it will be cut off"), m);
  }

  @Test
  void theShrinkingNoteAppearsOnlyWhenShrinkingCannotFinishInJqwiksBound() {
    Bindings large = Bindings.of(variable("w", 784, 30), Tensor.zeros(784, 30));
    String note = Messages.shrinkingNote(large, 15_000_000);
    assertTrue(note.contains("(23520 values x 15.0 ms = 6 min), past its time bound (10 s unless configured)"), note);
    assertEquals("", Messages.shrinkingNote(large, 100_000)); // 2.4 s: jqwik can finish
    assertEquals("", Messages.shrinkingNote(Bindings.of(W, W0), 1_000_000_000));
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
    assertTrue(e.getMessage().contains("cost: sum((w - sg(w)) * sg(w)²) + sum(sg(w)³ * (1/3))"), e.getMessage());
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

  @Test
  void eachModeMakesTheDocumentedNumberOfEvaluations() {
    Expr cost = mean(square(sub(sigmoid(W), constant(0.3))));
    Bindings at = Bindings.of(W, W0);
    List<Variable> wrt = List.of(W);
    List<Tensor> gradient = Evaluator.evaluate(Gradients.of(cost, wrt), at);
    AtomicInteger evaluations = new AtomicInteger();
    ToDoubleFunction<Bindings> costAt = CentralDifferences.costFunction(cost);
    ToDoubleFunction<Bindings> counted = b -> {
      evaluations.incrementAndGet();
      return costAt.applyAsDouble(b);
    };
    CentralDifferences.componentwise(counted, CentralDifferences.gradientFunction(cost, wrt), wrt, at, gradient,
        Tolerance.defaults());
    assertEquals(4 * 6 + 1, evaluations.getAndSet(0), "componentwise: 4 per parameter, plus 1");
    List<Tensor> v = CentralDifferences.direction(List.of(W0), new Random(1));
    CentralDifferences.directional(counted, CentralDifferences.gradientFunction(cost, wrt), wrt, at, costAt.applyAsDouble(at), gradient, v, Tolerance.defaults());
    assertEquals(4, evaluations.getAndSet(0), "directional: 4 per direction (the 1 at the point is shared)");
    Evaluator gradients = Evaluator.of(Gradients.of(cost, wrt));
    CentralDifferences.hessianVectorProduct(b -> {
      evaluations.incrementAndGet();
      return gradients.run(b);
    }, wrt, at, gradient, gradient, v, Tolerance.defaults());
    assertEquals(4, evaluations.get(), "Hessian-vector: 4 gradient evaluations (the 1 at the point is shared)");
  }

  @Test
  void theDocumentationStatesTheEvaluationCountsTheCodeMakes() throws IOException {
    Pattern count = Pattern.compile("(\\d+) (?:cost |gradient )?evaluations per");
    for (Path doc : List.of(Path.of("src/main/java/dev/nabla/autodiff/jqwik/GradientAssertions.java"),
        Path.of("README.md"))) {
      // one line per sentence: Javadoc's and Markdown's line breaks (and leading asterisks) become spaces
      Matcher m = count.matcher(Files.readString(doc).replaceAll("\\s*\\n\\s*(\\*\\s+)?", " "));
      int found = 0;
      while (m.find()) {
        assertEquals("4", m.group(1), doc + ": " + m.group());
        found++;
      }
      assertTrue(found >= 2, doc + " states the evaluations per parameter and per direction");
    }
  }
}
