package dev.nabla.autodiff.kernel;

/**
 * The scalar implementation of {@link Kernels}: plain loops (see {@link MatMulKernels} for how they are
 * shaped), used when the Vector API is not available or {@value Kernels#PROPERTY} is {@code scalar}.
 * {@code VectorKernels} extends it and replaces the loops that vectors speed up.
 */
class ScalarKernels extends Kernels {
  static final ScalarKernels INSTANCE = new ScalarKernels();

  ScalarKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public boolean packsLargeProducts() {
    return false;
  }

  @Override
  void matmulRows(double[] a, double[] b, double[] out, int m, int k, int n, boolean transA, boolean transB, int lo,
      int hi) {
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

  @Override
  void productRow(int[] cols, double[] vals, int from, int to, double[] p, int pOff, int ld, int c0, int c1,
      double[] bias, double[] out) {
    if (bias == null) {
      java.util.Arrays.fill(out, c0, c1, 0.0);
    } else {
      System.arraycopy(bias, c0, out, c0, c1 - c0);
    }
    for (int t = from; t < to; t++) {
      double s = vals[t];
      int row = pOff + cols[t] * ld;
      for (int j = c0; j < c1; j++) {
        out[j] += s * p[row + j];
      }
    }
  }

  @Override
  void updateRows(int[] cols, double[] vals, int from, int to, double[] g, double[] p, int pOff, int ld, int c0,
      int c1) {
    for (int t = from; t < to; t++) {
      double s = vals[t];
      int row = pOff + cols[t] * ld;
      for (int j = c0; j < c1; j++) {
        p[row + j] += s * g[j];
      }
    }
  }
}
