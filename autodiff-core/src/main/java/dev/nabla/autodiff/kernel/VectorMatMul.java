package dev.nabla.autodiff.kernel;

import static dev.nabla.autodiff.kernel.MatMulKernels.SCRATCH;
import static dev.nabla.autodiff.kernel.MatMulKernels.nonZeros;
import static dev.nabla.autodiff.kernel.VectorKernels.L;
import static dev.nabla.autodiff.kernel.VectorKernels.S;

import dev.nabla.autodiff.kernel.MatMulKernels.Scratch;
import jdk.incubator.vector.DoubleVector;

/**
 * The matrix products of {@link VectorKernels}, on row-major arrays in the layouts the user's tensors
 * have (the plan's packed layout has row kernels of its own, {@link VectorPacked}).
 *
 * <ul>
 *   <li>A·B and Aᵀ·B are axpys: an output row accumulates {@code s·(row p of B)} over the non-zero
 *       multipliers {@code s}, four vectors of columns held in registers across that loop ({@link
 *       VectorPacked#tile4}).
 *   <li>A·Bᵀ is dot products, four columns per pass over a row of A ({@link #dots4}); rows of A with at
 *       most one non-zero in four (over the rows a thread computes) take the scalar sparse loop instead, which does less work (MNIST's
 *       images, about 19% non-zeros: 17 against 24 µs for x·w₁ᵀ at batch 10, JMH).
 * </ul>
 *
 * Each output element accumulates its terms in order of increasing {@code k} with fused multiply-adds,
 * except the dot products, which keep {@code L} partial sums (one per lane) and add them up at the end.
 */
final class VectorMatMul {
  private VectorMatMul() {}

  /** C = A·B, rows [lo, hi): row i of C accumulates a[i][p]·(row p of B) over the non-zero a[i][p]. */
  static void plainRows(double[] a, double[] b, double[] c, int k, int n, int lo, int hi) {
    Scratch scratch = SCRATCH.get();
    int[] nz = scratch.idx(k);
    double[] vals = scratch.vals(k);
    for (int i = lo; i < hi; i++) {
      int rowA = i * k;
      int count = nonZeros(a, rowA, k, nz);
      for (int t = 0; t < count; t++) {
        vals[t] = a[rowA + nz[t]];
      }
      axpyRow(vals, nz, count, b, n, c, i * n);
    }
  }

  /** Rows of B taken together by {@link #transposedLeftRows}, so that they stay in cache while every output row uses them. */
  static final int B_ROW_CHUNK = 32;

  /**
   * C = Aᵀ·B with A [k×m], rows [lo, hi): row i of C accumulates a[p][i]·(row p of B) over the non-zero
   * a[p][i], for chunks of {@link #B_ROW_CHUNK} rows of B in increasing order (each output row once per chunk).
   */
  static void transposedLeftRows(double[] a, double[] b, double[] c, int m, int k, int n, int lo, int hi) {
    Scratch scratch = SCRATCH.get();
    int[] nz = scratch.idx(k);
    double[] vals = scratch.vals(k);
    for (int p0 = 0; p0 < k; p0 += B_ROW_CHUNK) {
      int p1 = Math.min(k, p0 + B_ROW_CHUNK);
      for (int i = lo; i < hi; i++) {
        int count = 0;
        for (int p = p0; p < p1; p++) { // branch-free, as nonZeros
          double s = a[p * m + i];
          nz[count] = p;
          vals[count] = s;
          count += s != 0 ? 1 : 0;
        }
        axpyRow(vals, nz, count, b, n, c, i * n);
      }
    }
  }

  /** {@code c[cOff + j] += Σ_t vals[t]·b[nz[t]·n + j]} for all j &lt; n: full vectors, then a scalar tail. */
  private static void axpyRow(double[] vals, int[] nz, int count, double[] b, int n, double[] c, int cOff) {
    int full = n - n % L;
    int j = 0;
    for (; j + 4 * L <= full; j += 4 * L) {
      VectorPacked.tile4(nz, vals, 0, count, b, j, n, c, cOff + j, c, cOff + j);
    }
    for (; j < full; j += L) {
      VectorPacked.tile1(nz, vals, 0, count, b, j, n, c, cOff + j, c, cOff + j);
    }
    if (full < n) {
      for (int t = 0; t < count; t++) {
        double s = vals[t];
        int rowB = nz[t] * n;
        for (int q = full; q < n; q++) {
          c[cOff + q] = Math.fma(s, b[rowB + q], c[cOff + q]);
        }
      }
    }
  }

  /**
   * C = A·Bᵀ with B [n×k], rows [lo, hi): c[i][j] = row i of A · row j of B, four columns per pass. When
   * at most one in four of these rows' values is non-zero, {@link TransposedRightMatMul}'s sparse loop
   * does them all instead.
   */
  static void transposedRightRows(double[] a, double[] b, double[] c, int k, int n, int lo, int hi) {
    long nonZeros = 0;
    for (int p = lo * k; p < hi * k; p++) {
      nonZeros += a[p] != 0 ? 1 : 0;
    }
    if (nonZeros * 4 <= (long) (hi - lo) * k) {
      TransposedRightMatMul.rows(a, b, c, k, n, lo, hi);
      return;
    }
    double[] lanes = SCRATCH.get().lanes(4 * L);
    for (int i = lo; i < hi; i++) {
      int rowA = i * k;
      int rowC = i * n;
      int j = 0;
      for (; j + 3 < n; j += 4) {
        dots4(a, rowA, b, j * k, k, c, rowC + j, lanes);
      }
      for (; j < n; j++) {
        c[rowC + j] = dot(a, rowA, b, j * k, k, lanes);
      }
    }
  }

  /**
   * The dot products of {@code x[xOff, xOff+k)} with four consecutive rows of {@code y} from {@code yOff},
   * into {@code out[o, o+4)}; {@code lanes} is scratch of 4L.
   */
  static void dots4(double[] x, int xOff, double[] y, int yOff, int k, double[] out, int o, double[] lanes) {
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = s0;
    DoubleVector s2 = s0;
    DoubleVector s3 = s0;
    int full = k - k % L;
    for (int p = 0; p < full; p += L) {
      DoubleVector v = DoubleVector.fromArray(S, x, xOff + p);
      s0 = DoubleVector.fromArray(S, y, yOff + p).fma(v, s0);
      s1 = DoubleVector.fromArray(S, y, yOff + k + p).fma(v, s1);
      s2 = DoubleVector.fromArray(S, y, yOff + 2 * k + p).fma(v, s2);
      s3 = DoubleVector.fromArray(S, y, yOff + 3 * k + p).fma(v, s3);
    }
    s0.intoArray(lanes, 0);
    s1.intoArray(lanes, L);
    s2.intoArray(lanes, 2 * L);
    s3.intoArray(lanes, 3 * L);
    out[o] = tail(x, xOff, y, yOff, full, k, laneSum(lanes, 0));
    out[o + 1] = tail(x, xOff, y, yOff + k, full, k, laneSum(lanes, L));
    out[o + 2] = tail(x, xOff, y, yOff + 2 * k, full, k, laneSum(lanes, 2 * L));
    out[o + 3] = tail(x, xOff, y, yOff + 3 * k, full, k, laneSum(lanes, 3 * L));
  }

  /** The dot product of {@code x[xOff, xOff+k)} and {@code y[yOff, yOff+k)}. */
  static double dot(double[] x, int xOff, double[] y, int yOff, int k, double[] lanes) {
    DoubleVector s = DoubleVector.zero(S);
    int full = k - k % L;
    for (int p = 0; p < full; p += L) {
      s = DoubleVector.fromArray(S, y, yOff + p).fma(DoubleVector.fromArray(S, x, xOff + p), s);
    }
    s.intoArray(lanes, 0);
    return tail(x, xOff, y, yOff, full, k, laneSum(lanes, 0));
  }

  /** {@code s + Σ_{p ∈ [from, k)} x[xOff+p]·y[yOff+p]}, in order. */
  private static double tail(double[] x, int xOff, double[] y, int yOff, int from, int k, double s) {
    for (int p = from; p < k; p++) {
      s = Math.fma(x[xOff + p], y[yOff + p], s);
    }
    return s;
  }

  /**
   * The sum of the L lanes stored at {@code lanes[from, from + L)}, in lane order. Not {@code
   * reduceLanes(ADD)}, whose order on JDK 25 depends on whether C2 compiled the caller (see {@link
   * VectorKernels}); and the vectors are stored by the caller rather than passed here, because a vector
   * passed to a method C2 does not inline is boxed (an allocation per call).
   */
  static double laneSum(double[] lanes, int from) {
    double s = lanes[from];
    for (int l = 1; l < L; l++) {
      s += lanes[from + l];
    }
    return s;
  }
}
