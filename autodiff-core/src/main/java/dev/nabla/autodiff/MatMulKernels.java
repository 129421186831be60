package dev.nabla.autodiff;

/**
 * Plain-loop matrix products for the four transpose combinations, shaped for HotSpot: the innermost
 * loop runs over contiguous memory as an axpy ({@code c[j] += s * b[j]}), which the JIT vectorises, and
 * zero multipliers are skipped (exact for finite values; MNIST inputs are mostly zeros). Three
 * variants accumulate in order of increasing {@code k}; the {@code transB} one computes dot products
 * with four interleaved accumulators (a reassociation of the same sum).
 */
final class MatMulKernels {
  private MatMulKernels() {}

  /**
   * {@code out[m×n] = op(a)·op(b)}, where {@code a} is {@code [m×k]} ({@code [k×m]} when
   * {@code transA}) and {@code b} is {@code [k×n]} ({@code [n×k]} when {@code transB}). {@code out}
   * must be zero on entry. Modified: {@code out}. Not modified: {@code a}, {@code b}.
   */
  static void multiply(double[] a, double[] b, double[] out, int m, int k, int n, boolean transA, boolean transB) {
    if (!transA && !transB) {
      for (int i = 0; i < m; i++) {
        int rowC = i * n;
        for (int p = 0; p < k; p++) {
          double s = a[i * k + p];
          if (s != 0) {
            axpy(s, b, p * n, out, rowC, n);
          }
        }
      }
    } else if (transA && !transB) {
      for (int p = 0; p < k; p++) {
        for (int i = 0; i < m; i++) {
          double s = a[p * m + i];
          if (s != 0) {
            axpy(s, b, p * n, out, i * n, n);
          }
        }
      }
    } else if (!transA) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          out[i * n + j] = dot(a, i * k, b, j * k, k);
        }
      }
    } else {
      // (Aᵀ Bᵀ)[i][j] = Σ_p a[p][i] b[j][p]
      for (int j = 0; j < n; j++) {
        for (int p = 0; p < k; p++) {
          double s = b[j * k + p];
          if (s != 0) {
            int rowA = p * m;
            for (int i = 0; i < m; i++) {
              out[i * n + j] += a[rowA + i] * s;
            }
          }
        }
      }
    }
  }

  private static void axpy(double s, double[] x, int xOff, double[] y, int yOff, int len) {
    for (int j = 0; j < len; j++) {
      y[yOff + j] += s * x[xOff + j];
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
}
