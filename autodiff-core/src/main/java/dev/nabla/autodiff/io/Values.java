package dev.nabla.autodiff.io;

import java.util.regex.Pattern;

/**
 * How doubles are spelled in a graph file: Java's shortest round-tripping decimal ({@code 0.1},
 * {@code -0.0}, {@code 1.0E-300}, {@code 4.9E-324}), {@code NaN}, {@code Infinity} and {@code
 * -Infinity}; a NaN with any payload other than the canonical one is spelled as its 64 bits in hex
 * ({@code 0x7ff0000000000001}), so every value survives a round trip bit for bit.
 */
final class Values {
  private static final long CANONICAL_NAN = Double.doubleToRawLongBits(Double.NaN);
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern BITS = Pattern.compile("0x[0-9a-fA-F]{16}");

  private Values() {}

  /** The spelling of {@code v}. */
  static String format(double v) {
    long bits = Double.doubleToRawLongBits(v);
    if (Double.isNaN(v) && bits != CANONICAL_NAN) {
      return String.format("0x%016x", bits);
    }
    return Double.toString(v);
  }

  /** Parses a spelling of {@link #format} (or any plain decimal); null when {@code s} is none. */
  static Double parse(String s) {
    switch (s) {
      case "NaN":
        return Double.NaN;
      case "Infinity":
      case "+Infinity":
        return Double.POSITIVE_INFINITY;
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    if (BITS.matcher(s).matches()) {
      return Double.longBitsToDouble(Long.parseUnsignedLong(s.substring(2), 16));
    }
    // Double.parseDouble alone would also take "1d", "0x1p3" and surrounding blanks
    return DECIMAL.matcher(s).matches() ? Double.parseDouble(s) : null;
  }
}
