package dev.nabla.examples.mnist.serve;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Labels;
import dev.nabla.nn.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Looks inside a trained network: every layer's activations for one input, and the incoming weights
 * of any neuron. The activations are computed in one pass of the network's own layer expressions, so
 * the last layer's equal {@link Network#feedforward} exactly and the digit equals
 * {@link Network#predict}. Safe to share between threads.
 *
 * <pre>{@code
 * NetworkInspector inspector = new NetworkInspector(Network.load(Path.of("mnist-model.nabla")));
 * Prediction p = inspector.predict(DigitImage.read(Path.of("digit.png")));
 * p.digit();              // e.g. 7
 * p.activations()[0];     // the 30 hidden activations of [784, 30, 10]
 * inspector.incomingWeights(1, 4);   // hidden neuron 4's 784 weights, a 28×28 picture
 * }</pre>
 */
public final class NetworkInspector {
  private final Network network;
  private final Evaluator layerOutputs;
  private final Bindings parameters;

  /** An inspector of {@code network}. */
  public NetworkInspector(Network network) {
    this.network = checkNotNull(network, "network");
    List<Expr> outputs = new ArrayList<>();
    Expr a = network.input();
    for (Dense layer : network.layers()) {
      a = layer.apply(a);
      outputs.add(a);
    }
    this.layerOutputs = Evaluator.of(outputs);
    this.parameters = network.parameters().toBindings();
  }

  /** The network inspected. */
  public Network network() {
    return network;
  }

  /** The layer sizes, input first, e.g. {@code {784, 30, 10}}. */
  public int[] sizes() {
    return network.sizes();
  }

  /**
   * Feeds one input through the network.
   *
   * @param pixels the input, as many values as the network has inputs (784 for MNIST)
   * @throws IllegalArgumentException when the number of values does not fit the network
   */
  public Prediction predict(double[] pixels) {
    int n = sizes()[0];
    checkArgument(pixels.length == n, "predict: %s input values for network %s, which takes %s", pixels.length,
        Arrays.toString(sizes()), n);
    Tensor x = Tensor.of(Shape.of(1, n), pixels.clone());
    List<Tensor> values = layerOutputs.run(parameters.with(network.input(), x));
    double[][] activations = new double[values.size()][];
    for (int i = 0; i < activations.length; i++) {
      activations[i] = values.get(i).toArray();
    }
    int digit = Labels.argMax(values.get(values.size() - 1))[0];
    return new Prediction(digit, pixels.clone(), activations);
  }

  /**
   * The incoming weights of one neuron: row {@code neuron} of layer {@code layer}'s weight matrix, one
   * weight per neuron of the layer before (784 pixels for the first layer).
   *
   * @param layer 1 for the first hidden layer, up to the number of layers (the output layer)
   * @param neuron 0 up to the layer's size minus one
   * @throws IllegalArgumentException when there is no such layer or neuron (the message says which exist)
   */
  public double[] incomingWeights(int layer, int neuron) {
    Dense d = layer(layer, neuron);
    int in = d.inputs();
    double[] w = network.parameters().get(d.weights()).rawData();
    return Arrays.copyOfRange(w, neuron * in, (neuron + 1) * in);
  }

  /** The bias of one neuron; the same arguments and errors as {@link #incomingWeights}. */
  public double bias(int layer, int neuron) {
    return network.parameters().get(layer(layer, neuron).biases()).rawData()[neuron];
  }

  private Dense layer(int layer, int neuron) {
    int layers = network.layers().size();
    checkArgument(layer >= 1 && layer <= layers, "layer %s does not exist: the network %s has layers 1 to %s", layer,
        Arrays.toString(sizes()), layers);
    Dense d = network.layers().get(layer - 1);
    checkArgument(neuron >= 0 && neuron < d.outputs(), "neuron %s does not exist: layer %s has neurons 0 to %s", neuron, layer,
        d.outputs() - 1);
    return d;
  }
}
