package dev.nabla.autodiff.print;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import org.junit.jupiter.api.Test;

class PrintingTest {
  private final Variable x = variable("x", Shape.batch(784));
  private final Variable y = variable("y", Shape.batch(10));
  private final Variable w = variable("w", 10, 784);
  private final Variable b = variable("b", 10);
  private final Expr a = sigmoid(add(matmul(x, transpose(w)), b));
  private final Expr cost = div(sum(square(sub(y, a))), mul(constant(2), Count.of(a, 0)));

  @Test
  void printsTheSeedsQuadraticCostAsInfixText() {
    assertEquals("sum((y - σ(x @ wᵀ + b))²) / (2 * n)", cost.toString());
  }

  @Test
  void printsTheQuadraticCostInTheSeedsLatexNotation() {
    assertEquals("\\frac{\\sum\\left\\|y - \\sigma\\left(x w^{T} + b\\right)\\right\\|^{2}}{2\\,n}", LatexPrinter.print(cost));
  }

  @Test
  void printsTheGradientOfTheQuadraticCostRecognisably() {
    Expr db = grad(cost, b).get(0);
    assertEquals("sum(-(1 / (2 * n) * 2 * (y - s₁)) * (s₁ * (1 - s₁)), axis=0) where s₁ = σ(x @ wᵀ + b)", db.toString());
    Expr dw = grad(cost, w).get(0);
    assertEquals("(-(1 / (2 * n) * 2 * (y - s₁)) * (s₁ * (1 - s₁)))ᵀ @ x where s₁ = σ(x @ wᵀ + b)", dw.toString());
  }

  @Test
  void parenthesisesOnlyWhereNeeded() {
    Variable p = variable("p");
    Variable q = variable("q");
    assertEquals("p - (q - p)", sub(p, sub(q, p)).toString());
    assertEquals("p - q - p", sub(sub(p, q), p).toString());
    assertEquals("(p + q) * p", mul(add(p, q), p).toString());
    assertEquals("p / (q * p)", div(p, mul(q, p)).toString());
    assertEquals("-(p + q)", neg(add(p, q)).toString());
    assertEquals("(p + q)²", square(add(p, q)).toString());
    assertEquals("exp(p) ^ 0.5".replace(" ^ ", "^"), pow(exp(p), 0.5).toString());
  }

  @Test
  void simplifiesIdentitiesAndFoldsConstants() {
    Variable p = variable("p", 3);
    assertEquals("p", mul(p, constant(1)).toString());
    assertEquals("p", add(p, constant(0)).toString());
    assertEquals("p", neg(neg(p)).toString());
    assertEquals("[0, 0, 0]", mul(p, constant(0)).toString());
    assertEquals("-p", sub(constant(0), p).toString());
    assertEquals("7", add(constant(3), mul(constant(2), constant(2))).toString());
    assertEquals("p", transpose(transpose(variable("m", 2, 3))).toString().replace("m", "p"));
  }

  @Test
  void sharesIdenticalSubexpressionsInGradients() {
    Variable p = variable("p", 3);
    Expr g = grad(sum(mul(sigmoid(p), sigmoid(p))), p).get(0);
    long sigmoids = dev.nabla.autodiff.graph.Graph.topologicalOrder(java.util.List.of(g)).stream()
        .filter(e -> e.toString().equals("σ(p)")).count();
    assertEquals(1, sigmoids, "one σ(p) node shared by every use");
  }

  @Test
  void printsAGraphvizDigraphWithOneNodePerSubexpression() {
    String dot = DotPrinter.print(cost);
    assertTrue(dot.startsWith("digraph nabla {"), dot);
    assertTrue(dot.contains("[label=\"matmul[transB]\\n[?, 10]\"]"), dot);
    assertTrue(dot.contains("[label=\"x\\n[?, 784]\", style=filled"), dot);
    long nodes = dot.lines().filter(l -> l.contains("[label=")).count();
    assertEquals(dev.nabla.autodiff.graph.Graph.topologicalOrder(java.util.List.of(cost)).size(), nodes);
  }

  @Test
  void namesTheStepsOfAHeavilySharedGraphInsteadOfEliding() {
    Variable p = variable("p");
    Expr e = p;
    for (int i = 0; i < 40; i++) {
      e = add(mul(e, e), e);
    }
    String s = e.toString();
    assertTrue(s.startsWith("s₃₉ * s₃₉ + s₃₉ where s₁ = p * p + p; s₂ = s₁ * s₁ + s₁;"), s);
    assertTrue(s.endsWith("; s₃₉ = s₃₈ * s₃₈ + s₃₈"), s);
    assertTrue(!s.contains("…"), s);
  }
}
