package dev.nabla.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.Nabla;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;

/**
 * A fully connected layer {@code a' = f(a·Wᵀ + b)}: the seeds' {@code a' = σ(W·a + b)} applied to a
 * batch with one example per row. {@code W} has shape {@code [n_out, n_in]} ({@code w_jk} connects
 * neuron {@code k} of the previous layer to neuron {@code j} of this one) and {@code b} has shape
 * {@code [n_out]}. Both are ordinary autodiff {@link Variable}s; their values live in
 * {@link Parameters}, not in the layer, so a layer is a pure description of a computation.
 *
 * <pre>{@code
 * Dense layer = Dense.of(1, 784, 30, Activation.SIGMOID);     // variables w1 [30, 784], b1 [30]
 * Variable x = Nabla.variable("x", Shape.batch(784));
 * Expr a = layer.apply(x);                                    // σ(x @ w1ᵀ + b1), shape [?, 30]
 * List<Expr> g = Nabla.grad(Nabla.sum(a), layer.weights());   // gradients as expressions
 * }</pre>
 *
 * @param weights the weight matrix {@code W}, shape {@code [n_out, n_in]}
 * @param biases the bias vector {@code b}, shape {@code [n_out]}
 * @param activation the function applied to the weighted input
 */
public record Dense(Variable weights, Variable biases, Activation activation) {
  /**
   * Checks that the weights are a concrete matrix and the biases a vector of matching length.
   *
   * <pre>{@code
   * Dense l = new Dense(Variable.of("w", 10, 30), Variable.of("b", 10), Activation.SOFTMAX);
   * }</pre>
   */
  public Dense {
    checkNotNull(weights, "dense layer: weights");
    checkNotNull(biases, "dense layer: biases");
    checkNotNull(activation, "dense layer: activation");
    Shape w = weights.shape();
    Shape b = biases.shape();
    checkArgument(w.rank() == 2 && w.isConcrete(),
        "dense layer: weights '%s' must be a concrete [n_out, n_in] matrix, got %s", weights.name(), w);
    checkArgument(b.rank() == 1 && b.isConcrete() && b.dim(0) == w.dim(0),
        "dense layer: biases '%s' %s must be a vector of length n_out = %s to match weights '%s' %s",
        biases.name(), b, w.dim(0), weights.name(), w);
  }

  /**
   * A layer with fresh variables named {@code w<index>} and {@code b<index>}.
   *
   * <pre>{@code
   * Dense hidden = Dense.of(1, 784, 30, Activation.SIGMOID);   // w1 [30, 784], b1 [30]
   * }</pre>
   */
  public static Dense of(int index, int inputs, int outputs, Activation activation) {
    checkArgument(inputs > 0 && outputs > 0,
        "dense layer %s: sizes must be positive, got %s inputs and %s outputs", index, inputs, outputs);
    return new Dense(Variable.of("w" + index, outputs, inputs), Variable.of("b" + index, outputs), activation);
  }

  /**
   * The number of inputs {@code n_in} (columns of {@code W}).
   *
   * <pre>{@code
   * Dense.of(1, 784, 30, Activation.SIGMOID).inputs();   // 784
   * }</pre>
   */
  public int inputs() {
    return weights.shape().dim(1);
  }

  /**
   * The number of outputs {@code n_out} (neurons; rows of {@code W}).
   *
   * <pre>{@code
   * Dense.of(1, 784, 30, Activation.SIGMOID).outputs();   // 30
   * }</pre>
   */
  public int outputs() {
    return weights.shape().dim(0);
  }

  /**
   * The weighted input {@code z = a·Wᵀ + b} for a batch {@code a} of shape {@code [n, n_in]} (or one
   * example {@code [n_in]}); the product reads {@code W} transposed in place.
   *
   * <pre>{@code
   * Expr z = layer.weightedInput(x);   // x @ w1ᵀ + b1
   * }</pre>
   *
   * @throws IllegalArgumentException when {@code a}'s last dimension is not {@code n_in}
   */
  public Expr weightedInput(Expr a) {
    checkNotNull(a, "dense layer '%s': input", weights.name());
    Shape s = a.shape();
    checkArgument((s.rank() == 1 || s.rank() == 2) && s.dim(-1) == inputs(),
        "dense layer '%s': input %s does not fit weights %s — expected [n, %s] (one example per row) or [%s]",
        weights.name(), s, weights.shape(), inputs(), inputs());
    return Nabla.add(Nabla.matmul(a, Nabla.transpose(weights)), biases);
  }

  /**
   * The layer's output {@code f(a·Wᵀ + b)}, shape {@code [n, n_out]} for a batch (or {@code [n_out]}).
   *
   * <pre>{@code
   * Expr a1 = layer.apply(x);   // σ(x @ w1ᵀ + b1)
   * }</pre>
   */
  public Expr apply(Expr a) {
    return activation.apply(weightedInput(a));
  }

  /**
   * The number of scalar parameters, {@code n_out·n_in + n_out}.
   *
   * <pre>{@code
   * Dense.of(1, 784, 30, Activation.SIGMOID).parameterCount();   // 23,550
   * }</pre>
   */
  public int parameterCount() {
    return outputs() * inputs() + outputs();
  }
}
