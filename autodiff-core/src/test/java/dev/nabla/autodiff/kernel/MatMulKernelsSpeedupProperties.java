package dev.nabla.autodiff.kernel;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The blocked, chunked and (above {@link Kernels#PARALLEL_WORK}) two-thread kernels agree with a
 * naive triple loop at sizes the small-size property does not reach, and repeat bit for bit.
 */
class MatMulKernelsSpeedupProperties {
  @Provide
  Arbitrary<Kernels> kernels() {
    return Naive.kernels();
  }

  @Property(tries = 40)
  void largeProductsAgreeWithANaiveLoopAndAreDeterministic(@ForAll("kernels") Kernels kernels, @ForAll @IntRange(min = 1, max = 400) int m,
      @ForAll @IntRange(min = 1, max = 120) int k, @ForAll @IntRange(min = 1, max = 120) int n, @ForAll boolean transA,
      @ForAll boolean transB, @ForAll @DoubleRange(min = 0, max = 1) double zeros, @ForAll long seed) {
    double[] a = Sparsity.withZeros(Tensor.randomNormal(Shape.of(m * k), 0, 1, seed), zeros, seed).toArray();
    double[] b = Sparsity.withZeros(Tensor.randomNormal(Shape.of(k * n), 0, 1, seed + 1), zeros, seed + 1).toArray();
    double[] out = new double[m * n];
    kernels.matmul(a, b, out, m, k, n, transA, transB);
    double[] again = new double[m * n];
    kernels.matmul(a, b, again, m, k, n, transA, transB);
    Naive.assertProductAgrees(kernels.name(), a, b, out, m, k, n, transA, transB);
    for (int i = 0; i < out.length; i++) {
      if (Double.doubleToRawLongBits(out[i]) != Double.doubleToRawLongBits(again[i])) {
        throw new AssertionError(String.format("c[%d]: %s, then %s on a second run", i, out[i], again[i]));
      }
    }
  }

  @Property(tries = 10)
  void mnistShapedProductsAboveTheParallelThresholdAgreeWithANaiveLoop(@ForAll("kernels") Kernels kernels,
      @ForAll @IntRange(min = 44, max = 700) int rows,
      @ForAll boolean forward, @ForAll long seed) {
    // forward x·w1ᵀ ([rows×784]·[30×784]ᵀ) or weight gradient gᵀ·x ([rows×30]ᵀ·[rows×784]) on MNIST-like x
    double[] x = Sparsity.withZeros(Tensor.randomNormal(Shape.of(rows * 784), 0, 1, seed), 0.81, seed).toArray();
    double[] other = Tensor.randomNormal(Shape.of(forward ? 30 * 784 : rows * 30), 0, 1, seed + 1).toArray();
    int m = forward ? rows : 30;
    int k = forward ? 784 : rows;
    int n = forward ? 30 : 784;
    double[] a = forward ? x : other;
    double[] b = forward ? other : x;
    double[] out = new double[m * n];
    kernels.matmul(a, b, out, m, k, n, !forward, forward);
    Naive.assertProductAgrees(kernels.name(), a, b, out, m, k, n, !forward, forward);
  }
}
