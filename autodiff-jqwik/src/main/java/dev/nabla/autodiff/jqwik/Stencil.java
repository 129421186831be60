package dev.nabla.autodiff.jqwik;

import java.util.function.DoubleUnaryOperator;

/**
 * A function's values at {@code x − 2h, x − h, x, x + h, x + 2h}: the central differences with steps
 * {@code h} and {@code 2h}, and a test for a kink (a jump in the slope, or in the value) within the
 * stencil.
 *
 * <p>The kink test is the fourth difference over {@code 2h}, judged against the tolerance at the scale of
 * the derivative. For a smooth function it is {@code h³·f⁗/2}, far below the tolerance for any sensible
 * cost (h³ ≤ 1e-15 at the default step); a kink within {@code ±2h} makes it of the order of the jump in
 * the slope. For a single kink, whenever it makes the error {@code E} of the central difference exceed
 * the Richardson term {@code R = |D(2h) − D(h)|} already allowed for, the fourth difference is at least
 * {@code 2 (E − R)} in magnitude: a kink that would fail the comparison is seen. The same holds for a jump in
 * the value within the stencil (the gradient at a kink, in a Hessian-vector check), except a jump exactly
 * at {@code x} to the midpoint of its sides, which is odd and invisible to the fourth difference: no
 * five-point test can tell it from a smooth cubic. The test looks only at the function's values, never
 * at the gradient being checked, so a wrong gradient cannot make a comparison be skipped.
 */
record Stencil(double minus2, double minus1, double centre, double plus1, double plus2, double h) {
  /** Evaluates {@code f} at the four offsets; {@code centre} is {@code f(0)}, already known. */
  static Stencil of(DoubleUnaryOperator f, double centre, double h) {
    return new Stencil(f.applyAsDouble(-2 * h), f.applyAsDouble(-h), centre, f.applyAsDouble(h), f.applyAsDouble(2 * h), h);
  }

  /** {@code D(h) = (f(x + h) − f(x − h)) / 2h}. */
  double central() {
    return (plus1 - minus1) / (2 * h);
  }

  /** {@code D(2h)}. */
  double wide() {
    return (plus2 - minus2) / (4 * h);
  }

  /** The largest magnitude of the five values, for the rounding term of the tolerance. */
  double valueMagnitude() {
    return Math.max(Math.max(Math.abs(minus2), Math.abs(minus1)),
        Math.max(Math.abs(centre), Math.max(Math.abs(plus1), Math.abs(plus2))));
  }

  /**
   * True when the fourth difference shows a kink within the stencil, judged at the tolerance's scale;
   * {@code valueMagnitude} is the magnitude the rounding term applies to (usually {@link #valueMagnitude()}).
   */
  boolean crossesAKink(Tolerance tol, double valueMagnitude) {
    double fourth = (plus2 + minus2 - 4 * (plus1 + minus1) + 6 * centre) / (2 * h);
    double slope = Math.max(Math.abs(central()), Math.abs(wide()));
    return Math.abs(fourth) > tol.allowed(slope, valueMagnitude, h); // false for NaN: then the comparison fails
  }

  /**
   * The allowed difference between an analytic value and {@link #central()}: the tolerance at {@code
   * scale} (and {@code valueMagnitude} for rounding) plus the measured truncation term {@code |D(2h) − D(h)|}.
   */
  double allowed(Tolerance tol, double scale, double valueMagnitude) {
    return tol.allowed(scale, valueMagnitude, h) + Math.abs(wide() - central());
  }
}
