package dev.nabla.nn;

import static dev.nabla.autodiff.Nabla.grad;
import static dev.nabla.autodiff.Nabla.sub;
import static dev.nabla.autodiff.Nabla.variable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.Nabla;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostTest {
  private final Variable a = variable("a", Shape.batch(3));
  private final Variable z = variable("z", Shape.batch(3));
  private final Variable y = variable("y", Shape.batch(3));

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  @Test
  void quadraticCostIsOneOverTwoNTimesTheSumOfSquaredDistances() {
    double[][] out = Tensor.randomNormal(Shape.of(4, 3), 0, 1, 1).toMatrix();
    double[][] target = Tensor.randomNormal(Shape.of(4, 3), 0, 1, 2).toMatrix();
    double expected = 0;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        expected += (target[i][j] - out[i][j]) * (target[i][j] - out[i][j]);
      }
    }
    expected /= 2 * 4;
    Expr c = Cost.QUADRATIC.apply(a, y);
    assertEquals(expected, Nabla.evaluate(c, Bindings.of(a, Tensor.of(out), y, Tensor.of(target))).item(), 1e-14);
  }

  @Test
  void quadraticCostOfASingleExampleIsHalfTheSquaredDistance() {
    Variable one = variable("one", 3);
    Variable t = variable("t", 3);
    double v = Nabla.evaluate(Cost.QUADRATIC.apply(one, t),
        Bindings.of(one, Tensor.of(1, 2, 3), t, Tensor.of(0, 0, 1))).item();
    assertEquals((1 + 4 + 4) / 2.0, v);
  }

  @Test
  void oneQuadraticCostExpressionServesBatchesOfAnySize() {
    Expr c = Cost.QUADRATIC.apply(a, y);
    Evaluator ev = Evaluator.of(List.of(c));
    for (int n : new int[] {1, 2, 7}) {
      double[][] out = Tensor.randomNormal(Shape.of(n, 3), 0, 1, n).toMatrix();
      double expected = 0;
      for (double[] row : out) {
        for (double v : row) {
          expected += v * v / (2.0 * n);
        }
      }
      double actual = ev.run(Bindings.of(a, Tensor.of(out), y, Tensor.zeros(n, 3))).get(0).item();
      assertEquals(expected, actual, 1e-14, "batch of " + n);
    }
  }

  @Test
  void crossEntropyOfSigmoidOutputsMatchesItsDefinition() {
    Tensor zs = Tensor.randomNormal(Shape.of(5, 3), 0, 2, 3);
    Tensor ys = Tensor.randomUniform(Shape.of(5, 3), 0, 1, 4);
    double expected = 0;
    for (int i = 0; i < zs.size(); i++) {
      double s = sigmoid(zs.rawData()[i]);
      double t = ys.rawData()[i];
      expected -= t * Math.log(s) + (1 - t) * Math.log(1 - s);
    }
    expected /= 5;
    Bindings b = Bindings.of(z, zs, y, ys);
    double stable = Nabla.evaluate(Cost.CROSS_ENTROPY.apply(Nabla.sigmoid(z), y), b).item();
    assertEquals(expected, stable, 1e-12 * Math.abs(expected));
    // the formula as written, for an output that is not a sigmoid node, gives the same value
    double plain = Nabla.evaluate(Cost.CROSS_ENTROPY.apply(a, y), Bindings.of(a, sigmoidOf(zs), y, ys)).item();
    assertEquals(expected, plain, 1e-12 * Math.abs(expected));
  }

  private static Tensor sigmoidOf(Tensor t) {
    double[] d = t.toArray();
    for (int i = 0; i < d.length; i++) {
      d[i] = sigmoid(d[i]);
    }
    return Tensor.of(t.shape(), d);
  }

  @Test
  void crossEntropyStaysFiniteWhenTheSigmoidSaturatesAndItsGradientIsSigmoidMinusTarget() {
    Tensor zs = Tensor.of(new double[][] {{800, -800, 40}, {-40, 800, 0}});
    Tensor ys = Tensor.of(new double[][] {{0, 1, 1}, {0, 1, 0.5}});
    double expected = 0;
    for (int i = 0; i < zs.size(); i++) {
      double v = zs.rawData()[i];
      expected += Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))) - ys.rawData()[i] * v;
    }
    expected /= 2;
    Expr c = Cost.CROSS_ENTROPY.apply(Nabla.sigmoid(z), y);
    Bindings b = Bindings.of(z, zs, y, ys);
    assertEquals(expected, Nabla.evaluate(c, b).item(), 1e-12 * expected);
    double[] g = Nabla.evaluate(grad(c, z).get(0), b).toArray();
    for (int i = 0; i < g.length; i++) {
      assertEquals((sigmoid(zs.rawData()[i]) - ys.rawData()[i]) / 2, g[i], 1e-15);
    }
  }

  @Test
  void logLikelihoodIsTheMeanNegativeLogProbabilityOfTheTargetClass() {
    Tensor zs = Tensor.randomNormal(Shape.of(6, 3), 0, 3, 5);
    int[] labels = {0, 2, 1, 1, 0, 2};
    double[][] p = zs.toMatrix();
    double expected = 0;
    for (int i = 0; i < labels.length; i++) {
      double total = 0;
      for (double v : p[i]) {
        total += Math.exp(v);
      }
      expected -= Math.log(Math.exp(p[i][labels[i]]) / total) / labels.length;
    }
    Bindings b = Bindings.of(z, zs, y, Labels.oneHot(labels, 3));
    assertEquals(expected, Nabla.evaluate(Cost.LOG_LIKELIHOOD.apply(Nabla.softmax(z, 1), y), b).item(), 1e-12 * expected);
  }

  @Test
  void logLikelihoodStaysFiniteForExtremeLogits() {
    Tensor zs = Tensor.of(new double[][] {{1000, 0, -1000}});
    Bindings b = Bindings.of(z, zs, y, Labels.oneHot(new int[] {2}, 3));
    double expected = 1000 + Math.log(1 + Math.exp(-1000) + Math.exp(-2000)) - (-1000);
    assertEquals(expected, Nabla.evaluate(Cost.LOG_LIKELIHOOD.apply(Nabla.softmax(z, -1), y), b).item(), 1e-12 * expected);
  }

  @Test
  void builtInCostsRejectOutputsAndTargetsOfDifferentShapes() {
    Variable t = variable("t", Shape.batch(2));
    var e = assertThrows(IllegalArgumentException.class, () -> Cost.QUADRATIC.apply(a, t));
    assertEquals("quadratic cost: output [?, 3] and targets [?, 2] must have the same shape, one example per row",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Cost.CROSS_ENTROPY.apply(a, variable("c", 4, 3)));
    assertThrows(IllegalArgumentException.class, () -> Cost.LOG_LIKELIHOOD.apply(variable("s"), variable("r")));
  }

  @Test
  void aCustomCostInOneLambdaTrainsANetworkWithTheSameCodeAsABuiltInOne() {
    Cost logCauchy = (out, target) -> sub(out, target).square().add(1).log().mean();
    for (Cost cost : List.of(logCauchy, Cost.QUADRATIC)) {
      Network net = Network.builder(2, 4, 1).weightInit(WeightInit.SCALED_NORMAL).seed(5).build();
      Tensor xs = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
      Tensor ys = Tensor.of(new double[][] {{0.1}, {0.9}, {0.9}, {0.9}});
      Variable x = variable("x", Shape.batch(2));
      Variable t = variable("t", Shape.batch(1));
      Expr c = cost.apply(net.output(x), t);
      List<Expr> outputs = new ArrayList<>(List.of(c));
      outputs.addAll(grad(c, net.variables().toArray(Variable[]::new)));
      Evaluator step = Evaluator.of(outputs);
      double first = Double.NaN;
      double last = Double.NaN;
      for (int k = 0; k < 300; k++) {
        List<Tensor> r = step.run(net.parameters().toBindings().with(x, xs).with(t, ys));
        last = r.get(0).item();
        first = k == 0 ? last : first;
        LinkedHashMap<Variable, Tensor> next = net.parameters().toMap();
        for (int p = 0; p < net.variables().size(); p++) {
          double[] w = next.get(net.variables().get(p)).toArray();
          double[] g = r.get(p + 1).rawData();
          for (int i = 0; i < w.length; i++) {
            w[i] -= 2.0 * g[i];
          }
          next.put(net.variables().get(p), Tensor.of(net.variables().get(p).shape(), w));
        }
        net = net.withParameters(next);
      }
      assertTrue(last < first / 2, cost + ": cost went from " + first + " to " + last);
    }
  }
}
