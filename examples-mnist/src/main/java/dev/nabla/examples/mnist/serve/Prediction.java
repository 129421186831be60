package dev.nabla.examples.mnist.serve;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * What a network makes of one 28×28 input: the input itself, every layer's activations (first hidden
 * layer first, the output layer last) and the chosen digit, the index of the most active output.
 *
 * @param digit the predicted digit
 * @param input the 784 pixels the network saw, row-major, in {@code [0, 1]}
 * @param activations one array per layer of the network, {@code activations[i].length} neurons each
 */
public record Prediction(int digit, double[] input, double[][] activations) {
  /** Checks that there is at least one layer and that the digit is one of the outputs. */
  public Prediction {
    checkArgument(activations.length > 0, "prediction: no layers");
    checkArgument(digit >= 0 && digit < activations[activations.length - 1].length,
        "prediction: digit %s is not one of the %s outputs", digit, activations[activations.length - 1].length);
  }

  /** The output layer's activations, {@code activations()[last]}. */
  public double[] outputs() {
    return activations[activations.length - 1];
  }
}
