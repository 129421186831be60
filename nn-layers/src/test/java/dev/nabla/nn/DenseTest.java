package dev.nabla.nn;

import static dev.nabla.autodiff.Nabla.variable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.MatMul;
import dev.nabla.autodiff.Nabla;
import dev.nabla.autodiff.graph.Transpose;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DenseTest {
  private final Variable x = variable("x", Shape.batch(4));
  private final Tensor xs = Tensor.randomNormal(Shape.of(5, 4), 0, 1, 11);
  private final Tensor w = Tensor.randomNormal(Shape.of(3, 4), 0, 1, 12);
  private final Tensor b = Tensor.randomNormal(Shape.of(3), 0, 1, 13);

  @ParameterizedTest
  @EnumSource(Activation.class)
  void layerComputesTheActivationOfInputTimesWeightsTransposedPlusBias(Activation act) {
    Dense layer = Dense.of(1, 4, 3, act);
    Tensor out = Nabla.evaluate(layer.apply(x), Bindings.of(layer.weights(), w, layer.biases(), b, x, xs));

    Network oracleNet = Network.of(List.of(layer), Map.of(layer.weights(), w, layer.biases(), b));
    double[][] expected = PlainLoops.feedforward(oracleNet, xs);
    assertEquals(Shape.of(5, 3), out.shape());
    assertTrue(out.isCloseTo(Tensor.of(expected), 1e-12, 1e-15), () -> out + " vs " + Tensor.of(expected));
  }

  @Test
  void weightedInputReadsTheWeightsTransposedInPlace() {
    Dense layer = Dense.of(1, 4, 3, Activation.SIGMOID);
    List<Expr> nodes = Graph.topologicalOrder(List.of(layer.apply(x)));
    assertFalse(nodes.stream().anyMatch(Transpose.class::isInstance), () -> "a transpose was built: " + nodes);
    MatMul product = nodes.stream().filter(MatMul.class::isInstance).map(MatMul.class::cast).findFirst().orElseThrow();
    assertTrue(product.transB());
    assertEquals(List.of(x, layer.weights()), product.inputs());
  }

  @Test
  void singleExampleGivesTheSameActivationsAsARowOfABatch() {
    Dense layer = Dense.of(1, 4, 3, Activation.TANH);
    Variable one = variable("one", 4);
    Bindings params = Bindings.of(layer.weights(), w, layer.biases(), b);
    Tensor batch = Nabla.evaluate(layer.apply(x), params.with(x, xs));
    double[] row = xs.toMatrix()[2];
    Tensor single = Nabla.evaluate(layer.apply(one), params.with(one, Tensor.of(row)));
    assertEquals(Tensor.of(batch.toMatrix()[2]), single);
  }

  @Test
  void layerRejectsAnInputOfTheWrongWidthNamingTheShapes() {
    Dense layer = Dense.of(1, 784, 30, Activation.SIGMOID);
    var e = assertThrows(IllegalArgumentException.class, () -> layer.apply(variable("x", Shape.batch(783))));
    assertEquals("dense layer 'w1': input [?, 783] does not fit weights [30, 784] — expected [n, 784] "
        + "(one example per row) or [784]", e.getMessage());
  }

  @Test
  void layerRejectsBiasesWhoseLengthIsNotTheNumberOfNeurons() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Dense(variable("w", 30, 784), variable("b", 10), Activation.SIGMOID));
    assertTrue(e.getMessage().contains("'b' [10]") && e.getMessage().contains("[30, 784]"), e.getMessage());
  }

  @Test
  void layerRejectsWeightsWithAnOpenDimension() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Dense(variable("w", Shape.batch(4)), variable("b", 4), Activation.SIGMOID));
    assertTrue(e.getMessage().contains("[?, 4]"), e.getMessage());
  }

  @Test
  void layerCountsItsParameters() {
    Dense layer = Dense.of(2, 30, 10, Activation.SIGMOID);
    assertEquals(layer.weights().shape().size() + layer.biases().shape().size(), layer.parameterCount());
    assertEquals(30, layer.inputs());
    assertEquals(10, layer.outputs());
    assertEquals("w2", layer.weights().name());
    assertEquals("b2", layer.biases().name());
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void everyActivationCodeMapsBackToItsActivation(Activation act) {
    assertEquals(act, Activation.fromCode(act.code()).orElseThrow());
  }

  @Test
  void unknownActivationCodesMapToNothing() {
    assertTrue(Activation.fromCode(Activation.values().length).isEmpty());
    assertTrue(Activation.fromCode(-1).isEmpty());
  }

  @Test
  void softmaxRowsArePositiveAndSumToOne() {
    Tensor out = Nabla.evaluate(Activation.SOFTMAX.apply(x), Bindings.of(x, xs));
    for (double[] row : out.toMatrix()) {
      double total = 0;
      for (double v : row) {
        assertTrue(v > 0);
        total += v;
      }
      assertEquals(1, total, 1e-12);
    }
  }
}
