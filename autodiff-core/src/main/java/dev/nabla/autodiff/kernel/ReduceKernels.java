package dev.nabla.autodiff.kernel;

import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;

/**
 * Reduction loops: one pass over the input in row-major order. {@code out} holds the reduced shape's
 * elements (reduced axes removed or of size 1: the layout is the same).
 */
public final class ReduceKernels {
  private ReduceKernels() {}

  /** What a reduction computes per output element. */
  public enum Kind {
    /** Σ. */
    SUM(false, false),
    /** The largest element (NaN wins; ties keep the first). */
    MAX(false, false),
    /** The smallest element (NaN wins; ties keep the first). */
    MIN(false, true),
    /** The index along the single reduced axis of the largest element (the first on ties). */
    ARGMAX(true, false),
    /** The index along the single reduced axis of the smallest element (the first on ties). */
    ARGMIN(true, true);

    private final boolean isArg;
    private final boolean lowest;

    Kind(boolean isArg, boolean lowest) {
      this.isArg = isArg;
      this.lowest = lowest;
    }

    /** Whether it yields an index rather than a value. */
    boolean isArg() {
      return isArg;
    }

    /** Whether it looks for the smallest element. */
    boolean lowest() {
      return lowest;
    }
  }

  /**
   * Reduces {@code x} over sorted {@code axes} into {@code out}, which must be zero on entry for
   * {@link Kind#SUM}. Modified: {@code out}. Not modified: {@code x}.
   */
  public static void reduce(Kind op, Tensor x, int[] axes, double[] out) {
    double[] src = x.rawData();
    int rank = x.shape().rank();
    // common cases first, in loops that allocate nothing and add in the same order as the odometer
    if (op == Kind.SUM && out.length == 1) {
      double total = 0;
      for (double v : src) {
        total += v;
      }
      out[0] = total;
      return;
    }
    if (op == Kind.SUM && isLeading(axes)) { // e.g. a bias gradient: the sum over the batch
      for (int o = 0; o < src.length; o += out.length) {
        for (int j = 0; j < out.length; j++) {
          out[j] += src[o + j];
        }
      }
      return;
    }
    if (op != Kind.SUM && axes.length == 1 && axes[0] == rank - 1) { // a row-wise max or arg-max
      lastAxisExtremum(op, src, x.shape().dim(rank - 1), out);
      return;
    }
    int[] dims = x.shape().dims();
    // stride of each input axis in the output (0 along reduced axes)
    int[] outStride = new int[rank];
    int s = 1;
    for (int i = rank - 1; i >= 0; i--) {
      if (Arrays.binarySearch(axes, i) < 0) {
        outStride[i] = s;
        s *= dims[i];
      }
    }
    switch (op) {
      case SUM -> sum(src, dims, outStride, out);
      case MAX, MIN, ARGMAX, ARGMIN -> extremum(op, src, dims, outStride, axes[0], out);
    }
  }

  /** Whether {@code axes} (sorted) are {@code 0, 1, …, axes.length − 1}. */
  private static boolean isLeading(int[] axes) {
    for (int i = 0; i < axes.length; i++) {
      if (axes[i] != i) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code v} replaces {@code best} as the maximum (or, {@code lowest}, the minimum): when larger
   * (smaller), or the first NaN (NaN wins; ties keep the first).
   */
  private static boolean beats(double v, double best, boolean lowest) {
    return (lowest ? v < best : v > best) || Double.isNaN(v) && !Double.isNaN(best);
  }

  /** {@link #extremum} over the last axis, one row of {@code len} at a time. */
  private static void lastAxisExtremum(Kind op, double[] src, int len, double[] out) {
    boolean lowest = op.lowest();
    for (int r = 0; r < out.length; r++) {
      int base = r * len;
      double best = src[base];
      int arg = 0;
      for (int j = 1; j < len; j++) {
        double v = src[base + j];
        if (beats(v, best, lowest)) {
          best = v;
          arg = j;
        }
      }
      out[r] = op.isArg() ? arg : best;
    }
  }

  private static void sum(double[] src, int[] dims, int[] outStride, double[] out) {
    int rank = dims.length;
    int[] idx = new int[rank];
    int o = 0;
    int inner = dims[rank - 1];
    int innerStride = outStride[rank - 1];
    for (int i = 0; i < src.length; ) {
      int p = o;
      for (int j = 0; j < inner; j++, i++) {
        out[p] += src[i];
        p += innerStride;
      }
      o = advance(idx, dims, outStride, o);
    }
  }

  private static void extremum(Kind op, double[] src, int[] dims, int[] outStride, int axis, double[] out) {
    boolean argmax = op.isArg();
    boolean lowest = op.lowest();
    double[] best = new double[out.length];
    boolean[] seen = new boolean[out.length];
    int rank = dims.length;
    int[] idx = new int[rank];
    int o = 0;
    for (int i = 0; i < src.length; i++) {
      double v = src[i];
      if (!seen[o] || beats(v, best[o], lowest)) {
        seen[o] = true;
        best[o] = v;
        if (argmax) {
          out[o] = idx[axis];
        }
      }
      // odometer over all axes, last innermost
      for (int a = rank - 1; a >= 0; a--) {
        idx[a]++;
        o += outStride[a];
        if (idx[a] < dims[a]) {
          break;
        }
        o -= outStride[a] * dims[a];
        idx[a] = 0;
      }
    }
    if (!argmax) {
      System.arraycopy(best, 0, out, 0, out.length);
    }
  }

  /** Advances the odometer over all axes but the last; returns the new output offset. */
  private static int advance(int[] idx, int[] dims, int[] outStride, int o) {
    for (int a = dims.length - 2; a >= 0; a--) {
      idx[a]++;
      o += outStride[a];
      if (idx[a] < dims[a]) {
        return o;
      }
      o -= outStride[a] * dims[a];
      idx[a] = 0;
    }
    return o;
  }
}
