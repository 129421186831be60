package dev.nabla.autodiff.kernel;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The reference the kernel properties compare against, and the tolerance they allow.
 *
 * <p><b>Tolerance.</b> A kernel may add a product's terms in another order than the naive loop and may
 * fuse multiplies and adds (the vector kernels do both). Each of two such sums of {@code k} terms is
 * within {@code k·u·Σ|aₚbₚ|} of the exact value (u = 2⁻⁵³, the unit roundoff), so they agree within
 * twice that: {@link #tolerance}. In practice results differ by about 1e-13 relative, and often not at
 * all. The bound is on {@code Σ|aₚbₚ|}, not on the result, because a result can cancel to near zero.
 */
final class Naive {
  static final double U = 0x1p-53;

  private Naive() {}

  /** Both implementations when the vector one can run, the scalar one otherwise. */
  static Arbitrary<Kernels> kernels() {
    List<Kernels> all = new ArrayList<>();
    all.add(Kernels.scalar());
    Kernels.vector().ifPresent(all::add);
    return Arbitraries.of(all);
  }

  /** How far a reordered, fused sum of {@code terms} terms whose magnitudes add to {@code magnitude} may be from the naive sum. */
  static double tolerance(int terms, double magnitude) {
    return 2 * (terms + 1) * U * magnitude + Double.MIN_NORMAL;
  }

  /** Throws when {@code out} differs from a naive triple loop by more than {@link #tolerance}. */
  static void assertProductAgrees(String what, double[] a, double[] b, double[] out, int m, int k, int n,
      boolean transA, boolean transB) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double expected = 0;
        double magnitude = 0;
        for (int p = 0; p < k; p++) {
          double term = (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
          expected += term;
          magnitude += Math.abs(term);
        }
        double got = out[i * n + j];
        if (!(Math.abs(got - expected) <= tolerance(k, magnitude))) {
          throw new AssertionError(String.format("%s: c[%d][%d] = %s, naive loop gives %s (tolerance %s)", what, i, j,
              got, expected, tolerance(k, magnitude)));
        }
      }
    }
  }
}
