package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkTest {
  private static long expectedCount(int... sizes) {
    long n = 0;
    for (int l = 1; l < sizes.length; l++) {
      n += (long) sizes[l] * sizes[l - 1] + sizes[l];
    }
    return n;
  }

  @Test
  void nielsensNetworkHas23860Parameters() {
    Network net = Network.builder(784, 30, 10).build();
    assertEquals(23_860, net.parameters().count());
    assertEquals(expectedCount(784, 30, 10), net.parameters().count());
  }

  @Test
  void threeBlueOneBrownsNetworkHasOneParameterPerWeightAndBias() {
    assertEquals(expectedCount(784, 16, 16, 10), Network.builder(784, 16, 16, 10).build().parameters().count());
  }

  @Test
  void parametersAreTheWeightsThenBiasesOfEachLayerInOrder() {
    Network net = Network.builder(784, 16, 16, 10).build();
    assertEquals(List.of("w1", "b1", "w2", "b2", "w3", "b3"), net.variables().stream().map(Variable::name).toList());
    assertEquals(List.of(Shape.of(16, 784), Shape.of(16), Shape.of(16, 16), Shape.of(16), Shape.of(10, 16), Shape.of(10)),
        net.variables().stream().map(Variable::shape).toList());
    assertArrayEquals(new int[] {784, 16, 16, 10}, net.sizes());
  }

  @Test
  void theSameSeedGivesBitIdenticalParametersAndAnotherSeedDoesNot() {
    Network a = Network.builder(20, 5, 3).seed(7).build();
    Network b = Network.builder(20, 5, 3).seed(7).build();
    Network c = Network.builder(20, 5, 3).seed(8).build();
    for (int i = 0; i < a.variables().size(); i++) {
      assertEquals(a.parameters().get(a.variables().get(i)), b.parameters().get(b.variables().get(i)));
      assertNotEquals(a.parameters().get(a.variables().get(i)), c.parameters().get(c.variables().get(i)));
    }
  }

  @Test
  void standardNormalWeightsHaveUnitSpreadAndScaledWeightsOneOverRootOfFanIn() {
    Network standard = Network.builder(400, 100, 2).seed(1).build();
    Network scaled = Network.builder(400, 100, 2).weightInit(WeightInit.SCALED_NORMAL).seed(1).build();
    assertEquals(1.0, std(standard.parameters().get(standard.variables().get(0))), 0.02);
    assertEquals(1.0 / Math.sqrt(400), std(scaled.parameters().get(scaled.variables().get(0))), 0.02 / Math.sqrt(400));
    // biases stay N(0, 1) under both options
    assertEquals(standard.parameters().get(standard.variables().get(1)), scaled.parameters().get(scaled.variables().get(1)),
        "biases are drawn after the weights from the same generator, so only the weights' scale differs");
  }

  private static double std(Tensor t) {
    double[] d = t.toArray();
    double mean = 0;
    for (double v : d) {
      mean += v / d.length;
    }
    double var = 0;
    for (double v : d) {
      var += (v - mean) * (v - mean) / (d.length - 1);
    }
    return Math.sqrt(var);
  }

  @Test
  void feedforwardAgreesWithAPlainLoopForwardPass() {
    Network net = Network.builder(6, 5, 4, 3).hidden(Activation.TANH).output(Activation.SOFTMAX).seed(3).build();
    Tensor x = Tensor.randomNormal(Shape.of(9, 6), 0, 1, 4);
    Tensor expected = Tensor.of(PlainLoops.feedforward(net, x));
    Tensor actual = net.feedforward(x);
    assertTrue(actual.isCloseTo(expected, 1e-12, 1e-15), () -> actual + "\nvs\n" + expected);
  }

  @Test
  void feedforwardOfOneExampleIsTheCorrespondingRowOfTheBatch() {
    Network net = Network.builder(6, 5, 3).seed(3).build();
    Tensor x = Tensor.randomNormal(Shape.of(4, 6), 0, 1, 5);
    Tensor one = net.feedforward(Tensor.of(x.toMatrix()[1]));
    assertEquals(Shape.of(3), one.shape());
    assertEquals(Tensor.of(net.feedforward(x).toMatrix()[1]), one);
  }

  @Test
  void predictIsTheArgMaxOfEachOutputRow() {
    Network net = Network.builder(6, 5, 4).seed(9).build();
    Tensor x = Tensor.randomNormal(Shape.of(30, 6), 0, 1, 10);
    double[][] out = PlainLoops.feedforward(net, x);
    int[] predicted = net.predict(x);
    for (int i = 0; i < out.length; i++) {
      for (int j = 0; j < out[i].length; j++) {
        assertTrue(out[i][predicted[i]] >= out[i][j]);
      }
    }
  }

  @Test
  void evaluateCountsTheExamplesWhosePredictionMatchesTheLabel() {
    Network net = Network.builder(6, 5, 4).seed(9).build();
    Tensor x = Tensor.randomNormal(Shape.of(40, 6), 0, 1, 10);
    int[] labels = net.predict(x);
    int wrong = 0;
    for (int i = 0; i < labels.length; i += 3) {
      labels[i] = (labels[i] + 1) % 4;
      wrong++;
    }
    assertEquals(40 - wrong, net.evaluate(x, labels));
    assertEquals((40.0 - wrong) / 40, net.accuracy(x, labels));
  }

  @Test
  void evaluateRejectsALabelThatIsNotOneOfTheNetworksClasses() {
    Network net = Network.builder(6, 2).build();
    var e = assertThrows(IllegalArgumentException.class, () -> net.evaluate(Tensor.zeros(3, 6), new int[] {0, 7, 1}));
    assertEquals("evaluate: label 7 at index 1 is not a class of network [6, 2], whose outputs are classes 0 to 1",
        e.getMessage());
  }

  @Test
  void evaluateRejectsADifferentNumberOfLabelsThanExamples() {
    Network net = Network.builder(6, 4).build();
    var e = assertThrows(IllegalArgumentException.class, () -> net.evaluate(Tensor.zeros(5, 6), new int[4]));
    assertEquals("evaluate: 5 examples (input [5, 6]) but 4 labels", e.getMessage());
  }

  @Test
  void feedforwardRejectsAnInputOfTheWrongWidthNamingTheShapes() {
    Network net = Network.builder(784, 30, 10).build();
    var e = assertThrows(IllegalArgumentException.class, () -> net.feedforward(Tensor.zeros(10, 28)));
    assertEquals("feedforward: input [10, 28] does not fit network [784, 30, 10] — expected [n, 784] "
        + "(one example per row) or [784]", e.getMessage());
  }

  @Test
  void withParametersKeepsTheVariablesAndTheCompiledForwardPass() {
    Network net = Network.builder(3, 4, 2).seed(1).build();
    Network other = Network.builder(3, 4, 2).seed(2).build();
    LinkedHashMap<Variable, Tensor> values = new LinkedHashMap<>();
    for (int i = 0; i < net.variables().size(); i++) {
      values.put(net.variables().get(i), other.parameters().get(other.variables().get(i)));
    }
    Network moved = net.withParameters(values);
    assertEquals(net.variables(), moved.variables());
    assertSame(net.output(), moved.output());
    Tensor x = Tensor.randomNormal(Shape.of(5, 3), 0, 1, 3);
    assertEquals(other.feedforward(x), moved.feedforward(x));
    assertNotEquals(net.feedforward(x), moved.feedforward(x));
  }

  @Test
  void withParametersRejectsAMissingParameterNamingIt() {
    Network net = Network.builder(3, 4, 2).build();
    LinkedHashMap<Variable, Tensor> values = net.parameters().toMap();
    values.remove(net.parameters().variable("b2"));
    var e = assertThrows(IllegalArgumentException.class, () -> net.withParameters(values));
    assertTrue(e.getMessage().startsWith("withParameters: no value for parameter 'b2' [2]"), e.getMessage());
  }

  @Test
  void withParametersRejectsAValueOfTheWrongShape() {
    Network net = Network.builder(3, 4, 2).build();
    LinkedHashMap<Variable, Tensor> values = net.parameters().toMap();
    values.put(net.parameters().variable("w1"), Tensor.zeros(3, 4));
    var e = assertThrows(IllegalArgumentException.class, () -> net.withParameters(values));
    assertEquals("parameter 'w1' has shape [4, 3] but its value has shape [3, 4]", e.getMessage());
  }

  @Test
  void builderRejectsFewerThanTwoSizesOrANonPositiveSize() {
    assertThrows(IllegalArgumentException.class, () -> Network.builder(784));
    var e = assertThrows(IllegalArgumentException.class, () -> Network.builder(784, 0, 10));
    assertEquals("network sizes [784, 0, 10]: every size must be positive", e.getMessage());
  }

  @Test
  void builderOffersSoftmaxOnlyForTheOutputLayer() {
    assertThrows(IllegalArgumentException.class, () -> Network.builder(4, 3, 2).hidden(Activation.SOFTMAX));
    Network net = Network.builder(4, 3, 2).hidden(Activation.RELU).output(Activation.SOFTMAX).build();
    assertEquals(List.of(Activation.RELU, Activation.SOFTMAX), net.layers().stream().map(Dense::activation).toList());
  }

  @Test
  void networkOfLayersRejectsLayersWhoseSizesDoNotChain() {
    Dense first = Dense.of(1, 4, 3, Activation.SIGMOID);
    Dense second = Dense.of(2, 5, 2, Activation.SIGMOID);
    var e = assertThrows(IllegalArgumentException.class, () -> Network.of(List.of(first, second), Map.of()));
    assertEquals("network: layer 2 ('w2' [2, 5]) takes 5 inputs but layer 1 has 3 outputs", e.getMessage());
  }

  @Test
  void toStringNamesSizesActivationsAndParameterCount() {
    assertEquals("Network[784, 30, 10] (sigmoid, softmax; 23,860 parameters)",
        Network.builder(784, 30, 10).output(Activation.SOFTMAX).build().toString());
  }
}
