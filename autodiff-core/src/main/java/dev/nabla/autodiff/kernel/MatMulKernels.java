package dev.nabla.autodiff.kernel;

/**
 * Plain-loop matrix products for the four transpose combinations, shaped for HotSpot: the entry point,
 * the two-thread split and the helpers the kernels share. The kernels are {@link PlainMatMul} (A·B),
 * {@link TransposedLeftMatMul} (Aᵀ·B), {@link TransposedRightMatMul} (A·Bᵀ) and, rarely needed, the
 * loop for Aᵀ·Bᵀ in {@link #rows}.
 *
 * <ul>
 *   <li>Where the inner loop can run over contiguous memory it is an axpy ({@code c[j] += s·b[j]}),
 *       which the JIT vectorises, and a zero multiplier {@code s} is skipped.
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
 *   <li>Large products (at least {@link #PARALLEL_WORK} multiply-adds) are split by output rows into
 *       two halves, one computed by the calling thread and one by {@link SplitHelper}'s thread. Every
 *       output element is still computed by exactly one thread in the same fixed order, so results
 *       do not depend on the split or on scheduling.
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

  /**
   * Products with at least this many multiply-adds ({@code m·k·n}) are split over two threads. Measured
   * on 2 cores: the batch-100 training step (products of 2.35M) gains about 6%; batch 10 (235k) stays
   * single-threaded.
   */
  static final long PARALLEL_WORK = 1_000_000L;

  /** Whether there is a second core to split large products over. */
  private static final boolean PARALLEL =
      Runtime.getRuntime().availableProcessors() >= 2;

  /** Per-thread index and value scratch for the sparse paths, grown on demand, so kernels do not allocate. */
  static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private MatMulKernels() {}

  static final class Scratch {
    int[] idx = new int[0];
    int[] idx2 = new int[0];
    double[] vals = new double[0];

    int[] idx(int n) {
      if (idx.length < n) {
        idx = new int[n];
      }
      return idx;
    }

    int[] idx2(int n) {
      if (idx2.length < n) {
        idx2 = new int[n];
      }
      return idx2;
    }

    double[] vals(int n) {
      if (vals.length < n) {
        vals = new double[n];
      }
      return vals;
    }
  }

  /**
   * {@code out[m×n] = op(a)·op(b)}, where {@code a} is {@code [m×k]} ({@code [k×m]} when
   * {@code transA}) and {@code b} is {@code [k×n]} ({@code [n×k]} when {@code transB}). {@code out}
   * must be zero on entry. Modified: {@code out}. Not modified: {@code a}, {@code b}.
   */
  public static void multiply(double[] a, double[] b, double[] out, int m, int k, int n, boolean transA, boolean transB) {
    multiply(a, b, out, m, k, n, transA, transB, PARALLEL && (long) m * k * n >= PARALLEL_WORK);
  }

  /**
   * {@link #multiply}, split over two threads when {@code split} (and {@code m ≥ 2}) whatever its size
   * (for tests). When {@link SplitHelper}'s thread is busy with another caller's product, the calling
   * thread computes every row itself.
   */
  static void multiply(double[] a, double[] b, double[] out, int m, int k, int n, boolean transA, boolean transB,
      boolean split) {
    if (split && m >= 2) {
      int mid = (m / 2 + 3) & ~3; // a multiple of four, for the kernels' four-row blocks
      if (mid >= m) {
        mid = m / 2;
      }
      if (SplitHelper.instance().multiply(a, b, out, m, k, n, transA, transB, mid)) {
        return;
      }
    }
    rows(a, b, out, m, k, n, transA, transB, 0, m);
  }

  /** Output rows {@code [lo, hi)} of {@link #multiply}. */
  static void rows(double[] a, double[] b, double[] out, int m, int k, int n, boolean transA, boolean transB,
      int lo, int hi) {
    if (!transA && !transB) {
      PlainMatMul.rows(a, b, out, k, n, lo, hi);
    } else if (transA && !transB) {
      TransposedLeftMatMul.rows(a, b, out, m, k, n, lo, hi);
    } else if (!transA) {
      TransposedRightMatMul.rows(a, b, out, k, n, lo, hi);
    } else {
      // (Aᵀ Bᵀ)[i][j] = Σ_p a[p][i] b[j][p]
      for (int j = 0; j < n; j++) {
        for (int p = 0; p < k; p++) {
          double s = b[j * k + p];
          if (s != 0) {
            int rowA = p * m;
            for (int i = lo; i < hi; i++) {
              out[i * n + j] += a[rowA + i] * s;
            }
          }
        }
      }
    }
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
