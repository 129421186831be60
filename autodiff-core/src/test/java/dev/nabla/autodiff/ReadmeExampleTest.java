package dev.nabla.autodiff;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.check.GradientCheck;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.print.LatexPrinter;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The first example of README.md, line for line, so the README cannot drift from the code. */
class ReadmeExampleTest {
  @Test
  void readmeFirstExamplePrintsEvaluatesAndChecksAGradient() {
    // --- README: first example ---
    Variable x = variable("x", Shape.batch(3));    // a batch of inputs, any number of rows
    Variable y = variable("y", Shape.batch(1));    // targets
    Variable w = variable("w", 1, 3);              // the parameters we fit
    Expr r = sub(matmul(x, transpose(w)), y);      // residuals x·wᵀ − y
    Expr cost = mean(log(div(add(exp(r), exp(neg(r))), constant(2))));   // log-cosh loss
    Expr dw = grad(cost, w).get(0);
    System.out.println(dw);                        // the gradient, as an expression
    System.out.println(LatexPrinter.print(cost));
    Bindings at = Bindings.of(x, Tensor.randomNormal(Shape.of(8, 3), 0, 1, 1),
        y, Tensor.randomNormal(Shape.of(8, 1), 0, 1, 2), w, Tensor.of(new double[][] {{0.5, -1, 2}}));
    System.out.println(evaluate(dw, at));          // its value, shape [1, 3]
    System.out.println(GradientCheck.of(cost).check(at).assertPassed());
    // --- end ---
    assertEquals(Shape.of(1, 3), evaluate(dw, at).shape());
    assertEquals("(-(s₃ * s₂) + s₃ * exp(s₁))ᵀ @ x where s₁ = x @ wᵀ - y; s₂ = exp(-s₁); s₃ = 1 / n / ((exp(s₁) + s₂) / 2) / 2",
        dw.toString());
  }
}
