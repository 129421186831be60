package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.eval.NonFiniteValueException;
import dev.nabla.autodiff.eval.SparseRows;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Large batches are classified through compiled plans, with or without their non-zeros, as the evaluator classifies them. */
class NetworkBatchTest {
  private final Network net = Network.builder(784, 30, 10).seed(3).build();

  /** {@code n} rows of 784 values, about 81% exact zeros, as MNIST's images. */
  private static Tensor images(int n, long seed) {
    Random r = new Random(seed);
    double[] d = new double[n * 784];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextDouble() < 0.19 ? r.nextDouble() : 0;
    }
    return Tensor.of(Shape.of(n, 784), d);
  }

  @Test
  void aLargeBatchIsClassifiedAsTheEvaluatorClassifiesItWithOrWithoutItsNonZeros() {
    Tensor x = images(500, 1);
    int[] expected = Labels.argMax(net.feedforward(x)); // the evaluator
    SparseRows nonZeros = SparseRows.of(x);
    int before = net.planRuns();
    assertArrayEquals(expected, net.predict(x));
    assertArrayEquals(expected, net.predict(x, nonZeros));
    assertArrayEquals(expected, net.predict(x, nonZeros), "a second time, from the kept plan");
    assertEquals(before + 3, net.planRuns(), "all three went through the plans, not the evaluator");
    net.predict(images(63, 9));
    assertEquals(before + 3, net.planRuns(), "63 rows go through the evaluator");
    int[] labels = new int[500];
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 10;
      correct += expected[i] == labels[i] ? 1 : 0;
    }
    assertEquals(correct, net.evaluate(x, nonZeros, labels));
    assertEquals((double) correct / 500, net.accuracy(x, nonZeros, labels));
    Network other = Network.builder(784, 30, 10).seed(4).build();
    java.util.Map<dev.nabla.autodiff.graph.Variable, Tensor> values = new java.util.LinkedHashMap<>();
    for (int i = 0; i < net.variables().size(); i++) {
      values.put(net.variables().get(i), other.parameters().get(other.variables().get(i)));
    }
    Network moved = net.withParameters(values);
    assertArrayEquals(Labels.argMax(other.feedforward(x)), moved.predict(x, nonZeros), "the plans bind the parameters of each call");
  }

  @Test
  void nonZerosThatAreNotTheInputsAreRejected() {
    Tensor x = images(100, 2);
    var e = assertThrows(IllegalArgumentException.class, () -> net.predict(x, SparseRows.of(images(100, 3))));
    assertEquals("predict: the non-zeros given (100 rows of 784 values, " + SparseRows.of(images(100, 3)).nonZeros()
        + " non-zeros) are not those of the inputs [100, 784]: pass SparseRows.of(inputs), made from the same tensor",
        e.getMessage());
  }

  @Test
  void aNonFiniteInputInALargeBatchIsStillReported() {
    double[] d = images(100, 4).toArray();
    d[5 * 784 + 300] = Double.POSITIVE_INFINITY; // σ(+∞) would be finite: only a scan of the inputs sees it
    Tensor x = Tensor.of(Shape.of(100, 784), d);
    assertThrows(NonFiniteValueException.class, () -> net.predict(x));
    assertThrows(NonFiniteValueException.class, () -> net.predict(x, SparseRows.of(x)));
  }

  /**
   * A plan checks its outputs, not the values inside a fused layer: a weighted input that overflows while
   * its sigmoid stays a finite 1 must still be reported, as the evaluator reports it.
   */
  @Test
  void anOverflowInsideAFusedLayerIsReportedForFiniteInputs() {
    java.util.Map<dev.nabla.autodiff.graph.Variable, Tensor> values = new java.util.LinkedHashMap<>(net.parameters().toMap());
    dev.nabla.autodiff.graph.Variable w1 = net.variables().get(0);
    double[] huge = new double[values.get(w1).size()];
    java.util.Arrays.fill(huge, 1e307);
    values.put(w1, Tensor.of(values.get(w1).shape(), huge));
    Network overflowing = net.withParameters(values);
    Tensor x = images(100, 5);
    int before = overflowing.planRuns();
    NonFiniteValueException e = assertThrows(NonFiniteValueException.class, () -> overflowing.predict(x));
    assertThrows(NonFiniteValueException.class, () -> overflowing.predict(x, SparseRows.of(x)));
    assertEquals(before, overflowing.planRuns(), "no batch was answered");
    assertTrue(e.getMessage().contains("w1"), e.getMessage());
  }

  @Test
  void threadsSharingANetworkGetTheirOwnAnswers() throws Exception {
    List<Tensor> batches = new ArrayList<>();
    List<int[]> expected = new ArrayList<>();
    for (int b = 0; b < 4; b++) {
      batches.add(images(200, 10 + b));
      expected.add(Labels.argMax(net.feedforward(batches.get(b))));
    }
    int before = net.planRuns();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 40; t++) {
        int b = t % 4;
        results.add(pool.submit(() -> java.util.Arrays.equals(expected.get(b), net.predict(batches.get(b)))));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get());
      }
      assertTrue(net.planRuns() > before, "some batches went through the plans");
    } finally {
      pool.shutdownNow();
    }
  }
}
