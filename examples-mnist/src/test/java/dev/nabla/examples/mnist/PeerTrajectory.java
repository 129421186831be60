package dev.nabla.examples.mnist;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.Nabla;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import dev.nabla.nn.Cost;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Network;
import dev.nabla.optim.Dataset;
import dev.nabla.optim.MiniBatchGradientDescent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nabla's side of {@code scripts/compare-with-peer} (a program, not a test): replays the NumPy peer's
 * run recorded by {@code scripts/peer-trajectory.py} — the same initial parameters and the same
 * shuffled order each epoch — through {@code ./mnist train}'s pieces ({@link Network}, {@link
 * Cost#QUADRATIC}, {@link MiniBatchGradientDescent} with m = 10, η = 3.0), and prints after each epoch
 * how far the parameters are from the peer's and both test accuracies.
 *
 * <p>Usage: {@code PeerTrajectory MNIST_DIR RECORD_DIR EPOCHS}
 */
public final class PeerTrajectory {
  private PeerTrajectory() {}

  public static void main(String[] args) throws IOException {
    Path data = Path.of(args[0]);
    Path record = Path.of(args[1]);
    int epochs = Integer.parseInt(args[2]);
    MnistSplit mnist = MnistSplit.load(data);
    Network net = Network.builder(784, 30, 10).build();
    Map<Variable, Tensor> params = peerParameters(net, record, "init");
    Variable x = Nabla.variable("x", Shape.batch(784));
    Variable y = Nabla.variable("y", Shape.batch(10));
    Expr cost = Cost.QUADRATIC.apply(net.output(x), y);
    double[] images = mnist.training().images().rawData();
    double[] targets = mnist.training().oneHotLabels().rawData();
    int n = mnist.training().size();
    List<String> peerAccuracy = Files.readAllLines(record.resolve("peer-accuracy.txt"));
    System.out.println("epoch  max |Δw1|   max |Δb1|   max |Δw2|   max |Δb2|   test correct: Nabla  NumPy");
    for (int e = 0; e < epochs; e++) {
      int[] order = ints(record.resolve("perm" + e + ".bin"));
      double[] xs = new double[n * 784];
      double[] ys = new double[n * 10];
      for (int i = 0; i < n; i++) {
        System.arraycopy(images, order[i] * 784, xs, i * 784, 784);
        System.arraycopy(targets, order[i] * 10, ys, i * 10, 10);
      }
      Dataset epoch = new Dataset(Tensor.wrap(Shape.of(n, 784), xs), Tensor.wrap(Shape.of(n, 10), ys));
      params = new LinkedHashMap<>(MiniBatchGradientDescent.builder().learningRate(3.0).batchSize(10).epochs(1)
          .shuffle(false).build().train(cost, x, y, params, epoch).parameters());
      Map<Variable, Tensor> peer = peerParameters(net, record, "e" + e);
      StringBuilder line = new StringBuilder(String.format("%5d", e + 1));
      for (Variable v : net.variables()) {
        line.append(String.format("  %-10.3g", params.get(v).maxAbsDifference(peer.get(v))));
      }
      int correct = net.withParameters(params).evaluate(mnist.test().images(), mnist.test().labels());
      System.out.println(line + String.format("  %19d  %5s", correct, peerAccuracy.get(e).split(" ")[1]));
    }
  }

  /** The peer's parameters {@code <prefix>_W1.bin …}, its [n_in, n_out] weights transposed to Nabla's [n_out, n_in]. */
  private static Map<Variable, Tensor> peerParameters(Network net, Path record, String prefix) throws IOException {
    Map<Variable, Tensor> params = new LinkedHashMap<>();
    for (int l = 0; l < net.layers().size(); l++) {
      Dense layer = net.layers().get(l);
      double[] w = doubles(record.resolve(prefix + "_W" + (l + 1) + ".bin"));
      double[] t = new double[w.length];
      for (int k = 0; k < layer.inputs(); k++) {
        for (int j = 0; j < layer.outputs(); j++) {
          t[j * layer.inputs() + k] = w[k * layer.outputs() + j];
        }
      }
      params.put(layer.weights(), Tensor.wrap(layer.weights().shape(), t));
      params.put(layer.biases(), Tensor.wrap(layer.biases().shape(), doubles(record.resolve(prefix + "_b" + (l + 1) + ".bin"))));
    }
    return params;
  }

  private static double[] doubles(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
    double[] d = new double[bytes.remaining() / 8];
    bytes.asDoubleBuffer().get(d);
    return d;
  }

  private static int[] ints(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
    int[] d = new int[bytes.remaining() / 4];
    bytes.asIntBuffer().get(d);
    return d;
  }
}
