package dev.nabla.autodiff.kernel;

import static dev.nabla.autodiff.kernel.MatMulKernels.SCRATCH;
import static dev.nabla.autodiff.kernel.MatMulKernels.SPARSE_DENSITY;
import static dev.nabla.autodiff.kernel.MatMulKernels.nonZeros;

import dev.nabla.autodiff.kernel.MatMulKernels.Scratch;

/** The {@code C = A·Bᵀ} kernel of {@link MatMulKernels}. */
final class TransposedRightMatMul {
  private TransposedRightMatMul() {}

  /**
   * C = A·Bᵀ with B [n×k]: c[i][j] is the dot product of row i of A and row j of B; four columns j per
   * pass over row i of A.
   */
  static void rows(double[] a, double[] b, double[] out, int k, int n, int lo, int hi) {
    Scratch scratch = SCRATCH.get();
    int[] nz = scratch.idx(k);
    double[] vals = scratch.vals(k);
    for (int i = lo; i < hi; i++) {
      int rowA = i * k;
      int rowC = i * n;
      int count = nonZeros(a, rowA, k, nz);
      if (count <= SPARSE_DENSITY * k) {
        for (int t = 0; t < count; t++) {
          vals[t] = a[rowA + nz[t]];
        }
        int j = 0;
        // eight columns per pass: eight independent add chains hide the add latency
        for (; j + 7 < n; j += 8) {
          int r0 = j * k;
          int r1 = r0 + k;
          int r2 = r1 + k;
          int r3 = r2 + k;
          int r4 = r3 + k;
          int r5 = r4 + k;
          int r6 = r5 + k;
          int r7 = r6 + k;
          double s0 = 0;
          double s1 = 0;
          double s2 = 0;
          double s3 = 0;
          double s4 = 0;
          double s5 = 0;
          double s6 = 0;
          double s7 = 0;
          for (int t = 0; t < count; t++) {
            int p = nz[t];
            double v = vals[t];
            s0 += v * b[r0 + p];
            s1 += v * b[r1 + p];
            s2 += v * b[r2 + p];
            s3 += v * b[r3 + p];
            s4 += v * b[r4 + p];
            s5 += v * b[r5 + p];
            s6 += v * b[r6 + p];
            s7 += v * b[r7 + p];
          }
          out[rowC + j] = s0;
          out[rowC + j + 1] = s1;
          out[rowC + j + 2] = s2;
          out[rowC + j + 3] = s3;
          out[rowC + j + 4] = s4;
          out[rowC + j + 5] = s5;
          out[rowC + j + 6] = s6;
          out[rowC + j + 7] = s7;
        }
        for (; j + 3 < n; j += 4) {
          int r0 = j * k;
          int r1 = r0 + k;
          int r2 = r1 + k;
          int r3 = r2 + k;
          double s0 = 0;
          double s1 = 0;
          double s2 = 0;
          double s3 = 0;
          for (int t = 0; t < count; t++) {
            int p = nz[t];
            double v = vals[t];
            s0 += v * b[r0 + p];
            s1 += v * b[r1 + p];
            s2 += v * b[r2 + p];
            s3 += v * b[r3 + p];
          }
          out[rowC + j] = s0;
          out[rowC + j + 1] = s1;
          out[rowC + j + 2] = s2;
          out[rowC + j + 3] = s3;
        }
        for (; j < n; j++) {
          int rowB = j * k;
          double s = 0;
          for (int t = 0; t < count; t++) {
            s += vals[t] * b[rowB + nz[t]];
          }
          out[rowC + j] = s;
        }
      } else {
        int j = 0;
        for (; j + 1 < n; j += 2) {
          dot2(a, rowA, b, j * k, (j + 1) * k, k, out, rowC + j);
        }
        for (; j < n; j++) {
          out[rowC + j] = dot(a, rowA, b, j * k, k);
        }
      }
    }
  }

  /** A dot product with four independent accumulators (summed pairwise at the end). */
  private static double dot(double[] x, int xOff, double[] y, int yOff, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < len; j += 4) {
      s0 += x[xOff + j] * y[yOff + j];
      s1 += x[xOff + j + 1] * y[yOff + j + 1];
      s2 += x[xOff + j + 2] * y[yOff + j + 2];
      s3 += x[xOff + j + 3] * y[yOff + j + 3];
    }
    for (; j < len; j++) {
      s0 += x[xOff + j] * y[yOff + j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Two {@link #dot}s of {@code x} with rows at {@code yOff0} and {@code yOff1}, same order, one pass over x. */
  private static void dot2(double[] x, int xOff, double[] y, int yOff0, int yOff1, int len, double[] out, int outOff) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double u0 = 0;
    double u1 = 0;
    double u2 = 0;
    double u3 = 0;
    int j = 0;
    for (; j + 3 < len; j += 4) {
      double x0 = x[xOff + j];
      double x1 = x[xOff + j + 1];
      double x2 = x[xOff + j + 2];
      double x3 = x[xOff + j + 3];
      s0 += x0 * y[yOff0 + j];
      s1 += x1 * y[yOff0 + j + 1];
      s2 += x2 * y[yOff0 + j + 2];
      s3 += x3 * y[yOff0 + j + 3];
      u0 += x0 * y[yOff1 + j];
      u1 += x1 * y[yOff1 + j + 1];
      u2 += x2 * y[yOff1 + j + 2];
      u3 += x3 * y[yOff1 + j + 3];
    }
    for (; j < len; j++) {
      s0 += x[xOff + j] * y[yOff0 + j];
      u0 += x[xOff + j] * y[yOff1 + j];
    }
    out[outOff] = (s0 + s1) + (s2 + s3);
    out[outOff + 1] = (u0 + u1) + (u2 + u3);
  }
}
