package dev.nabla.autodiff.print;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Gradients a reader can follow: unambiguous brackets, named shared steps, exact numbers, visible axes and constants. */
class ReadablePrintingTest {
  private final Variable a = variable("a", 2, 2);
  private final Variable b = variable("b", 2, 2);
  private final Variable c = variable("c", 2, 2);

  @Test
  void anElementwiseProductOfAMatrixProductIsBracketedUnlikeTheOtherWayRound() {
    assertEquals("a * (b @ c)", mul(a, matmul(b, c)).toString());
    assertEquals("a * b @ c", matmul(mul(a, b), c).toString());
    assertEquals("a \\odot \\left(b c\\right)", LatexPrinter.print(mul(a, matmul(b, c))));
    assertEquals("\\left(a \\odot b\\right) c", LatexPrinter.print(matmul(mul(a, b), c)));
    assertEquals("a - (b - c)", sub(a, sub(b, c)).toString());
    assertEquals("a + (b + c)", add(a, add(b, c)).toString());
  }

  @Test
  void theGradientOfAThreeLayerNetworkReadsLikeBackpropagation() {
    Variable x = variable("X", Shape.batch(4));
    Variable y = variable("Y", Shape.batch(2));
    Variable w1 = variable("W1", 4, 3);
    Expr a1 = sigmoid(add(matmul(x, w1), variable("b1", 3)));
    Expr a2 = sigmoid(add(matmul(a1, variable("W2", 3, 3)), variable("b2", 3)));
    Expr a3 = sigmoid(add(matmul(a2, variable("W3", 3, 2)), variable("b3", 2)));
    Expr cost = div(sum(square(sub(a3, y))), mul(2, count(x, 0)));
    Expr dw1 = grad(cost, w1).get(0);
    assertEquals("Xᵀ @ (1 / (2 * n) * 2 * (s₃ - Y) * (s₃ * (1 - s₃)) @ W3ᵀ * (s₂ * (1 - s₂)) @ W2ᵀ * (s₁ * (1 - s₁))) where "
        + "s₁ = σ(X @ W1 + b1); s₂ = σ(s₁ @ W2 + b2); s₃ = σ(s₂ @ W3 + b3)", dw1.toString());
    assertTrue(LatexPrinter.print(dw1).endsWith("\\quad\\text{where}\\quad s_{1} = \\sigma\\left(X W_{1} + b_{1}\\right),"
        + "\\quad s_{2} = \\sigma\\left(s_{1} W_{2} + b_{2}\\right),\\quad s_{3} = \\sigma\\left(s_{2} W_{3} + b_{3}\\right)"),
        LatexPrinter.print(dw1));
  }

  @Test
  void aLongChainPrintsAsAChainOfNamedStepsNotCutShort() {
    Variable s = variable("s");
    Expr e = s;
    for (int i = 0; i < 500; i++) {
      e = tanh(mul(e, 1.0001));
    }
    String text = e.toString();
    assertFalse(text.contains("…"), "nothing is elided");
    assertTrue(text.startsWith("tanh(tanh(tanh(tanh(s₆₂ * 1.0001) * 1.0001) * 1.0001) * 1.0001) where s₁ = tanh("), text);
    assertEquals(500, text.split("tanh\\(", -1).length - 1, "every step is printed once");
    String latex = LatexPrinter.print(e);
    assertEquals(500, latex.split("\\\\tanh", -1).length - 1);
  }

  @Test
  void numbersReadBackExactlyAndFractionsPrintAsFractions() {
    Variable x = variable("x");
    assertEquals("1/6 * x", mul(constant(1.0 / 6), x).toString());
    assertEquals("\\frac{1}{6}\\,x", LatexPrinter.print(mul(constant(1.0 / 6), x)));
    assertEquals("x * (1/6)", mul(x, constant(1.0 / 6)).toString());
    assertEquals("x + 0.1", add(x, 0.1).toString());
    assertEquals("x + 2.5e-7", add(x, 2.5e-7).toString());
    assertEquals("x + 2.5 \\times 10^{-7}", LatexPrinter.print(add(x, 2.5e-7)));
    assertEquals("x * 0.30000000000000004", mul(x, 0.1 + 0.2).toString());
    assertEquals("x - -2/3", sub(x, constant(-2.0 / 3)).toString());
  }

  @Test
  void latexShowsTheAxisOfAnAxisSum() {
    Variable m = variable("M", 2, 3);
    assertEquals("\\sum_{\\text{axis }0} M^{2}", LatexPrinter.print(sum(square(m), 0, true)));
    assertEquals("\\sum_{\\text{axis }1} M^{2}", LatexPrinter.print(sum(square(m), 1)));
    assertEquals("\\sum\\left\\|M\\right\\|^{2}", LatexPrinter.print(sum(square(m))));
    Variable x = variable("x", Shape.batch(3));
    assertEquals("\\sum_{x} x^{2}", LatexPrinter.print(sum(square(x), 0)));
    assertEquals("\\left(\\sum_{\\text{axis }0} M\\right)^{T}", LatexPrinter.print(transpose(sum(m, 0, true))));
    assertEquals("sum(M², axis=0, keepDims)", sum(square(m), 0, true).toString());
  }

  @Test
  void smallConstantsPrintTheirValuesAndNamedConstantsTheirNames() {
    Variable v = variable("v", 2);
    assertEquals("[1, 0] * v", mul(constant(Tensor.of(1, 0)), v).toString());
    assertEquals("\\begin{bmatrix}1 & 0\\end{bmatrix} \\odot v", LatexPrinter.print(mul(constant(Tensor.of(1, 0)), v)));
    assertEquals("[[1, 2], [3, 4]] @ a", matmul(constant(Tensor.of(new double[][] {{1, 2}, {3, 4}})), a).toString());
    assertEquals("\\begin{bmatrix}1 & 2 \\\\ 3 & 4\\end{bmatrix} a",
        LatexPrinter.print(matmul(constant(Tensor.of(new double[][] {{1, 2}, {3, 4}})), a)));
    assertEquals("const[7] + s", add(constant(Tensor.of(1, 2, 3, 4, 5, 6, 7)), variable("s")).toString());
    assertEquals("fill(0.5, [10, 784])", constant(Tensor.fill(Shape.of(10, 784), 0.5)).toString());
    Expr images = constant("X", Tensor.randomNormal(Shape.of(10, 784), 0, 1, 1));
    Variable w = variable("w", 784, 30);
    assertEquals("X @ w", matmul(images, w).toString());
    assertEquals("Xᵀ", transpose(images).toString(), "a named constant is not folded away");
    assertEquals("W_{2} b", LatexPrinter.print(matmul(constant("W2", Tensor.ones(2, 2)), b)));
  }
}
