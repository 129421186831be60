package dev.nabla.autodiff;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.check.GradientCheck;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientsTest {

  @Test
  void gradientOfTheSeedsValleyIsTwoV1FourV2() {
    // C(v1, v2) = v1² + 2 v2², a valley with its minimum at the origin
    Variable v = variable("v", 2);
    Expr c = add(square(reshape(matmul(v, constant(Tensor.of(1, 0))), Shape.scalar())),
        mul(constant(2), square(matmul(v, constant(Tensor.of(0, 1))))));
    Tensor g = evaluate(grad(c, v).get(0), Bindings.of(v, Tensor.of(3, -1.5)));
    assertArrayEquals(new double[] {6, -6}, g.toArray(), 1e-12);
  }

  @Test
  void gradientOfQuadraticCostOfOneSigmoidLayerMatchesHandDerivedBackpropagation() {
    int n = 7;
    int k = 5;
    int j = 3;
    Variable x = variable("x", Shape.batch(k));
    Variable y = variable("y", Shape.batch(j));
    Variable w = variable("w", j, k);
    Variable b = variable("b", j);
    Expr a = sigmoid(add(matmul(x, transpose(w)), b));
    Expr cost = div(sum(square(sub(a, y))), mul(constant(2), Count.of(a, 0)));
    List<Expr> g = grad(cost, w, b);

    double[][] xs = Tensor.randomNormal(Shape.of(n, k), 0, 1, 1).toMatrix();
    double[][] ys = Tensor.randomUniform(Shape.of(n, j), 0, 1, 2).toMatrix();
    double[][] ws = Tensor.randomNormal(Shape.of(j, k), 0, 1, 3).toMatrix();
    double[] bs = Tensor.randomNormal(Shape.of(j), 0, 1, 4).toArray();
    // backpropagation by hand: δ = (a − y) ⊙ σ'(z) / n, ∂C/∂b = Σ_x δ, ∂C/∂w = Σ_x δ xᵀ
    double[][] dw = new double[j][k];
    double[] db = new double[j];
    for (int r = 0; r < n; r++) {
      for (int o = 0; o < j; o++) {
        double z = bs[o];
        for (int i = 0; i < k; i++) {
          z += ws[o][i] * xs[r][i];
        }
        double s = 1 / (1 + Math.exp(-z));
        double delta = (s - ys[r][o]) * s * (1 - s) / n;
        db[o] += delta;
        for (int i = 0; i < k; i++) {
          dw[o][i] += delta * xs[r][i];
        }
      }
    }
    Bindings bind = Bindings.of(x, Tensor.of(xs), y, Tensor.of(ys), w, Tensor.of(ws)).with(b, Tensor.of(bs));
    List<Tensor> values = evaluate(g, bind);
    assertTrue(values.get(0).isCloseTo(Tensor.of(dw), 1e-12, 1e-14), values.get(0) + " vs " + Tensor.of(dw));
    assertTrue(values.get(1).isCloseTo(Tensor.of(db), 1e-12, 1e-14));
  }

  @Test
  void sharedSubexpressionsAccumulateTheirAdjoints() {
    Variable x = variable("x", 3);
    Expr c = sum(mul(x, x)); // x used twice by one node
    assertArrayEquals(new double[] {2, 4, 6}, evaluate(grad(c, x).get(0), Bindings.of(x, Tensor.of(1, 2, 3))).toArray());
  }

  @Test
  void broadcastInputsReceiveTheSummedGradient() {
    Variable row = variable("row", 3);
    Variable col = variable("col", 2, 1);
    Variable m = variable("m", 2, 3);
    Expr c = sum(mul(add(m, row), col));
    Bindings b = Bindings.of(row, Tensor.of(1, 2, 3), col, Tensor.of(new double[][] {{10}, {20}}))
        .with(m, Tensor.zeros(2, 3));
    List<Tensor> g = evaluate(grad(c, row, col), b);
    assertArrayEquals(new double[] {30, 30, 30}, g.get(0).toArray());
    assertEquals(Shape.of(2, 1), g.get(1).shape());
    assertArrayEquals(new double[] {6, 6}, g.get(1).toArray());
  }

  @Test
  void aVariableTheCostDoesNotContainIsAnErrorNamingItAndTheCostsVariables() {
    Variable x = variable("x", 2);
    Variable unused = variable("unused", 3, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> grad(sum(x), unused));
    assertEquals("grad: the cost does not contain variable 'unused' [3, 2]; its variables are [x [2]]. Use "
        + "gradAllowingUnused (Gradients.Unused.ZEROS) for zeros", e.getMessage());
  }

  @Test
  void aVariableOfTheSameNameAsTheCostsIsCalledOut() {
    Variable w = variable("w", 3);
    Variable other = variable("w", 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> grad(sum(w), other));
    assertTrue(e.getMessage().contains("it contains a different variable of the same name: two variables share the name 'w'"),
        e.getMessage());
  }

  @Test
  void gradAllowingUnusedGivesZerosOfEachUnusedVariablesShape() {
    Variable x = variable("x", 2);
    Variable unused = variable("unused", 3, 2);
    Variable batch = variable("batch", Shape.batch(4));
    List<Expr> g = gradAllowingUnused(sum(x), unused, batch);
    Bindings b = Bindings.of(x, Tensor.of(1, 2), unused, Tensor.ones(3, 2), batch, Tensor.ones(5, 4));
    assertEquals(Tensor.zeros(3, 2), evaluate(g.get(0), b));
    assertEquals(Tensor.zeros(5, 4), evaluate(g.get(1), b));
  }

  @Test
  void aVariableThatOccursOnlyWhereNoGradientFlowsGetsZeros() {
    Variable x = variable("x", 2);
    Expr cost = sum(mul(gt(x, 0), stopGradient(x)));
    assertEquals(Tensor.zeros(2), evaluate(grad(cost, x).get(0), Bindings.of(x, Tensor.of(1, -2))));
  }

  @Test
  void aNullVariableIsNamedInTheMessage() {
    Variable x = variable("x", 2);
    NullPointerException e = assertThrows(NullPointerException.class, () -> grad(sum(x), (Variable) null));
    assertEquals("grad: wrt[0] is null", e.getMessage());
  }

  @Test
  void gradientHasTheShapeOfItsVariableEvenForOpenBatchDimensions() {
    Variable x = variable("x", Shape.batch(4));
    Expr g = grad(mean(square(x)), x).get(0);
    assertEquals(Shape.batch(4), g.shape());
    Tensor value = evaluate(g, Bindings.of(x, Tensor.ones(10, 4)));
    assertEquals(Shape.of(10, 4), value.shape());
    assertEquals(2.0 / 40, value.get(3, 2), 1e-15);
  }

  @Test
  void gradRejectsANonScalarCostNamingItsShape() {
    Variable x = variable("x", 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> grad(square(x), x));
    assertTrue(e.getMessage().startsWith("grad: the cost must be a scalar, but it has shape [3]"), e.getMessage());
  }

  @Test
  void aChainOfTenThousandOperationsDifferentiatesAndEvaluatesWithoutStackOverflow() {
    Variable s = variable("s");
    Expr e = s;
    for (int i = 0; i < 10_000; i++) {
      e = i % 2 == 0 ? tanh(e) : mul(e, constant(1.0001));
    }
    Expr g = grad(e, s).get(0);
    double value = evaluate(g, Bindings.of(s, Tensor.scalar(0.1))).item();
    assertTrue(value > 0 && value < 1, "derivative of a contracting chain: " + value);
  }

  @Test
  void reusingEachNodeFiftyTimesOverDoesNotBlowUpTheGradientGraph() {
    Variable x = variable("x");
    Expr e = x;
    for (int i = 0; i < 50; i++) {
      e = add(mul(e, e), e); // x ← x·x + x
    }
    int forward = Graph.topologicalOrder(List.of(e)).size();
    List<Expr> g = grad(e, x);
    int total = Graph.topologicalOrder(List.of(e, g.get(0))).size();
    assertTrue(total <= 6 * forward, "gradient graph of " + total + " nodes for " + forward + " forward nodes");
    // d/dx at x = 0 of x ← x² + x repeated: each step multiplies the derivative by (2x + 1) = 1
    assertEquals(1.0, evaluate(g.get(0), Bindings.of(x, Tensor.scalar(0))).item());
  }

  @Test
  void secondDerivativeOfCubeIsSixX() {
    Variable x = variable("x");
    Expr d1 = grad(pow(x, 3), x).get(0);
    Expr d2 = grad(d1, x).get(0);
    assertEquals(6 * 1.5, evaluate(d2, Bindings.of(x, Tensor.scalar(1.5))).item(), 1e-12);
  }

  @Test
  void gradientCheckPassesForARandomTwoLayerNetworkCost() {
    Variable x = variable("x", Shape.batch(4));
    Variable w1 = variable("w1", 5, 4);
    Variable w2 = variable("w2", 2, 5);
    Expr h = tanh(matmul(x, transpose(w1)));
    Expr cost = mean(logSumExp(matmul(h, transpose(w2)), 1, false));
    Bindings b = Bindings.of(x, Tensor.randomNormal(Shape.of(6, 4), 0, 1, 9), w1, Tensor.randomNormal(Shape.of(5, 4), 0, 1, 10),
        w2, Tensor.randomNormal(Shape.of(2, 5), 0, 1, 11));
    assertTrue(GradientCheck.of(cost).check(b).assertPassed().checked() == 24 + 20 + 10);
  }
}
