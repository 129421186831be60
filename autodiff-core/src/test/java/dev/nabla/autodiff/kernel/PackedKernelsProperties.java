package dev.nabla.autodiff.kernel;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The packed-layout kernels of both implementations agree with naive loops (within {@link
 * Naive#tolerance}) over random shapes, widths that are not multiples of the vector length, sparse and
 * dense left operands, and row ranges that start and end anywhere (as a split hands them out); split by
 * P's columns, they give the whole kernel's bits.
 */
class PackedKernelsProperties {
  @Provide
  Arbitrary<Kernels> kernels() {
    return Naive.kernels();
  }

  private static double[] data(int size, double zeros, long seed) {
    return Sparsity.withZeros(Tensor.randomNormal(Shape.of(size), 0, 1, seed), zeros, seed).toArray();
  }

  /** A's rows as compressed sparse rows, or as the dense matrix itself. */
  private static Rows rows(double[] a, int m, int k, boolean sparse) {
    if (!sparse) {
      return new Rows().dense(a, k);
    }
    int[] start = new int[m + 1];
    int[] cols = new int[m * k];
    double[] vals = new double[m * k];
    int t = 0;
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < k; p++) {
        if (a[i * k + p] != 0) {
          cols[t] = p;
          vals[t++] = a[i * k + p];
        }
      }
      start[i + 1] = t;
    }
    return new Rows().sparse(start, cols, vals);
  }

  @Property(tries = 300)
  void packedProductAgreesWithANaiveLoop(@ForAll("kernels") Kernels kernels, @ForAll @IntRange(min = 1, max = 30) int m,
      @ForAll @IntRange(min = 1, max = 70) int k, @ForAll @IntRange(min = 1, max = 70) int n,
      @ForAll @DoubleRange(min = 0, max = 1) double zeros, @ForAll boolean sparse, @ForAll boolean withBias,
      @ForAll boolean keepZ, @ForAll Activation act, @ForAll @IntRange(min = 0, max = 30) int cut, @ForAll long seed) {
    double[] a = data(m * k, zeros, seed);
    double[] w = data(k * n, 0, seed + 1);
    double[] bias = withBias ? data(n, 0, seed + 2) : null;
    PackedMatrix p = PackedMatrix.zeros(k, n);
    p.copyFrom(w, false);
    double[] z = keepZ ? new double[m * n] : null;
    double[] y = new double[m * n];
    int mid = Math.min(cut, m);
    kernels.packedProduct(rows(a, m, k, sparse), p, bias, act, z, y, 0, mid); // two ranges, as a split runs them
    kernels.packedProduct(rows(a, m, k, sparse), p, bias, act, z, y, mid, m);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = bias == null ? 0 : bias[j];
        double magnitude = Math.abs(sum);
        for (int q = 0; q < k; q++) {
          sum += a[i * k + q] * w[q * n + j];
          magnitude += Math.abs(a[i * k + q] * w[q * n + j]);
        }
        double zi = keepZ ? z[i * n + j] : Double.NaN;
        double tol = Naive.tolerance(k + 1, magnitude);
        if (keepZ && !(Math.abs(zi - sum) <= tol)) {
          throw new AssertionError(String.format("%s: z[%d][%d] = %s, naive %s", kernels.name(), i, j, zi, sum));
        }
        // the activations are 1-Lipschitz, so y is within the same tolerance of act(naive z)
        double yi = y[i * n + j];
        if (!(Math.abs(yi - act.apply(sum)) <= tol + 4 * Naive.U * Math.abs(act.apply(sum)))) {
          throw new AssertionError(String.format("%s %s: y[%d][%d] = %s, naive %s", kernels.name(), act, i, j, yi,
              act.apply(sum)));
        }
      }
    }
  }

  @Property(tries = 300)
  void packedTransposedProductAgreesWithANaiveLoop(@ForAll("kernels") Kernels kernels,
      @ForAll @IntRange(min = 1, max = 30) int m, @ForAll @IntRange(min = 1, max = 70) int k,
      @ForAll @IntRange(min = 1, max = 70) int n, @ForAll @IntRange(min = 0, max = 30) int cut, @ForAll long seed) {
    double[] g = data(m * n, 0.2, seed);
    double[] w = data(k * n, 0, seed + 1);
    PackedMatrix p = PackedMatrix.zeros(k, n);
    p.copyFrom(w, false);
    double[] out = new double[m * k];
    int mid = Math.min(cut, m);
    kernels.packedTransposedProduct(g, p, out, 0, mid);
    kernels.packedTransposedProduct(g, p, out, mid, m);
    Naive.assertProductAgrees(kernels.name() + " G·Pᵀ", g, w, out, m, n, k, false, true);
  }

  @Property(tries = 300)
  void packedOuterUpdateAgreesWithANaiveLoop(@ForAll("kernels") Kernels kernels,
      @ForAll @IntRange(min = 1, max = 30) int m, @ForAll @IntRange(min = 1, max = 70) int k,
      @ForAll @IntRange(min = 1, max = 70) int n, @ForAll @DoubleRange(min = 0, max = 1) double zeros,
      @ForAll boolean sparse, @ForAll @IntRange(min = 0, max = 70) int cut, @ForAll long seed) {
    double[] a = data(m * k, zeros, seed);
    double[] g = data(m * n, 0, seed + 1);
    double[] w = data(k * n, 0, seed + 2);
    double alpha = -0.37;
    PackedMatrix p = PackedMatrix.zeros(k, n);
    p.copyFrom(w, false);
    int mid = Math.min(cut, k); // rows of P, as a split hands them out
    kernels.packedOuterUpdate(rows(a, m, k, sparse), g, m, alpha, p, 0, mid);
    kernels.packedOuterUpdate(rows(a, m, k, sparse), g, m, alpha, p, mid, k);
    double[] got = new double[k * n];
    p.copyTo(got, false);
    for (int q = 0; q < k; q++) {
      for (int j = 0; j < n; j++) {
        double v = w[q * n + j];
        double magnitude = Math.abs(v);
        for (int i = 0; i < m; i++) {
          double term = a[i * k + q] * (alpha * g[i * n + j]);
          v += term;
          magnitude += Math.abs(term);
        }
        if (!(Math.abs(got[q * n + j] - v) <= Naive.tolerance(m + 1, magnitude))) {
          throw new AssertionError(String.format("%s: P[%d][%d] = %s, naive %s", kernels.name(), q, j, got[q * n + j], v));
        }
      }
    }
    double[] padding = Arrays.copyOfRange(p.data(), p.offset(), p.data().length);
    for (int q = 0; q < k; q++) {
      for (int j = n; j < p.ld(); j++) {
        if (padding[q * p.ld() + j] != 0) {
          throw new AssertionError("padding P[" + q + "][" + j + "] = " + padding[q * p.ld() + j]);
        }
      }
    }
  }

  /**
   * A split by P's columns ({@link Kernels#splitColumns}) gives the bits of the whole product: every
   * element is computed the same way whichever part of a row it falls in.
   */
  @Property(tries = 200)
  void packedProductByColumnsGivesTheWholeProductsBits(@ForAll("kernels") Kernels kernels,
      @ForAll @IntRange(min = 1, max = 20) int m, @ForAll @IntRange(min = 1, max = 50) int k,
      @ForAll @IntRange(min = 1, max = 70) int n, @ForAll @DoubleRange(min = 0, max = 1) double zeros,
      @ForAll boolean sparse, @ForAll boolean withBias, @ForAll boolean keepZ, @ForAll Activation act,
      @ForAll @IntRange(min = 0, max = 9) int cutPads, @ForAll long seed) {
    double[] a = data(m * k, zeros, seed);
    double[] w = data(k * n, 0, seed + 1);
    double[] bias = withBias ? data(n, 0, seed + 2) : null;
    PackedMatrix p = PackedMatrix.zeros(k, n);
    p.copyFrom(w, false);
    double[] z = keepZ ? new double[m * n] : null;
    double[] y = new double[m * n];
    kernels.packedProduct(rows(a, m, k, sparse), p, bias, act, z, y, 0, m);
    double[] z2 = keepZ ? new double[m * n] : null;
    double[] y2 = new double[m * n];
    int cut = Math.min(cutPads * PackedMatrix.PAD, p.ld());
    kernels.packedProduct(rows(a, m, k, sparse), p, bias, act, z2, y2, 0, m, cut, p.ld());
    kernels.packedProduct(rows(a, m, k, sparse), p, bias, act, z2, y2, 0, m, 0, cut);
    if (!Arrays.equals(y, y2) || (keepZ && !Arrays.equals(z, z2))) {
      throw new AssertionError(kernels.name() + ": columns [0, " + cut + ") and [" + cut + ", " + p.ld()
          + ") differ from the whole product");
    }
  }

  /** The same for the fused update: split by columns, it gives the bits of the whole update. */
  @Property(tries = 200)
  void packedOuterUpdateByColumnsGivesTheWholeUpdatesBits(@ForAll("kernels") Kernels kernels,
      @ForAll @IntRange(min = 1, max = 20) int m, @ForAll @IntRange(min = 1, max = 50) int k,
      @ForAll @IntRange(min = 1, max = 70) int n, @ForAll @DoubleRange(min = 0, max = 1) double zeros,
      @ForAll boolean sparse, @ForAll @IntRange(min = 0, max = 9) int cutPads, @ForAll long seed) {
    double[] a = data(m * k, zeros, seed);
    double[] g = data(m * n, 0, seed + 1);
    double[] w = data(k * n, 0, seed + 2);
    PackedMatrix whole = PackedMatrix.zeros(k, n);
    whole.copyFrom(w, false);
    PackedMatrix parts = PackedMatrix.zeros(k, n);
    parts.copyFrom(w, false);
    kernels.packedOuterUpdate(rows(a, m, k, sparse), g, m, -0.37, whole, 0, k);
    int cut = Math.min(cutPads * PackedMatrix.PAD, parts.ld());
    kernels.packedOuterUpdate(rows(a, m, k, sparse), g, m, -0.37, parts, 0, k, cut, parts.ld());
    kernels.packedOuterUpdate(rows(a, m, k, sparse), g, m, -0.37, parts, 0, k, 0, cut);
    if (!Arrays.equals(whole.data(), parts.data())) {
      throw new AssertionError(kernels.name() + ": columns [0, " + cut + ") and [" + cut + ", " + parts.ld()
          + ") differ from the whole update");
    }
  }

  @Property(tries = 100)
  void packingAndUnpackingRoundTrips(@ForAll @IntRange(min = 1, max = 40) int k, @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll boolean transposed, @ForAll long seed) {
    double[] w = data(k * n, 0, seed);
    PackedMatrix p = PackedMatrix.zeros(k, n);
    p.copyFrom(w, transposed);
    double[] back = new double[k * n];
    p.copyTo(back, transposed);
    if (!Arrays.equals(w, back)) {
      throw new AssertionError("round trip changed the values");
    }
    if (p.ld() % PackedMatrix.PAD != 0 || p.ld() < n) {
      throw new AssertionError("ld " + p.ld() + " for " + n + " columns");
    }
  }
}
