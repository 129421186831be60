package dev.nabla.autodiff.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API implementation of {@link Kernels} ({@code jdk.incubator.vector}, the machine's preferred
 * {@link DoubleVector} species: 512 bits, eight doubles, on AVX-512). Loaded by name by {@link
 * KernelChoice} only when the module is readable. It replaces the loops that vectors speed up and
 * inherits the others from {@link ScalarKernels}.
 *
 * <p>Rules every vector kernel here keeps, because breaking them cost speed or reproducibility:
 * <ul>
 *   <li><b>Only lane-wise arithmetic</b> ({@code fma}, {@code add}, {@code mul}) and plain loads and
 *       stores. A horizontal sum is written out ({@link VectorMatMul#laneSum}) rather than {@code
 *       reduceLanes(ADD)}: on JDK 25, C2 compiles {@code reduceLanes} into a tree of additions while the
 *       interpreter adds the lanes in order, so a result would depend on when the JIT compiled the loop
 *       (measured: about one sum in two differed in its last bits). For the same reason {@code exp} is
 *       written out ({@link VectorMath}) rather than {@code lanewise(EXP)}.
 *   <li><b>No masked loads or stores</b>: column tails shorter than a vector run as scalar loops. JDK
 *       17 does not intrinsify them on x86, nor {@code VectorMask.toLong()}. (A compare and a blend, which
 *       the sigmoid uses, are intrinsified.)
 *   <li><b>No vector crosses a call C2 may not inline</b>: a vector passed to or returned from such a
 *       method is boxed, an allocation per call (PlanAllocationTest catches it). Kernels are one method
 *       each, accumulators are locals, exp's whole body sits in its loop, and lane sums go through an
 *       array. Check {@code -XX:+PrintInlining} after a change: "hot method too big" on a method that
 *       takes or returns a vector means boxing.
 * </ul>
 */
final class VectorKernels extends ScalarKernels {
  /** The machine's preferred species, capped at 512 bits so that a packed row ({@link PackedMatrix#PAD}) is whole vectors. */
  static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED.vectorBitSize() > 512
      ? DoubleVector.SPECIES_512 : DoubleVector.SPECIES_PREFERRED;
  static final int L = S.length();

  /** @throws UnsupportedOperationException when the machine's preferred vectors are shorter than 256 bits */
  VectorKernels() {
    if (S.vectorBitSize() < 256) {
      throw new UnsupportedOperationException("this machine's preferred vectors are " + S.vectorBitSize()
          + " bits wide; the vector kernels need at least 256");
    }
  }

  @Override
  public String name() {
    return "vector (" + S.vectorBitSize() + "-bit)";
  }

  @Override
  public boolean packsLargeProducts() {
    return true;
  }

  @Override
  void matmulRows(double[] a, double[] b, double[] out, int m, int k, int n, boolean transA, boolean transB, int lo,
      int hi) {
    if (!transA && !transB) {
      VectorMatMul.plainRows(a, b, out, k, n, lo, hi);
    } else if (transA && !transB) {
      VectorMatMul.transposedLeftRows(a, b, out, m, k, n, lo, hi);
    } else if (!transA) {
      VectorMatMul.transposedRightRows(a, b, out, k, n, lo, hi);
    } else {
      super.matmulRows(a, b, out, m, k, n, transA, transB, lo, hi);
    }
  }

  @Override
  void productRow(int[] cols, double[] vals, int from, int to, double[] p, int pOff, int ld, int c0, int c1,
      double[] bias, double[] out) {
    VectorPacked.productRow(cols, vals, from, to, p, pOff, ld, c0, c1, bias, out);
  }

  @Override
  void updateRows(int[] cols, double[] vals, int from, int to, double[] g, double[] p, int pOff, int ld, int c0,
      int c1) {
    VectorPacked.updateRows(cols, vals, from, to, g, p, pOff, ld, c0, c1);
  }

  /** The sigmoid over whole vectors ({@link VectorMath}); the other activations, and the tail, as the scalar kernels. */
  @Override
  public void activate(Activation act, double[] in, int inOff, double[] out, int outOff, int n) {
    int j = act == Activation.SIGMOID ? VectorMath.sigmoid(in, inOff, out, outOff, n, MatMulKernels.SCRATCH.get().exponentials(n)) : 0;
    super.activate(act, in, inOff + j, out, outOff + j, n - j);
  }

  /** {@code out[j] = exp(in[j])} for whole vectors, then {@link Math#exp} (for tests of {@link VectorMath}). */
  static void exp(double[] in, double[] out) {
    for (int j = VectorMath.exp(in, 0, out, 0, in.length); j < in.length; j++) {
      out[j] = Math.exp(in[j]);
    }
  }
}
