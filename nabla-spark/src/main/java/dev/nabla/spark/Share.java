package dev.nabla.spark;

import java.io.Serializable;

/**
 * What one partition (or a group of neighbouring partitions) contributes to a step: the number of
 * examples it evaluated and, per value, the sum over its examples: {@code sums[0]} the cost, then every
 * gradient entry, parameters in order, each row-major. Sums are of per-example values, so shares of
 * different sizes add up to the batch's total. A share of no rows sums nothing: its sums are all 0.
 */
final class Share implements Serializable {
  private static final long serialVersionUID = 1L;

  final long rows;
  final double[] sums;

  Share(long rows, double[] sums) {
    this.rows = rows;
    this.sums = sums;
  }

  /** {@code left + right}, in that order (the order fixes the rounding); reuses {@code left}'s array. */
  static Share add(Share left, Share right) {
    if (right.rows == 0) {
      return left;
    }
    if (left.rows == 0) {
      return right;
    }
    double[] a = left.sums;
    double[] b = right.sums;
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return new Share(left.rows + right.rows, a);
  }
}
