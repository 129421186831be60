package dev.nabla.autodiff;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.check.GradientCheck;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Plan;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.print.LatexPrinter;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's "A researcher's own costs", line for line: the Rosenbrock function and a cross-entropy over labels. */
class ReadmeResearchExamplesTest {
  @Test
  void rosenbrockWithSlices() {
    // --- README: Rosenbrock ---
    Variable v = variable("v", 5);
    Expr head = slice(v, 0, 0, -1);                 // v[:-1]
    Expr tail = slice(v, 0, 1, END);                // v[1:]
    Expr rosenbrock = sum(add(mul(100, square(sub(tail, square(head)))), square(sub(1, head))));
    Expr dv = grad(rosenbrock, v).get(0);
    System.out.println(rosenbrock);
    System.out.println(LatexPrinter.print(rosenbrock));
    System.out.println(dv);
    System.out.println(LatexPrinter.print(dv));
    Plan plan = Plan.of(List.of(rosenbrock, dv));  // compiled once, run per point
    System.out.println(plan.run(Bindings.of(v, Tensor.of(1, 1, 1, 1, 1))));   // the minimum: [0, [0, 0, 0, 0, 0]]
    System.out.println(GradientCheck.of(rosenbrock).check(Bindings.of(v, Tensor.of(-1.2, 1, 0.5, 2, 1))).assertPassed());
    // --- end ---
    assertEquals("sum(100 * (v[1:] - v[:-1]²)² + (1 - v[:-1])²)", rosenbrock.toString());
    assertEquals("pad(-(2 * (1 - v[:-1])) + -s₁ * 2 * v[:-1], at=:-1, size=5) + pad(s₁, at=1:, size=5) "
        + "where s₁ = 200 * (v[1:] - v[:-1]²)", dv.toString());
    // README shows these lines as printed
    assertEquals("\\sum \\left(100\\,\\left(v_{1{:}} - v_{{:}-1}^{2}\\right)^{2} + \\left(1 - v_{{:}-1}\\right)^{2}\\right)", LatexPrinter.print(rosenbrock));
    assertEquals("\\operatorname{pad}\\left(-\\left(2\\,\\left(1 - v_{{:}-1}\\right)\\right) + -s_{1} \\cdot 2 \\odot v_{{:}-1};\\ {:}-1\\text{ of }5\\right) + \\operatorname{pad}\\left(s_{1};\\ 1{:}\\text{ of }5\\right) \\quad\\text{where}\\quad s_{1} = 200\\,\\left(v_{1{:}} - v_{{:}-1}^{2}\\right)",
        LatexPrinter.print(dv));
    List<Tensor> atMinimum = plan.run(Bindings.of(v, Tensor.of(1, 1, 1, 1, 1)));
    assertEquals(0, atMinimum.get(0).item());
    assertArrayEquals(new double[5], atMinimum.get(1).toArray());
  }

  @Test
  void crossEntropyOverIntegerLabelsWithGather() {
    // --- README: cross-entropy ---
    Variable x = variable("x", Shape.batch(4));         // one example per row
    Variable labels = variable("labels", Shape.batch());  // each example's class, 0, 1 or 2
    Variable w = variable("w", 4, 3);
    Variable b = variable("b", 3);
    Expr z = add(matmul(x, w), b);                       // logits
    Expr logp = sub(z, logSumExp(z, 1, true));           // log-softmax
    Expr cost = neg(mean(gather(logp, 1, labels)));      // −1/n Σ log p(label), no one-hot matrix
    Expr dw = grad(cost, w).get(0);
    System.out.println(cost);
    System.out.println(LatexPrinter.print(cost));
    System.out.println(dw);
    System.out.println(LatexPrinter.print(dw));
    Bindings at = Bindings.builder().bind(x, Tensor.randomNormal(Shape.of(6, 4), 0, 1, 1))
        .bind(labels, Tensor.of(0, 2, 1, 1, 0, 2)).bind(w, Tensor.randomNormal(Shape.of(4, 3), 0, 1, 2))
        .bind(b, Tensor.zeros(3)).build();
    System.out.println(Plan.of(List.of(cost, dw)).run(at));
    System.out.println(GradientCheck.of(cost).wrt(w, b).check(at).assertPassed());
    // --- end ---
    assertEquals("-(sum(gather(s₁ - (s₂ + log(sum(exp(s₁ - s₂), axis=1, keepDims))), labels, axis=1)) / n) "
        + "where s₁ = x @ w + b; s₂ = sg(max(s₁, axis=1, keepDims))", cost.toString());
    assertEquals("xᵀ @ (s₃ + sum(-s₃, axis=1, keepDims) / sum(s₂, axis=1, keepDims) * s₂) where s₁ = x @ w + b; "
        + "s₂ = exp(s₁ - sg(max(s₁, axis=1, keepDims))); s₃ = scatterAdd(-1 / n, labels, axis=1, size=3)", dw.toString());
    // README shows these lines as printed
    assertEquals("-\\frac{\\sum \\operatorname{gather}_{\\text{axis }1}\\left(s_{1} - \\left(s_{2} + \\ln\\left(\\sum_{\\text{axis }1} e^{s_{1} - s_{2}}\\right)\\right), \\mathrm{labels}\\right)}{n} \\quad\\text{where}\\quad s_{1} = x w + b,\\quad s_{2} = \\operatorname{sg}\\left(\\max_{\\text{axis }1}\\left(s_{1}\\right)\\right)",
        LatexPrinter.print(cost));
    assertEquals("x^{T} \\left(s_{3} + \\frac{\\sum_{\\text{axis }1} \\left(-s_{3}\\right)}{\\sum_{\\text{axis }1} s_{2}} \\odot s_{2}\\right) \\quad\\text{where}\\quad s_{1} = x w + b,\\quad s_{2} = e^{s_{1} - \\operatorname{sg}\\left(\\max_{\\text{axis }1}\\left(s_{1}\\right)\\right)},\\quad s_{3} = \\operatorname{scatterAdd}_{\\text{axis }1}\\left(\\frac{-1}{n}, \\mathrm{labels};\\ 3\\right)",
        LatexPrinter.print(dw));
    double expected = 0;
    Tensor zv = evaluate(z, at);
    double[] y = {0, 2, 1, 1, 0, 2};
    for (int i = 0; i < 6; i++) {
      double lse = Math.log(Math.exp(zv.get(i, 0)) + Math.exp(zv.get(i, 1)) + Math.exp(zv.get(i, 2)));
      expected -= (zv.get(i, (int) y[i]) - lse) / 6;
    }
    assertEquals(expected, evaluate(cost, at).item(), 1e-12);
  }
}
