package dev.nabla.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Random;

/**
 * How a new network's weights are drawn. Biases are always drawn from N(0, 1), as in the seeds.
 *
 * <pre>{@code
 * Network net = Network.builder(784, 30, 10).weightInit(WeightInit.SCALED_NORMAL).seed(7).build();
 * }</pre>
 */
public enum WeightInit {
  /** Weights from N(0, 1): the seeds' initialisation (Nielsen's {@code large_weight_initializer}). */
  STANDARD_NORMAL {
    @Override
    double standardDeviation(int inputs) {
      return 1.0;
    }
  },
  /**
   * Weights from N(0, 1/n_in), where n_in is the number of inputs to the neuron: keeps the weighted
   * input z of order 1 so sigmoid neurons do not start saturated (Nielsen's
   * {@code default_weight_initializer}).
   */
  SCALED_NORMAL {
    @Override
    double standardDeviation(int inputs) {
      return 1.0 / Math.sqrt(inputs);
    }
  };

  abstract double standardDeviation(int inputs);

  /**
   * Draws a weight matrix of shape {@code [outputs, inputs]} from {@code random}.
   *
   * <pre>{@code
   * Tensor w = WeightInit.SCALED_NORMAL.weights(30, 784, new Random(1));   // std 1/28
   * }</pre>
   */
  public Tensor weights(int outputs, int inputs, Random random) {
    checkArgument(outputs > 0 && inputs > 0, "weights: layer sizes must be positive, got %s outputs and %s inputs",
        outputs, inputs);
    checkNotNull(random, "random");
    return Tensor.randomNormal(Shape.of(outputs, inputs), 0, standardDeviation(inputs), random);
  }

  /**
   * Draws a bias vector of shape {@code [outputs]} from N(0, 1) (the same for every option).
   *
   * <pre>{@code
   * Tensor b = WeightInit.STANDARD_NORMAL.biases(30, new Random(1));
   * }</pre>
   */
  public Tensor biases(int outputs, Random random) {
    checkArgument(outputs > 0, "biases: layer size must be positive, got %s", outputs);
    checkNotNull(random, "random");
    return Tensor.randomNormal(Shape.of(outputs), 0, 1, random);
  }
}
