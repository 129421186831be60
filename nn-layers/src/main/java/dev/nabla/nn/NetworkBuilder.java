package dev.nabla.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/**
 * Builds a {@link Network} with freshly drawn parameters. Defaults follow the seeds: sigmoid neurons
 * in every layer, weights and biases from N(0, 1), and seed 0 (so a build is reproducible; choose
 * another seed for another draw). Parameters are drawn from one {@link Random} in the order
 * {@code w1, b1, w2, b2, …}.
 *
 * <pre>{@code
 * Network net = Network.builder(784, 30, 10)
 *     .hidden(Activation.SIGMOID)
 *     .output(Activation.SOFTMAX)
 *     .weightInit(WeightInit.SCALED_NORMAL)   // N(0, 1/n_in)
 *     .seed(42)
 *     .build();
 * }</pre>
 */
public final class NetworkBuilder {
  private final int[] sizes;
  private Activation hidden = Activation.SIGMOID;
  private Activation output = Activation.SIGMOID;
  private WeightInit weightInit = WeightInit.STANDARD_NORMAL;
  private long seed;

  NetworkBuilder(int[] sizes) {
    checkNotNull(sizes, "network sizes");
    checkArgument(sizes.length >= 2, "network sizes %s: need at least an input and an output size",
        Arrays.toString(sizes));
    for (int s : sizes) {
      checkArgument(s > 0, "network sizes %s: every size must be positive", Arrays.toString(sizes));
    }
    this.sizes = sizes.clone();
  }

  /**
   * The activation of every layer but the last (default sigmoid); softmax is for output layers only.
   *
   * <pre>{@code
   * Network.builder(784, 100, 10).hidden(Activation.RELU)
   * }</pre>
   */
  public NetworkBuilder hidden(Activation activation) {
    checkNotNull(activation, "hidden activation");
    checkArgument(activation != Activation.SOFTMAX, "hidden activation: softmax is only offered for the output layer");
    this.hidden = activation;
    return this;
  }

  /**
   * The activation of the last layer (default sigmoid).
   *
   * <pre>{@code
   * Network.builder(784, 30, 10).output(Activation.SOFTMAX)
   * }</pre>
   */
  public NetworkBuilder output(Activation activation) {
    this.output = checkNotNull(activation, "output activation");
    return this;
  }

  /**
   * How weights are drawn (default {@link WeightInit#STANDARD_NORMAL}).
   *
   * <pre>{@code
   * Network.builder(784, 30, 10).weightInit(WeightInit.SCALED_NORMAL)
   * }</pre>
   */
  public NetworkBuilder weightInit(WeightInit init) {
    this.weightInit = checkNotNull(init, "weight initialisation");
    return this;
  }

  /**
   * The random seed (default 0); equal seeds give bit-identical parameters.
   *
   * <pre>{@code
   * Network.builder(784, 30, 10).seed(2024)
   * }</pre>
   */
  public NetworkBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * A new network with layers {@code Dense.of(l, sizes[l-1], sizes[l], …)} and drawn parameters.
   *
   * <pre>{@code
   * Network net = Network.builder(2, 3, 1).build();   // w1 [3, 2], b1 [3], w2 [1, 3], b2 [1]
   * }</pre>
   */
  public Network build() {
    Random random = new Random(seed);
    List<Dense> layers = new ArrayList<>();
    LinkedHashMap<Variable, Tensor> values = new LinkedHashMap<>();
    for (int l = 1; l < sizes.length; l++) {
      Activation f = l == sizes.length - 1 ? output : hidden;
      Dense layer = Dense.of(l, sizes[l - 1], sizes[l], f);
      layers.add(layer);
      values.put(layer.weights(), weightInit.weights(sizes[l], sizes[l - 1], random));
      values.put(layer.biases(), weightInit.biases(sizes[l], random));
    }
    return Network.of(layers, values);
  }
}
