package dev.nabla.autodiff.kernel;

/**
 * The matrix product's static entry point, which runs {@link Kernels#get()}'s kernels, and the
 * helpers the scalar kernels share. The scalar kernels are {@link PlainMatMul} (A·B), {@link
 * TransposedLeftMatMul} (Aᵀ·B), {@link TransposedRightMatMul} (A·Bᵀ) and, rarely needed, the loop for
 * Aᵀ·Bᵀ in {@link ScalarKernels}. They are plain loops shaped for HotSpot:
 *
 * <ul>
 *   <li>Where the inner loop can run over contiguous memory it is an axpy ({@code c[j] += s·b[j]}),
 *       and a zero multiplier {@code s} is skipped.
 *   <li>Several output rows or columns are kept in flight per pass (register blocking): the plain
 *       kernel adds four rows of B per pass over an output row (over two output rows at once when
 *       both rows of A have no zeros), the {@code transA} kernel updates four output rows per pass
 *       over the non-zeros of a row of B, and the {@code transB} kernel computes eight (then four,
 *       then one) output columns per pass over a row of A (dense rows: two columns per pass).
 *   <li>The {@code transA} kernel takes rows of B in chunks of {@link TransposedLeftMatMul#B_ROW_CHUNK} and runs each
 *       group of four output rows over the whole chunk, so those output rows stay in L1.
 *   <li>Non-zero positions are found without a data-dependent branch (scattered zeros would make it
 *       mispredict).
 *   <li>Rows that are mostly zeros (MNIST images are about 81% zeros) are visited through a list of
 *       their non-zero positions, so the work scales with the non-zeros.
 *   <li>Dense dot products use four interleaved accumulators.
 * </ul>
 *
 * <p>Skipping a zero term is exact for finite values. The blocked and chunked loops add each element's
 * terms in the same order as the unblocked ones ({@code c + t0 + t1 + t2 + t3} is evaluated left to
 * right, and chunks are taken in order of increasing {@code k}). The
 * sparse and dense paths of the {@code transB} kernel add the same products in a different order (the
 * dense dot reassociates into four partial sums over {@code k ≡ 0,1,2,3 (mod 4)}, combined as
 * {@code (s0 + s1) + (s2 + s3)}), so results can differ from a naive triple loop in the last bits; the
 * others accumulate in order of increasing {@code k}. Results are bit-identical between runs.
 */
public final class MatMulKernels {
  /** Rows with at most this fraction of non-zeros take the sparse path. */
  static final double SPARSE_DENSITY = 0.5;

  /** Per-thread index and value scratch for the sparse paths, grown on demand, so kernels do not allocate. */
  static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private MatMulKernels() {}

  /** Per-thread scratch arrays, each grown to the largest size asked for and then reused. */
  static final class Scratch {
    private int[] idx = new int[0];
    private int[] idx2 = new int[0];
    private double[] vals = new double[0];
    private double[] lanes = new double[0];
    private double[] row = new double[0];
    private double[] bias = new double[0];
    private double[] transposed = new double[0];
    private double[] exponentials = new double[0];

    private static int[] atLeast(int[] a, int n) {
      return a.length < n ? new int[n] : a;
    }

    private static double[] atLeast(double[] a, int n) {
      return a.length < n ? new double[n] : a;
    }

    /** Indices: a row's non-zero positions. */
    int[] idx(int n) {
      return idx = atLeast(idx, n);
    }

    /** More indices (non-zero counts per row of a chunk). */
    int[] idx2(int n) {
      return idx2 = atLeast(idx2, n);
    }

    /** Values: a row's non-zeros. */
    double[] vals(int n) {
      return vals = atLeast(vals, n);
    }

    /** Room for one vector's lanes (for sums written out lane by lane). */
    double[] lanes(int n) {
      return lanes = atLeast(lanes, n);
    }

    /** A padded row for the packed kernels. */
    double[] row(int n) {
      return row = atLeast(row, n);
    }

    /** A padded bias for the packed product. */
    double[] bias(int n) {
      return bias = atLeast(bias, n);
    }

    /** A transposed, padded operand for the packed transposed product. */
    double[] transposed(int n) {
      return transposed = atLeast(transposed, n);
    }

    /** The exponentials of a row being activated. */
    double[] exponentials(int n) {
      return exponentials = atLeast(exponentials, n);
    }
  }

  /**
   * {@code out[m×n] = op(a)·op(b)} with {@link Kernels#get()}'s kernels (see {@link Kernels#matmul}),
   * where {@code a} is {@code [m×k]} ({@code [k×m]} when {@code transA}) and {@code b} is {@code [k×n]}
   * ({@code [n×k]} when {@code transB}); {@code out} must be zero on entry. Modified: {@code out}. Not
   * modified: {@code a}, {@code b}.
   */
  public static void multiply(double[] a, double[] b, double[] out, int m, int k, int n, boolean transA, boolean transB) {
    Kernels.get().matmul(a, b, out, m, k, n, transA, transB);
  }

  /** {@link #multiply}, split over two threads when {@code split} (and {@code m ≥ 2}) whatever its size (for tests). */
  static void multiply(double[] a, double[] b, double[] out, int m, int k, int n, boolean transA, boolean transB,
      boolean split) {
    Kernels.get().matmul(a, b, out, m, k, n, transA, transB, split);
  }

  /** Writes the positions of the non-zeros of {@code x[off, off+len)} into {@code idx}; returns their count. */
  static int nonZeros(double[] x, int off, int len, int[] idx) {
    return nonZeros(x, off, len, idx, 0);
  }

  /** As {@link #nonZeros(double[], int, int, int[])}, writing from {@code idx[base]}. */
  static int nonZeros(double[] x, int off, int len, int[] idx, int base) {
    // branch-free: a data-dependent branch mispredicts on scattered zeros
    int count = base;
    for (int j = 0; j < len; j++) {
      idx[count] = j;
      count += x[off + j] != 0 ? 1 : 0;
    }
    return count - base;
  }

  /** {@code y[yOff+j] += s·x[xOff+j]} for {@code j < len}. */
  static void axpy(double s, double[] x, int xOff, double[] y, int yOff, int len) {
    for (int j = 0; j < len; j++) {
      y[yOff + j] += s * x[xOff + j];
    }
  }
}
