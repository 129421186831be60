package dev.nabla.autodiff;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The blocked, chunked and (above {@link MatMulKernels#PARALLEL_WORK}) two-thread kernels agree with a
 * naive triple loop at sizes the small-size property does not reach, and repeat bit for bit.
 */
class MatMulKernelsSpeedupProperties {
  @Property(tries = 40)
  void largeProductsAgreeWithANaiveLoopAndAreDeterministic(@ForAll @IntRange(min = 1, max = 400) int m,
      @ForAll @IntRange(min = 1, max = 120) int k, @ForAll @IntRange(min = 1, max = 120) int n, @ForAll boolean transA,
      @ForAll boolean transB, @ForAll @DoubleRange(min = 0, max = 1) double zeros, @ForAll long seed) {
    double[] a = OpCheck.withZeros(Tensor.randomNormal(Shape.of(m * k), 0, 1, seed), zeros, seed).toArray();
    double[] b = OpCheck.withZeros(Tensor.randomNormal(Shape.of(k * n), 0, 1, seed + 1), zeros, seed + 1).toArray();
    double[] out = new double[m * n];
    MatMulKernels.multiply(a, b, out, m, k, n, transA, transB);
    double[] again = new double[m * n];
    MatMulKernels.multiply(a, b, again, m, k, n, transA, transB);
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
        if (Double.doubleToRawLongBits(got) != Double.doubleToRawLongBits(again[i * n + j])) {
          throw new AssertionError(String.format("c[%d][%d]: %s, then %s on a second run", i, j, got, again[i * n + j]));
        }
      }
    }
  }

  @Property(tries = 10)
  void mnistShapedProductsAboveTheParallelThresholdAgreeWithANaiveLoop(@ForAll @IntRange(min = 44, max = 700) int rows,
      @ForAll boolean forward, @ForAll long seed) {
    // forward x·w1ᵀ ([rows×784]·[30×784]ᵀ) or weight gradient gᵀ·x ([rows×30]ᵀ·[rows×784]) on MNIST-like x
    double[] x = OpCheck.withZeros(Tensor.randomNormal(Shape.of(rows * 784), 0, 1, seed), 0.81, seed).toArray();
    double[] other = Tensor.randomNormal(Shape.of(forward ? 30 * 784 : rows * 30), 0, 1, seed + 1).toArray();
    int m = forward ? rows : 30;
    int k = forward ? 784 : rows;
    int n = forward ? 30 : 784;
    double[] a = forward ? x : other;
    double[] b = forward ? other : x;
    double[] out = new double[m * n];
    MatMulKernels.multiply(a, b, out, m, k, n, !forward, forward);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double expected = 0;
        for (int p = 0; p < k; p++) {
          expected += (forward ? a[i * k + p] * b[j * k + p] : a[p * m + i] * b[p * n + j]);
        }
        if (Math.abs(out[i * n + j] - expected) > 1e-12 * (1 + Math.abs(expected)) * k) {
          throw new AssertionError(String.format("c[%d][%d] = %s, naive loop gives %s", i, j, out[i * n + j], expected));
        }
      }
    }
  }
}
