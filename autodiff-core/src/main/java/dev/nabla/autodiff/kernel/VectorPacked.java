package dev.nabla.autodiff.kernel;

import static dev.nabla.autodiff.kernel.VectorKernels.L;
import static dev.nabla.autodiff.kernel.VectorKernels.S;

import jdk.incubator.vector.DoubleVector;

/**
 * The packed-layout row kernels of {@link VectorKernels} (see {@link Kernels#packedProduct}): rows of P
 * are whole vectors ({@link PackedMatrix#PAD}), so there are no tails. A row of output is computed in
 * tiles of up to four vectors (32 columns of 8 doubles), each tile's accumulators held in registers while
 * the loop runs over the row's non-zeros; 3 = 2 + 1, and wider rows take several tiles.
 */
final class VectorPacked {
  private VectorPacked() {}

  /** {@code out[c0, c1) = bias + Σ_t vals[t]·P[cols[t]][c0, c1)}; c0 and c1 are multiples of L. */
  static void productRow(int[] cols, double[] vals, int from, int to, double[] p, int pOff, int ld, int c0, int c1,
      double[] bias, double[] out) {
    int j = c0;
    for (; j + 4 * L <= c1; j += 4 * L) {
      tile4(cols, vals, from, to, p, pOff + j, ld, bias, j, out, j);
    }
    for (; j + 2 * L <= c1; j += 2 * L) {
      tile2(cols, vals, from, to, p, pOff + j, ld, bias, j, out, j);
    }
    for (; j < c1; j += L) {
      tile1(cols, vals, from, to, p, pOff + j, ld, bias, j, out, j);
    }
  }

  private static DoubleVector start(double[] init, int off) {
    return init == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, init, off);
  }

  /**
   * Four vectors of a row accumulated in registers: {@code out[outOff, outOff+4L) = init[initOff, …) +
   * Σ_{t ∈ [from, to)} vals[t]·b[bOff + cols[t]·ldb, …)}, with {@code init} null for zero. The axpy of
   * every row-major and packed product ({@link VectorMatMul} uses it too).
   */
  static void tile4(int[] cols, double[] vals, int from, int to, double[] b, int bOff, int ldb, double[] init,
      int initOff, double[] out, int outOff) {
    DoubleVector c0 = start(init, initOff);
    DoubleVector c1 = start(init, initOff + L);
    DoubleVector c2 = start(init, initOff + 2 * L);
    DoubleVector c3 = start(init, initOff + 3 * L);
    for (int t = from; t < to; t++) {
      DoubleVector s = DoubleVector.broadcast(S, vals[t]);
      int o = bOff + cols[t] * ldb;
      c0 = DoubleVector.fromArray(S, b, o).fma(s, c0);
      c1 = DoubleVector.fromArray(S, b, o + L).fma(s, c1);
      c2 = DoubleVector.fromArray(S, b, o + 2 * L).fma(s, c2);
      c3 = DoubleVector.fromArray(S, b, o + 3 * L).fma(s, c3);
    }
    c0.intoArray(out, outOff);
    c1.intoArray(out, outOff + L);
    c2.intoArray(out, outOff + 2 * L);
    c3.intoArray(out, outOff + 3 * L);
  }

  /** {@link #tile4} for two vectors. */
  static void tile2(int[] cols, double[] vals, int from, int to, double[] b, int bOff, int ldb, double[] init,
      int initOff, double[] out, int outOff) {
    DoubleVector c0 = start(init, initOff);
    DoubleVector c1 = start(init, initOff + L);
    for (int t = from; t < to; t++) {
      DoubleVector s = DoubleVector.broadcast(S, vals[t]);
      int o = bOff + cols[t] * ldb;
      c0 = DoubleVector.fromArray(S, b, o).fma(s, c0);
      c1 = DoubleVector.fromArray(S, b, o + L).fma(s, c1);
    }
    c0.intoArray(out, outOff);
    c1.intoArray(out, outOff + L);
  }

  /** {@link #tile4} for one vector. */
  static void tile1(int[] cols, double[] vals, int from, int to, double[] b, int bOff, int ldb, double[] init,
      int initOff, double[] out, int outOff) {
    DoubleVector c0 = start(init, initOff);
    for (int t = from; t < to; t++) {
      c0 = DoubleVector.fromArray(S, b, bOff + cols[t] * ldb).fma(DoubleVector.broadcast(S, vals[t]), c0);
    }
    c0.intoArray(out, outOff);
  }

  /** {@code P[cols[t]][c0, c1) += vals[t]·g[c0, c1)}, g held in registers one tile at a time. */
  static void updateRows(int[] cols, double[] vals, int from, int to, double[] g, double[] p, int pOff, int ld, int c0,
      int c1) {
    int j = c0;
    for (; j + 4 * L <= c1; j += 4 * L) {
      updateTile4(cols, vals, from, to, g, j, p, pOff + j, ld);
    }
    for (; j + 2 * L <= c1; j += 2 * L) {
      updateTile2(cols, vals, from, to, g, j, p, pOff + j, ld);
    }
    for (; j < c1; j += L) {
      updateTile1(cols, vals, from, to, g, j, p, pOff + j, ld);
    }
  }

  static void updateTile4(int[] cols, double[] vals, int from, int to, double[] g, int j, double[] p, int pOff,
      int ld) {
    DoubleVector g0 = DoubleVector.fromArray(S, g, j);
    DoubleVector g1 = DoubleVector.fromArray(S, g, j + L);
    DoubleVector g2 = DoubleVector.fromArray(S, g, j + 2 * L);
    DoubleVector g3 = DoubleVector.fromArray(S, g, j + 3 * L);
    for (int t = from; t < to; t++) {
      DoubleVector s = DoubleVector.broadcast(S, vals[t]);
      int o = pOff + cols[t] * ld;
      g0.fma(s, DoubleVector.fromArray(S, p, o)).intoArray(p, o);
      g1.fma(s, DoubleVector.fromArray(S, p, o + L)).intoArray(p, o + L);
      g2.fma(s, DoubleVector.fromArray(S, p, o + 2 * L)).intoArray(p, o + 2 * L);
      g3.fma(s, DoubleVector.fromArray(S, p, o + 3 * L)).intoArray(p, o + 3 * L);
    }
  }

  static void updateTile2(int[] cols, double[] vals, int from, int to, double[] g, int j, double[] p, int pOff,
      int ld) {
    DoubleVector g0 = DoubleVector.fromArray(S, g, j);
    DoubleVector g1 = DoubleVector.fromArray(S, g, j + L);
    for (int t = from; t < to; t++) {
      DoubleVector s = DoubleVector.broadcast(S, vals[t]);
      int o = pOff + cols[t] * ld;
      g0.fma(s, DoubleVector.fromArray(S, p, o)).intoArray(p, o);
      g1.fma(s, DoubleVector.fromArray(S, p, o + L)).intoArray(p, o + L);
    }
  }

  static void updateTile1(int[] cols, double[] vals, int from, int to, double[] g, int j, double[] p, int pOff,
      int ld) {
    DoubleVector g0 = DoubleVector.fromArray(S, g, j);
    for (int t = from; t < to; t++) {
      int o = pOff + cols[t] * ld;
      g0.fma(DoubleVector.broadcast(S, vals[t]), DoubleVector.fromArray(S, p, o)).intoArray(p, o);
    }
  }
}
