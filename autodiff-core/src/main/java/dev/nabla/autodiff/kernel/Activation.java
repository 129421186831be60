package dev.nabla.autodiff.kernel;

/**
 * An elementwise function a fused kernel applies after a product (bias + activation), with the
 * derivative the backward pass multiplies by. Each is computed exactly as the unfused primitives
 * compute it ({@code dev.nabla.autodiff.graph.UnaryOp}), so fusing changes no bit: {@link #SIGMOID} is
 * {@code exp(−|z|)}-based and overflow-free, its derivative {@code g·(y·(1 − y))} from the output y.
 */
public enum Activation {
  /** z. */
  IDENTITY,
  /** σ(z) = 1 / (1 + e⁻ᶻ); derivative from the output: σ′ = y(1 − y). */
  SIGMOID,
  /** tanh z; derivative from the output: 1 − y². */
  TANH,
  /** max(z, 0); derivative from the input: 1 where z &gt; 0, else 0. */
  RELU;

  /** The function at {@code z}. */
  public double apply(double z) {
    return switch (this) {
      case IDENTITY -> z;
      case SIGMOID -> {
        double e = Math.exp(-Math.abs(z));
        yield z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
      }
      case TANH -> Math.tanh(z);
      case RELU -> z > 0 ? z : 0.0;
    };
  }

  /**
   * {@code g} times the derivative, given the output {@code y} (sigmoid, tanh) or the input {@code z}
   * (relu), in the unfused graph's order: {@code g·(y·(1 − y))}, {@code g·(1 − y·y)}, {@code g·step(z)}.
   */
  public double backward(double g, double yOrZ) {
    return switch (this) {
      case IDENTITY -> g;
      case SIGMOID -> g * (yOrZ * (1 - yOrZ));
      case TANH -> g * (1 - yOrZ * yOrZ);
      case RELU -> g * (yOrZ > 0 ? 1.0 : 0.0);
    };
  }

  /** Whether {@link #backward} takes the input z rather than the output y. */
  public boolean derivativeFromInput() {
    return this == RELU;
  }
}
