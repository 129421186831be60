package dev.nabla.autodiff.jqwik;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;

/**
 * How a gradient assertion differentiates numerically and how far the two results may differ.
 *
 * <p>The numeric derivative is a central difference {@code (C(x + h) − C(x − h)) / 2h} with {@code h =
 * step · max(1, |x|)}. An analytic value {@code a} and a numeric {@code n} agree when
 *
 * <pre>
 *   |a − n| ≤ absolute + relative · max(|a|, |n|) + roundingUlps · ulp(max |C(x ± h)|) / h + |D(2h) − D(h)|
 * </pre>
 *
 * <p>where the last term, the difference between the central differences with steps {@code 2h} and
 * {@code h}, estimates (three times) the truncation error of {@code D(h)}: curvature at the
 * scale of the step is measured rather than guessed. It costs two more evaluations per component.
 *
 * <p>The defaults ({@link #defaults()}, for {@code double} evaluation) and why:
 * <ul>
 *   <li>{@code step = 1e-5}: the truncation error of a central difference is about {@code h²·|C'''|/6}
 *       and its rounding error about {@code ε·|C|/h} (ε = 2.2e-16); {@code h ≈ ∛ε ≈ 6e-6} balances them,
 *       giving errors near {@code 1e-10} relative for well-scaled costs. 1e-5 is that, rounded; it also
 *       stays far inside the margin (1e-2) that the kink-avoiding domains keep.
 *   <li>{@code relative = 1e-5}: five orders of magnitude above the expected error, so curvature,
 *       long sums and moderately ill-scaled costs pass, while a wrong rule — a missing factor or term,
 *       a transposed adjoint — is off by tens of percent and fails.
 *   <li>{@code absolute = 1e-8}: lets a zero gradient meet a numeric value that is only noise.
 *   <li>{@code roundingUlps = 1000}: the rounding noise of the difference itself, scaled by the size of
 *       the cost, so a large cost with a small component does not fail on cancellation; 1000 ulps
 *       covers the rounding of sums over thousands of terms.
 * </ul>
 * Loosen {@code relative} (1e-4…1e-3) for costs with large third derivatives relative to their slope
 * (high powers, exp of large values) or very wide sums; keep samples away from kinks instead of
 * loosening for them.
 *
 * <pre>{@code
 * Tolerance.defaults().withRelative(1e-4)
 * }</pre>
 *
 * @param step the finite-difference step, relative to {@code max(1, |x|)}
 * @param relative the allowed error relative to the larger of the two values
 * @param absolute the allowed absolute error
 * @param roundingUlps ulps of the cost's value per step allowed for rounding
 */
public record Tolerance(double step, double relative, double absolute, double roundingUlps) {
  private static final Tolerance DEFAULTS = new Tolerance(1e-5, 1e-5, 1e-8, 1000);

  /** Checks that the step is positive and the tolerances non-negative, all finite. */
  public Tolerance {
    checkArgument(step > 0 && step < 1, "Tolerance: step must be in (0, 1), got %s", step);
    checkArgument(relative >= 0 && absolute >= 0 && roundingUlps >= 0
            && Double.isFinite(relative) && Double.isFinite(absolute) && Double.isFinite(roundingUlps),
        "Tolerance: tolerances must be finite and >= 0, got relative %s, absolute %s, roundingUlps %s",
        relative, absolute, roundingUlps);
  }

  /** The defaults for {@code double} evaluation: step 1e-5, relative 1e-5, absolute 1e-8, 1000 ulps. */
  public static Tolerance defaults() {
    return DEFAULTS;
  }

  /** This tolerance with another step. */
  public Tolerance withStep(double h) {
    return new Tolerance(h, relative, absolute, roundingUlps);
  }

  /** This tolerance with another relative tolerance. */
  public Tolerance withRelative(double rel) {
    return new Tolerance(step, rel, absolute, roundingUlps);
  }

  /** This tolerance with another absolute tolerance. */
  public Tolerance withAbsolute(double abs) {
    return new Tolerance(step, relative, abs, roundingUlps);
  }

  /** The step used at {@code x}: {@code step · max(1, |x|)}. */
  public double stepAt(double x) {
    return step * Math.max(1, Math.abs(x));
  }

  /**
   * The largest allowed {@code |a − n|} for an analytic value {@code a}, a numeric {@code n} computed
   * with step {@code h} from function values of magnitude up to {@code valueMagnitude}, where
   * {@code scale} is the magnitude the relative tolerance applies to (usually {@code max(|a|, |n|)}).
   * The assertions add the measured truncation term to this.
   */
  public double allowed(double scale, double valueMagnitude, double h) {
    return absolute + relative * scale + roundingUlps * Math.ulp(valueMagnitude) / h;
  }

  /** A one-line description for failure messages. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "central differences, h = %.0e·max(1, |x|); rel %.0e, abs %.0e, rounding %.0f ulps",
        step, relative, absolute, roundingUlps);
  }
}
