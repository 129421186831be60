package dev.nabla.autodiff;

import dev.nabla.autodiff.tensor.Tensor;
import java.util.Random;

/**
 * Test helper for the kernel properties. The per-operation gradient properties, their generators and
 * gradient helper live in autodiff-jqwik's tests, on top of that module's public arbitraries.
 */
final class OpCheck {
  private OpCheck() {}

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
