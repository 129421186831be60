package dev.nabla.autodiff;

/**
 * Plain-loop matrix products for the four transpose combinations, shaped for HotSpot.
 *
 * <ul>
 *   <li>Where the inner loop can run over contiguous memory it is an axpy ({@code c[j] += s·b[j]}),
 *       which the JIT vectorises, and a zero multiplier {@code s} is skipped.
 *   <li>Several output rows or columns are kept in flight per pass (register blocking): the plain
 *       kernel adds four rows of B per pass over an output row (over two output rows at once when
 *       both rows of A have no zeros), the {@code transA} kernel updates four output rows per pass
 *       over the non-zeros of a row of B, and the {@code transB} kernel computes eight (then four,
 *       then one) output columns per pass over a row of A (dense rows: two columns per pass).
 *   <li>The {@code transA} kernel takes rows of B in chunks of {@link #B_ROW_CHUNK} and runs each
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
final class MatMulKernels {
  /** Rows with at most this fraction of non-zeros take the sparse path. */
  private static final double SPARSE_DENSITY = 0.5;

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
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private MatMulKernels() {}

  private static final class Scratch {
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
  static void multiply(double[] a, double[] b, double[] out, int m, int k, int n, boolean transA, boolean transB) {
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
      plain(a, b, out, k, n, lo, hi);
    } else if (transA && !transB) {
      transposedLeft(a, b, out, m, k, n, lo, hi);
    } else if (!transA) {
      transposedRight(a, b, out, k, n, lo, hi);
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

  /** C = A·B: row i of C accumulates a[i][p]·(row p of B), four non-zero a[i][p] per pass. */
  private static void plain(double[] a, double[] b, double[] out, int k, int n, int lo, int hi) {
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

  /** Rows of B whose non-zero lists are gathered together by the {@code transA} kernel. */
  private static final int B_ROW_CHUNK = 32;

  /**
   * C = Aᵀ·B with A [k×m]: row i of C accumulates a[p][i]·(row p of B) for increasing p. Rows of B are
   * taken in chunks (sparse ones as lists of their non-zeros); within a chunk, four output rows at a
   * time (so they stay in L1) accumulate every row of the chunk, one pass over the non-zeros updating
   * all four when their four multipliers are non-zero.
   */
  private static void transposedLeft(double[] a, double[] b, double[] out, int m, int k, int n, int lo, int hi) {
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

  /**
   * C = A·Bᵀ with B [n×k]: c[i][j] is the dot product of row i of A and row j of B; four columns j per
   * pass over row i of A.
   */
  private static void transposedRight(double[] a, double[] b, double[] out, int k, int n, int lo, int hi) {
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

  /** Writes the positions of the non-zeros of {@code x[off, off+len)} into {@code idx}; returns their count. */
  private static int nonZeros(double[] x, int off, int len, int[] idx) {
    return nonZeros(x, off, len, idx, 0);
  }

  /** As {@link #nonZeros(double[], int, int, int[])}, writing from {@code idx[base]}. */
  private static int nonZeros(double[] x, int off, int len, int[] idx, int base) {
    // branch-free: a data-dependent branch mispredicts on scattered zeros
    int count = base;
    for (int j = 0; j < len; j++) {
      idx[count] = j;
      count += x[off + j] != 0 ? 1 : 0;
    }
    return count - base;
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
