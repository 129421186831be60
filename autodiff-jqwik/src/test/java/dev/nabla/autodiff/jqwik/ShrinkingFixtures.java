package dev.nabla.autodiff.jqwik;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Reduce;
import dev.nabla.autodiff.graph.Unary;
import dev.nabla.autodiff.graph.UnaryOp;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Properties that are meant to fail, run by {@link ShrinkingTest} through the JUnit launcher (the
 * class name matches no surefire pattern, so a normal build does not run them). Each records every
 * sample it fails on; jqwik's last failing sample is the shrunk counter-example it reports.
 */
class ShrinkingFixtures {
  static final List<Object> FAILED_ON = new ArrayList<>();

  private static void recordFailure(Object sample, Runnable check) {
    try {
      check.run();
    } catch (AssertionError e) {
      FAILED_ON.add(sample);
      throw e;
    }
  }

  /**
   * {@code value} in value, with gradient {@code slope} with respect to {@code x}: {@code
   * stopGradient(value) + (x − stopGradient(x)) ⊙ stopGradient(slope)}. Gives a composite any VJP,
   * right or wrong.
   */
  static Expr withGradient(Expr value, Expr x, Expr slope) {
    return add(stopGradient(value), mul(sub(x, stopGradient(x)), stopGradient(slope)));
  }

  /** Softplus log(1 + eˣ) with a broken VJP above 1: σ(x) + relu(x − 1) instead of σ(x). */
  static Expr brokenSoftplus(Expr x) {
    return withGradient(log(add(constant(1), exp(x))), x, add(sigmoid(x), relu(sub(x, constant(1)))));
  }

  @Property(tries = 200)
  void tamperedCostPassesTheCheck(@ForAll @TensorShape(maxRank = 3) Tensor w) {
    Variable v = variable("w", w.shape());
    // reverse mode sees w ⊙ stopGradient(w): gradient w, where the true gradient is 2w
    Expr cost = sum(mul(v, stopGradient(v)));
    recordFailure(w, () -> GradientAssertions.assertGradientsMatch(cost, v, w));
  }

  @Property(tries = 200)
  void brokenVjpPassesTheCheck(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -3, max = 3) Tensor x) {
    Variable v = variable("x", x.shape());
    Expr cost = sum(brokenSoftplus(v));
    recordFailure(x, () -> GradientAssertions.assertGradientsMatch(cost, v, x));
  }

  @Property(tries = 200)
  void everyTensorHasFewerThanThreeElements(@ForAll @TensorShape(maxRank = 3) Tensor x) {
    recordFailure(x, () -> {
      if (x.size() >= 3) {
        throw new AssertionError("has " + x.size() + " elements");
      }
    });
  }

  static final Variable LAYER = variable("w", 784, 30);
  /**
   * A [784, 30] layer over a fixed batch of 10 inputs whose gradient is off by 5 in one weight, w[3, 7]
   * (the value is right): {@code mean(σ(x·w)) + 5·(w[3, 7] − stopGradient(w[3, 7]))}.
   */
  static final Expr LAYER_COST = layerCostWrongAt(3, 7);

  private static Expr layerCostWrongAt(int row, int column) {
    double[] mask = new double[784 * 30];
    mask[row * 30 + column] = 5;
    Expr x = constant(Tensor.randomUniform(Shape.of(10, 784), 0, 1, 1));
    return add(mean(sigmoid(matmul(x, LAYER))), sum(mul(constant(Tensor.of(Shape.of(784, 30), mask)),
        sub(LAYER, stopGradient(LAYER)))));
  }

  /**
   * Without edge cases, so the first failing sample is a random tensor, not one filled with an edge value;
   * without shrinking, which cannot finish for 23520 values (and which jqwik goes on with in the
   * background after its time bound, calling this property long after the test that ran it).
   */
  @Property(tries = 10, edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.OFF)
  void aLargeLayerWithOneWrongWeightPassesTheDirectionalCheck(@ForAll @TensorShape({784, 30}) Tensor w) {
    recordFailure(w, () -> GradientAssertions.assertDirectionalDerivativesMatch(LAYER_COST, Bindings.of(LAYER, w)));
  }

  @Provide
  Arbitrary<Expr> graphs() {
    return ExprGraphs.expressions(variable("x", 2, 3), variable("w", 3)).maxOperations(12);
  }

  @Property(tries = 300)
  void noGraphContainsBothATanhAndAReduction(@ForAll("graphs") Expr e) {
    List<Expr> nodes = Graph.topologicalOrder(List.of(e));
    boolean tanh = nodes.stream().anyMatch(n -> n instanceof Unary u && u.op() == UnaryOp.TANH);
    boolean reduction = nodes.stream().anyMatch(n -> n instanceof Reduce);
    recordFailure(e, () -> {
      if (tanh && reduction) {
        throw new AssertionError("contains both: " + e);
      }
    });
  }
}
