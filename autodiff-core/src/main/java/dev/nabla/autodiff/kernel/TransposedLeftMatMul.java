package dev.nabla.autodiff.kernel;

import static dev.nabla.autodiff.kernel.MatMulKernels.SCRATCH;
import static dev.nabla.autodiff.kernel.MatMulKernels.SPARSE_DENSITY;
import static dev.nabla.autodiff.kernel.MatMulKernels.axpy;
import static dev.nabla.autodiff.kernel.MatMulKernels.nonZeros;

import dev.nabla.autodiff.kernel.MatMulKernels.Scratch;

/** The {@code C = Aᵀ·B} kernel of {@link MatMulKernels}. */
final class TransposedLeftMatMul {
  private TransposedLeftMatMul() {}

  /** Rows of B whose non-zero lists are gathered together by the {@code transA} kernel. */
  static final int B_ROW_CHUNK = 32;

  /**
   * C = Aᵀ·B with A [k×m]: row i of C accumulates a[p][i]·(row p of B) for increasing p. Rows of B are
   * taken in chunks (sparse ones as lists of their non-zeros); within a chunk, four output rows at a
   * time (so they stay in L1) accumulate every row of the chunk, one pass over the non-zeros updating
   * all four when their four multipliers are non-zero.
   */
  static void rows(double[] a, double[] b, double[] out, int m, int k, int n, int lo, int hi) {
    Scratch scratch = SCRATCH.get();
    int chunk = Math.min(B_ROW_CHUNK, k);
    int[] nz = scratch.idx(chunk * n);
    double[] vals = scratch.vals(chunk * n);
    int[] counts = scratch.idx2(chunk); // count of non-zeros, or -1 for a dense row
    for (int p0 = 0; p0 < k; p0 += chunk) {
      int p1 = Math.min(k, p0 + chunk);
      for (int p = p0; p < p1; p++) {
        int r = p - p0;
        int base = r * n;
        int rowB = p * n;
        int count = nonZeros(b, rowB, n, nz, base);
        if (count <= SPARSE_DENSITY * n) {
          for (int t = base; t < base + count; t++) {
            vals[t] = b[rowB + nz[t]];
          }
          counts[r] = count;
        } else {
          counts[r] = -1;
        }
      }
      int i = lo;
      for (; i + 3 < hi; i += 4) {
        int c0 = i * n;
        int c1 = c0 + n;
        int c2 = c1 + n;
        int c3 = c2 + n;
        for (int p = p0; p < p1; p++) {
          int rowA = p * m + i;
          double s0 = a[rowA];
          double s1 = a[rowA + 1];
          double s2 = a[rowA + 2];
          double s3 = a[rowA + 3];
          int r = p - p0;
          int count = counts[r];
          if (count >= 0 && s0 != 0 && s1 != 0 && s2 != 0 && s3 != 0) {
            int base = r * n;
            for (int t = base; t < base + count; t++) {
              int j = nz[t];
              double v = vals[t];
              out[c0 + j] += s0 * v;
              out[c1 + j] += s1 * v;
              out[c2 + j] += s2 * v;
              out[c3 + j] += s3 * v;
            }
          } else {
            accumulate(s0, b, p * n, n, nz, vals, r, count, out, c0);
            accumulate(s1, b, p * n, n, nz, vals, r, count, out, c1);
            accumulate(s2, b, p * n, n, nz, vals, r, count, out, c2);
            accumulate(s3, b, p * n, n, nz, vals, r, count, out, c3);
          }
        }
      }
      for (; i < hi; i++) {
        for (int p = p0; p < p1; p++) {
          accumulate(a[p * m + i], b, p * n, n, nz, vals, p - p0, counts[p - p0], out, i * n);
        }
      }
    }
  }

  /** {@code out[c + j] += s·b[rowB + j]} for all j, through chunk row {@code r}'s non-zero list when sparse; nothing when s is 0. */
  private static void accumulate(double s, double[] b, int rowB, int n, int[] nz, double[] vals, int r, int count,
      double[] out, int c) {
    if (s == 0) {
      return;
    }
    if (count < 0) {
      axpy(s, b, rowB, out, c, n);
    } else {
      int base = r * n;
      for (int t = base; t < base + count; t++) {
        out[c + nz[t]] += s * vals[t];
      }
    }
  }
}
