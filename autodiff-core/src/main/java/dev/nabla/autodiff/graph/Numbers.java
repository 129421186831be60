package dev.nabla.autodiff.graph;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as expressions print them: so that they read back exactly. A value prints in the shortest
 * decimal form that parses back to the same double ({@code 0.1}, {@code 2.5e-7}, {@code 784}), or,
 * when that form needs more than six significant digits and the value is exactly the double nearest a
 * fraction with a small denominator, as that fraction ({@code 1/6}, {@code -2/3}, {@code 1/784}).
 *
 * <pre>{@code
 * Numbers.text(1.0 / 6)     // "1/6"
 * Numbers.text(0.1)         // "0.1"
 * Numbers.latex(1.0 / 6)    // "\frac{1}{6}"
 * Numbers.latex(2.5e-7)     // "2.5 \times 10^{-7}"
 * }</pre>
 */
public final class Numbers {
  /** Denominators tried for fractions: enough for the means of images and batches we meet. */
  static final int MAX_DENOMINATOR = 10_000;
  private static final int SHORT_DIGITS = 6;

  private Numbers() {}

  /** A fraction {@code p/q} (q ≥ 2) whose double is exactly {@code v}, or null. */
  record Fraction(long numerator, long denominator) {}

  /** {@code v} as plain text that parses back to {@code v}; fractions as {@code p/q}. */
  public static String text(double v) {
    Fraction f = fraction(v);
    return f != null ? f.numerator() + "/" + f.denominator() : decimal(v, false);
  }

  /** {@code v} as LaTeX: {@code \frac{p}{q}} for fractions, {@code m \times 10^{e}} for tiny or huge values. */
  public static String latex(double v) {
    Fraction f = fraction(v);
    if (f != null) {
      return (f.numerator() < 0 ? "-" : "") + "\\frac{" + Math.abs(f.numerator()) + "}{" + f.denominator() + "}";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "\\infty" : "-\\infty";
    }
    return Double.isNaN(v) ? "\\mathrm{NaN}" : decimal(v, true);
  }

  /** True when {@code v} prints as a fraction (and so binds like a quotient, not like a number). */
  public static boolean isFraction(double v) {
    return fraction(v) != null;
  }

  /** The fraction {@code v} is meant as, if it needs more than six digits as a decimal. */
  static Fraction fraction(double v) {
    if (!Double.isFinite(v) || v == Math.rint(v) || shortest(v).precision() <= SHORT_DIGITS) {
      return null;
    }
    for (long q = 2; q <= MAX_DENOMINATOR; q++) {
      double p = Math.rint(v * q);
      if (Math.abs(p) < 1e9 && p / q == v) {
        return new Fraction((long) p, q);
      }
    }
    return null;
  }

  /** The shortest decimal (fewest significant digits) that parses back to {@code v}, which is finite. */
  private static BigDecimal shortest(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == v) {
        return rounded.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  private static String decimal(double v, boolean latex) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (v == 0) {
      return Double.doubleToRawLongBits(v) == 0 ? "0" : "-0";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    BigDecimal d = shortest(v);
    int exponent = d.precision() - d.scale() - 1; // of the leading digit
    if (exponent >= -4 && exponent < 15) {
      return d.toPlainString();
    }
    String mantissa = d.movePointLeft(exponent).toPlainString();
    return latex ? mantissa + " \\times 10^{" + exponent + "}" : mantissa + "e" + exponent;
  }
}
