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
 * The matmul kernels of both implementations agree with a naive triple loop (within {@link
 * Naive#tolerance}) for every transpose combination and density, at widths that are and are not
 * multiples of the vector length.
 */
class MatMulKernelsProperties {
  @Provide
  Arbitrary<Kernels> kernels() {
    return Naive.kernels();
  }

  @Property(tries = 400)
  void kernelsAgreeWithANaiveTripleLoop(@ForAll("kernels") Kernels kernels, @ForAll @IntRange(min = 1, max = 40) int m,
      @ForAll @IntRange(min = 1, max = 70) int k, @ForAll @IntRange(min = 1, max = 70) int n, @ForAll boolean transA,
      @ForAll boolean transB, @ForAll @DoubleRange(min = 0, max = 1) double zerosA,
      @ForAll @DoubleRange(min = 0, max = 1) double zerosB, @ForAll long seed) {
    double[] a = Sparsity.withZeros(Tensor.randomNormal(Shape.of(m * k), 0, 1, seed), zerosA, seed).toArray();
    double[] b = Sparsity.withZeros(Tensor.randomNormal(Shape.of(k * n), 0, 1, seed + 1), zerosB, seed + 1).toArray();
    double[] out = new double[m * n];
    kernels.matmul(a, b, out, m, k, n, transA, transB);
    Naive.assertProductAgrees(kernels.name(), a, b, out, m, k, n, transA, transB);
  }
}
