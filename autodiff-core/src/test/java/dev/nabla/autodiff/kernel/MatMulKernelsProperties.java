package dev.nabla.autodiff.kernel;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** The matmul kernels agree with a naive triple loop for every transpose combination and density. */
class MatMulKernelsProperties {
  @Property(tries = 300)
  void kernelsAgreeWithANaiveTripleLoop(@ForAll @IntRange(min = 1, max = 40) int m, @ForAll @IntRange(min = 1, max = 40) int k,
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll boolean transA, @ForAll boolean transB,
      @ForAll @DoubleRange(min = 0, max = 1) double zerosA, @ForAll @DoubleRange(min = 0, max = 1) double zerosB,
      @ForAll long seed) {
    double[] a = Sparsity.withZeros(Tensor.randomNormal(Shape.of(m * k), 0, 1, seed), zerosA, seed).toArray();
    double[] b = Sparsity.withZeros(Tensor.randomNormal(Shape.of(k * n), 0, 1, seed + 1), zerosB, seed + 1).toArray();
    double[] out = new double[m * n];
    MatMulKernels.multiply(a, b, out, m, k, n, transA, transB);
    assertAgreesWithNaiveLoop(a, b, out, m, k, n, transA, transB);
  }

  /** Throws when {@code out} differs from a naive triple loop beyond rounding (1e-12 relative per term). */
  static void assertAgreesWithNaiveLoop(double[] a, double[] b, double[] out, int m, int k, int n, boolean transA,
      boolean transB) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double expected = 0;
        for (int p = 0; p < k; p++) {
          expected += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
        }
        double got = out[i * n + j];
        if (Math.abs(got - expected) > 1e-12 * (1 + Math.abs(expected)) * k) {
          throw new AssertionError(String.format("c[%d][%d] = %s, naive loop gives %s", i, j, got, expected));
        }
      }
    }
  }
}
