package dev.nabla.autodiff.kernel;

import dev.nabla.autodiff.tensor.Tensor;
import java.util.Random;

/**
 * Test helper for the kernel properties: inputs with zeros, as MNIST images have. The per-operation
 * gradient properties live in autodiff-jqwik's tests.
 */
final class Sparsity {
  private Sparsity() {}

  /** {@code t} with about a {@code fraction} of its entries set to zero. */
  static Tensor withZeros(Tensor t, double fraction, long seed) {
    Random r = new Random(seed);
    double[] d = t.toArray();
    for (int i = 0; i < d.length; i++) {
      if (r.nextDouble() < fraction) {
        d[i] = 0;
      }
    }
    return Tensor.of(t.shape(), d);
  }
}
