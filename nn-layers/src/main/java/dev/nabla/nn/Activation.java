package dev.nabla.nn;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.Nabla;
import java.util.Optional;

/**
 * The elementwise (or, for {@link #SOFTMAX}, row-wise) function a dense layer applies to its
 * weighted input {@code z = a·Wᵀ + b}. Each is built from autodiff-core primitives, so gradients
 * flow through it like through any other expression.
 *
 * <pre>{@code
 * Expr a = Activation.SIGMOID.apply(z);        // σ(z)
 * Expr p = Activation.SOFTMAX.apply(logits);   // each row positive, summing to 1
 * }</pre>
 *
 * <p>Each constant also has a stable one-byte {@link #code()} used by the saved-network file format
 * ({@link NetworkFile}); codes never change meaning between versions.
 */
public enum Activation {
  /** The identity, {@code a = z}: a linear layer. */
  IDENTITY(0) {
    @Override
    public Expr apply(Expr z) {
      return z;
    }
  },
  /** The logistic function σ(z) = 1 / (1 + e⁻ᶻ), the seeds' default. */
  SIGMOID(1) {
    @Override
    public Expr apply(Expr z) {
      return Nabla.sigmoid(z);
    }
  },
  /** tanh z. */
  TANH(2) {
    @Override
    public Expr apply(Expr z) {
      return Nabla.tanh(z);
    }
  },
  /** max(z, 0), with subgradient 0 at 0. */
  RELU(3) {
    @Override
    public Expr apply(Expr z) {
      return Nabla.relu(z);
    }
  },
  /**
   * The softmax along the last axis (over the neurons of each example), for an output layer whose
   * activations are class probabilities; pair it with {@link Cost#LOG_LIKELIHOOD}.
   */
  SOFTMAX(4) {
    @Override
    public Expr apply(Expr z) {
      return Nabla.softmax(z, -1);
    }
  };

  private final int code;

  Activation(int code) {
    this.code = code;
  }

  /**
   * The activation of the weighted input {@code z}; the result has {@code z}'s shape.
   *
   * <pre>{@code
   * Expr a = Activation.TANH.apply(variable("z", Shape.batch(30)));   // tanh(z), shape [?, 30]
   * }</pre>
   */
  public abstract Expr apply(Expr z);

  /**
   * The stable code of this activation in saved files ({@code IDENTITY} 0, {@code SIGMOID} 1,
   * {@code TANH} 2, {@code RELU} 3, {@code SOFTMAX} 4).
   *
   * <pre>{@code
   * int c = Activation.SIGMOID.code();   // 1
   * }</pre>
   */
  public int code() {
    return code;
  }

  /**
   * The activation with the given file code, if any.
   *
   * <pre>{@code
   * Activation.fromCode(3);   // Optional[RELU]
   * Activation.fromCode(9);   // Optional.empty
   * }</pre>
   */
  public static Optional<Activation> fromCode(int code) {
    for (Activation a : values()) {
      if (a.code == code) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
