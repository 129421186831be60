package dev.nabla.autodiff.kernel;

/**
 * The left operand of a packed product, row by row: either a list of each row's non-zeros (compressed
 * sparse rows, kept with a data set so that it is not rebuilt on every step) or a dense row-major
 * matrix, whose rows the kernels scan for non-zeros as they go. A plan owns one per operand and points it
 * at the current run's arrays; kernels only read it.
 */
public final class Rows {
  private int[] start;
  private int[] cols;
  private double[] vals;
  private double[] dense;
  private int k;

  /**
   * Row {@code i}'s non-zeros are {@code (cols[t], vals[t])} for {@code t ∈ [start[i], start[i+1])}, in
   * increasing column order. The arrays are read, not copied.
   */
  public Rows sparse(int[] start, int[] cols, double[] vals) {
    this.start = start;
    this.cols = cols;
    this.vals = vals;
    this.dense = null;
    return this;
  }

  /** Rows of {@code k} values in the row-major array {@code a}, read, not copied. */
  public Rows dense(double[] a, int k) {
    this.dense = a;
    this.k = k;
    this.start = null;
    return this;
  }

  boolean isSparse() {
    return start != null;
  }

  int[] start() {
    return start;
  }

  int[] cols() {
    return cols;
  }

  double[] vals() {
    return vals;
  }

  double[] dense() {
    return dense;
  }

  int k() {
    return k;
  }
}
