package dev.nabla.examples.mnist.cli;

import java.util.Locale;

/** Number and word formats shared by the commands' output. */
final class Format {
  private Format() {}

  /** {@code 1 epoch}, {@code 2 epochs}. */
  static String count(long n, String singular) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : singular + "s");
  }

  /**
   * A cost in four significant digits at most, never hundreds of them: {@code 0.0213}, {@code 2.303},
   * {@code 1.2e+05}, {@code 3.4e+307}, {@code NaN}, {@code Infinity}.
   */
  static String cost(double c) {
    if (!Double.isFinite(c)) {
      return Double.toString(c);
    }
    double a = Math.abs(c);
    return a != 0 && (a < 1e-4 || a >= 1e4) ? String.format(Locale.ROOT, "%.3g", c) : String.format(Locale.ROOT, "%.4f", c);
  }

  /** A fraction as a percentage with two decimals: {@code 94.74%}. */
  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
  }
}
