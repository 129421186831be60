package dev.nabla.autodiff.kernel;

import static dev.nabla.autodiff.kernel.VectorKernels.S;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code exp} and the sigmoid on whole vectors, for the vector kernels' activations. The Vector API's
 * own {@code lanewise(EXP)} is not used: compiled by C2 it calls a vector math library, interpreted it
 * calls {@link Math#exp}, so its results would depend on when the JIT compiled a loop. This one is
 * written with lane-wise arithmetic only (fused multiply-adds, a division, integer adds and shifts),
 * which gives the same bits compiled or not, and is within about one ulp of {@link Math#exp}.
 *
 * <p>The method: {@code eˣ = 2ᵏ·eʳ} with {@code k = round(x·log₂e)} (by adding and subtracting 1.5·2⁵²),
 * {@code r = x − k·ln 2} in two steps (|r| ≤ ln 2 / 2), {@code eʳ} by its Taylor series to degree 13
 * (truncation below 10⁻¹⁷) in Horner's form, and {@code 2ᵏ} as two factors {@code 2^⌊k/2⌉·2^(k − ⌊k/2⌉)}
 * built from their exponent bits, so that results near the ends of the range overflow to ∞ or
 * underflow through the subnormals as a product does. Arguments are clamped to ±1400 first (beyond,
 * the result is 0 or ∞ anyway); NaN stays NaN.
 */
final class VectorMath {
  private VectorMath() {}

  private static final double LOG2E = 1.4426950408889634;
  private static final double LN2_HI = 6.93147180369123816490e-01;
  private static final double LN2_LO = 1.90821492927058770002e-10;
  private static final double SHIFT = 0x1.8p52; // adding it rounds to an integer, held in the low bits
  private static final long SHIFT_BITS = Double.doubleToRawLongBits(SHIFT);
  // 1/n! for n = 13, 12, …, 2: Horner's coefficients
  private static final double C13 = 1 / 6227020800.0;
  private static final double C12 = 1 / 479001600.0;
  private static final double C11 = 1 / 39916800.0;
  private static final double C10 = 1 / 3628800.0;
  private static final double C9 = 1 / 362880.0;
  private static final double C8 = 1 / 40320.0;
  private static final double C7 = 1 / 5040.0;
  private static final double C6 = 1 / 720.0;
  private static final double C5 = 1 / 120.0;
  private static final double C4 = 1 / 24.0;
  private static final double C3 = 1 / 6.0;
  private static final double C2 = 0.5;

  /**
   * {@code out[outOff + j] = exp(in[inOff + j])} for whole vectors, {@code j < n − n mod L}; returns how
   * many were done (the caller finishes the tail). The whole computation is written out in this one
   * loop: split into a method of its own, it is too big for C2 to inline, and every vector would then be
   * boxed on the way in and out.
   */
  static int exp(double[] in, int inOff, double[] out, int outOff, int n) {
    int j = 0;
    for (; j + S.length() <= n; j += S.length()) {
      DoubleVector x = DoubleVector.fromArray(S, in, inOff + j).max(-1400.0).min(1400.0);
      DoubleVector k = x.fma(DoubleVector.broadcast(S, LOG2E), DoubleVector.broadcast(S, SHIFT)).sub(SHIFT);
      DoubleVector minusK = k.neg();
      DoubleVector r = minusK.fma(DoubleVector.broadcast(S, LN2_LO), minusK.fma(DoubleVector.broadcast(S, LN2_HI), x));
      DoubleVector p = r.fma(DoubleVector.broadcast(S, C13), DoubleVector.broadcast(S, C12));
      p = p.fma(r, DoubleVector.broadcast(S, C11));
      p = p.fma(r, DoubleVector.broadcast(S, C10));
      p = p.fma(r, DoubleVector.broadcast(S, C9));
      p = p.fma(r, DoubleVector.broadcast(S, C8));
      p = p.fma(r, DoubleVector.broadcast(S, C7));
      p = p.fma(r, DoubleVector.broadcast(S, C6));
      p = p.fma(r, DoubleVector.broadcast(S, C5));
      p = p.fma(r, DoubleVector.broadcast(S, C4));
      p = p.fma(r, DoubleVector.broadcast(S, C3));
      p = p.fma(r, DoubleVector.broadcast(S, C2));
      p = p.fma(r, DoubleVector.broadcast(S, 1.0)).fma(r, DoubleVector.broadcast(S, 1.0)); // …·r + 1, then ·r + 1
      // 2ᵏ = 2^h·2^(k−h) with h = ⌊k/2⌉, each factor built from its exponent bits
      DoubleVector h = k.mul(0.5).add(SHIFT);
      DoubleVector rest = k.sub(h.sub(SHIFT)).add(SHIFT);
      LongVector hBits = h.reinterpretAsLongs();
      LongVector restBits = rest.reinterpretAsLongs();
      DoubleVector twoH = hBits.sub(SHIFT_BITS - 1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
      DoubleVector twoRest = restBits.sub(SHIFT_BITS - 1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
      p.mul(twoH).mul(twoRest).intoArray(out, outOff + j);
    }
    return j;
  }

  /**
   * {@link Activation#SIGMOID} for whole vectors, as the scalar one computes it but with {@link #exp}: {@code
   * e = exp(−|z|)} into {@code e} (scratch of length ≥ n), then {@code 1/(1 + e)} for z ≥ 0 and {@code e/(1
   * + e)} below. {@code out} may be {@code in}. Returns how many were done.
   */
  static int sigmoid(double[] in, int inOff, double[] out, int outOff, int n, double[] e) {
    int j = 0;
    for (; j + S.length() <= n; j += S.length()) {
      DoubleVector.fromArray(S, in, inOff + j).abs().neg().intoArray(e, j);
    }
    exp(e, 0, e, 0, j);
    for (int i = 0; i < j; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector ez = DoubleVector.fromArray(S, e, i);
      ez.blend(1.0, z.compare(VectorOperators.GE, 0.0)).div(ez.add(1.0)).intoArray(out, outOff + i);
    }
    return j;
  }
}
