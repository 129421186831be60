package dev.nabla.autodiff.kernel;

import static dev.nabla.autodiff.kernel.MatMulKernels.SCRATCH;
import static dev.nabla.autodiff.kernel.MatMulKernels.axpy;
import static dev.nabla.autodiff.kernel.MatMulKernels.nonZeros;

/** The {@code C = A·B} kernel of {@link MatMulKernels}. */
final class PlainMatMul {
  private PlainMatMul() {}

  /** C = A·B: row i of C accumulates a[i][p]·(row p of B), four non-zero a[i][p] per pass. */
  static void rows(double[] a, double[] b, double[] out, int k, int n, int lo, int hi) {
    int[] nz = SCRATCH.get().idx(k);
    int i = lo;
    // two dense rows at a time: each row of B loaded once for both output rows
    for (; i + 1 < hi && allNonZero(a, i * k, 2 * k); i += 2) {
      int rowA0 = i * k;
      int rowA1 = rowA0 + k;
      int rowC0 = i * n;
      int rowC1 = rowC0 + n;
      int p = 0;
      for (; p + 3 < k; p += 4) {
        axpy4x2(a[rowA0 + p], a[rowA0 + p + 1], a[rowA0 + p + 2], a[rowA0 + p + 3], a[rowA1 + p], a[rowA1 + p + 1],
            a[rowA1 + p + 2], a[rowA1 + p + 3], b, p * n, out, rowC0, rowC1, n);
      }
      for (; p < k; p++) {
        axpy(a[rowA0 + p], b, p * n, out, rowC0, n);
        axpy(a[rowA1 + p], b, p * n, out, rowC1, n);
      }
    }
    for (; i < hi; i++) {
      int rowA = i * k;
      int count = nonZeros(a, rowA, k, nz);
      int rowC = i * n;
      int t = 0;
      for (; t + 3 < count; t += 4) {
        int p0 = nz[t];
        int p1 = nz[t + 1];
        int p2 = nz[t + 2];
        int p3 = nz[t + 3];
        axpy4(a[rowA + p0], p0 * n, a[rowA + p1], p1 * n, a[rowA + p2], p2 * n, a[rowA + p3], p3 * n, b, out, rowC, n);
      }
      for (; t < count; t++) {
        int p = nz[t];
        axpy(a[rowA + p], b, p * n, out, rowC, n);
      }
    }
  }

  /** Whether {@code x[off, off+len)} has no zeros. */
  private static boolean allNonZero(double[] x, int off, int len) {
    int zeros = 0;
    for (int j = 0; j < len; j++) {
      zeros += x[off + j] == 0 ? 1 : 0;
    }
    return zeros == 0;
  }

  /**
   * {@link #axpy4} into two output rows at once from the four consecutive rows of {@code x} starting at
   * {@code xOff} (row stride {@code len}), each output element's terms added left to right.
   */
  private static void axpy4x2(double s0, double s1, double s2, double s3, double u0, double u1, double u2, double u3,
      double[] x, int xOff, double[] y, int y0, int y1, int len) {
    int o1 = xOff + len;
    int o2 = o1 + len;
    int o3 = o2 + len;
    for (int j = 0; j < len; j++) {
      double x0 = x[xOff + j];
      double x1 = x[o1 + j];
      double x2 = x[o2 + j];
      double x3 = x[o3 + j];
      y[y0 + j] = y[y0 + j] + s0 * x0 + s1 * x1 + s2 * x2 + s3 * x3;
      y[y1 + j] = y[y1 + j] + u0 * x0 + u1 * x1 + u2 * x2 + u3 * x3;
    }
  }

  /** {@code y[yOff+j] = y[yOff+j] + s0·x[o0+j] + s1·x[o1+j] + s2·x[o2+j] + s3·x[o3+j]}, left to right. */
  private static void axpy4(double s0, int o0, double s1, int o1, double s2, int o2, double s3, int o3, double[] x,
      double[] y, int yOff, int len) {
    for (int j = 0; j < len; j++) {
      y[yOff + j] = y[yOff + j] + s0 * x[o0 + j] + s1 * x[o1 + j] + s2 * x[o2 + j] + s3 * x[o3 + j];
    }
  }
}
