package dev.nabla.autodiff;

/**
 * Plain-loop matrix products for the four transpose combinations, shaped for HotSpot.
 *
 * <ul>
 *   <li>Where the inner loop can run over contiguous memory it is an axpy ({@code c[j] += s·b[j]}),
 *       which the JIT vectorises, and a zero multiplier {@code s} is skipped.
 *   <li>Rows that are mostly zeros (MNIST images are about 81% zeros) are visited through a list of
 *       their non-zero positions, so the work scales with the non-zeros.
 *   <li>Dense dot products use four interleaved accumulators.
 * </ul>
 *
 * <p>Skipping a zero term is exact for finite values. The sparse and dense paths of the {@code transB}
 * kernel add the same products in a different order (and the dense dot reassociates), so results can
 * differ from a naive triple loop in the last bits; the others accumulate in order of increasing
 * {@code k}.
 */
final class MatMulKernels {
  /** Rows with at most this fraction of non-zeros take the sparse path. */
  private static final double SPARSE_DENSITY = 0.5;

  /** Per-thread index and value scratch for the sparse paths, grown on demand, so kernels do not allocate. */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private MatMulKernels() {}

  private static final class Scratch {
    int[] idx = new int[0];
    double[] vals = new double[0];

    int[] idx(int n) {
      if (idx.length < n) {
        idx = new int[n];
      }
      return idx;
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
  static void multiply(double[] a, double[] b, double[] out, int m, int k, int n, boolean transA, boolean transB) {
    if (!transA && !transB) {
      plain(a, b, out, m, k, n);
    } else if (transA && !transB) {
      transposedLeft(a, b, out, m, k, n);
    } else if (!transA) {
      transposedRight(a, b, out, m, k, n);
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

  /** C = A·B: row i of C accumulates a[i][p]·(row p of B). */
  private static void plain(double[] a, double[] b, double[] out, int m, int k, int n) {
    for (int i = 0; i < m; i++) {
      int rowC = i * n;
      for (int p = 0; p < k; p++) {
        double s = a[i * k + p];
        if (s != 0) {
          axpy(s, b, p * n, out, rowC, n);
        }
      }
    }
  }

  /** C = Aᵀ·B with A [k×m]: for each p, row i of C accumulates a[p][i]·(row p of B). */
  private static void transposedLeft(double[] a, double[] b, double[] out, int m, int k, int n) {
    int[] nz = SCRATCH.get().idx(n);
    for (int p = 0; p < k; p++) {
      int rowB = p * n;
      int count = nonZeros(b, rowB, n, nz);
      boolean sparse = count <= SPARSE_DENSITY * n;
      for (int i = 0; i < m; i++) {
        double s = a[p * m + i];
        if (s == 0) {
          continue;
        }
        int rowC = i * n;
        if (sparse) {
          for (int t = 0; t < count; t++) {
            int j = nz[t];
            out[rowC + j] += s * b[rowB + j];
          }
        } else {
          axpy(s, b, rowB, out, rowC, n);
        }
      }
    }
  }

  /** C = A·Bᵀ with B [n×k]: c[i][j] is the dot product of row i of A and row j of B. */
  private static void transposedRight(double[] a, double[] b, double[] out, int m, int k, int n) {
    Scratch scratch = SCRATCH.get();
    int[] nz = scratch.idx(k);
    double[] vals = scratch.vals(k);
    for (int i = 0; i < m; i++) {
      int rowA = i * k;
      int count = nonZeros(a, rowA, k, nz);
      if (count <= SPARSE_DENSITY * k) {
        for (int t = 0; t < count; t++) {
          vals[t] = a[rowA + nz[t]];
        }
        for (int j = 0; j < n; j++) {
          int rowB = j * k;
          double s = 0;
          for (int t = 0; t < count; t++) {
            s += vals[t] * b[rowB + nz[t]];
          }
          out[i * n + j] = s;
        }
      } else {
        for (int j = 0; j < n; j++) {
          out[i * n + j] = dot(a, rowA, b, j * k, k);
        }
      }
    }
  }

  /** Writes the positions of the non-zeros of {@code x[off, off+len)} into {@code idx}; returns their count. */
  private static int nonZeros(double[] x, int off, int len, int[] idx) {
    int count = 0;
    for (int j = 0; j < len; j++) {
      if (x[off + j] != 0) {
        idx[count++] = j;
      }
    }
    return count;
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
