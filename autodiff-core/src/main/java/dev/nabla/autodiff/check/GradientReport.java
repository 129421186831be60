package dev.nabla.autodiff.check;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Shape;
import java.util.Arrays;
import java.util.Locale;

/**
 * The outcome of a {@link GradientCheck}: how many components were compared, the largest absolute and
 * relative errors, and the worst component (the one furthest beyond its tolerance).
 */
public final class GradientReport {
  /**
   * One compared component: variable, its shape, the flat index, the analytic and numeric values, and
   * {@code excess} = error / allowed error (at most 1 when it passes).
   */
  public record Entry(String variable, Shape shape, int flatIndex, double analytic, double numeric, double excess) {
    /** The multi-index of this component within the variable. */
    public int[] index() {
      return shape.multiIndex(flatIndex);
    }
  }

  private final Expr cost;
  private final Bindings bindings;
  private final int checked;
  private final int nearZero;
  private final double maxAbsError;
  private final double maxRelError;
  private final Entry worst;
  private final double relTolerance;
  private final double absTolerance;

  GradientReport(Expr cost, Bindings bindings, int checked, int nearZero, double maxAbsError, double maxRelError, Entry worst,
      double relTolerance, double absTolerance) {
    this.cost = cost;
    this.bindings = bindings;
    this.checked = checked;
    this.nearZero = nearZero;
    this.maxAbsError = maxAbsError;
    this.maxRelError = maxRelError;
    this.worst = worst;
    this.relTolerance = relTolerance;
    this.absTolerance = absTolerance;
  }

  /** True when every component is within tolerance (vacuously true when nothing was compared). */
  public boolean passed() {
    return worst == null || worst.excess() <= 1;
  }

  /** The number of components compared. */
  public int checked() {
    return checked;
  }

  /**
   * How many components were near 0 (their allowed error set by the absolute tolerance) and so compared
   * by absolute error alone; {@link #maxRelError} leaves them out.
   */
  public int nearZero() {
    return nearZero;
  }

  /** The largest {@code |analytic − numeric|}. */
  public double maxAbsError() {
    return maxAbsError;
  }

  /** The largest {@code |analytic − numeric| / max(|analytic|, |numeric|)} over the components not near 0. */
  public double maxRelError() {
    return maxRelError;
  }

  /** The component furthest beyond (or closest to) its tolerance; null when nothing was compared. */
  public Entry worst() {
    return worst;
  }

  /**
   * Throws an {@link AssertionError} describing the worst component, the cost and the bindings when
   * the check failed.
   */
  public GradientReport assertPassed() {
    if (!passed()) {
      throw new AssertionError(toString());
    }
    return this;
  }

  @Override
  public String toString() {
    String rel = nearZero == checked ? "" : String.format(Locale.ROOT, ", max rel error %.3g", maxRelError);
    String zeros = nearZero == 0 ? "" : String.format(Locale.ROOT, " (%s%d near 0, compared by absolute error)",
        nearZero == checked ? "all " : "", nearZero);
    String head = String.format(Locale.ROOT, "gradient check %s: %d components, max abs error %.3g%s%s",
        passed() ? "passed" : "FAILED", checked, maxAbsError, rel, zeros);
    if (worst == null) {
      return head;
    }
    return head + String.format(Locale.ROOT,
        "%n  worst: d cost / d %s%s = %.10g analytic vs %.10g numeric (%.3g x the allowed error; tolerance rel %.1g, abs %.1g)"
            + "%n  cost: %s%n  bindings: %s",
        worst.variable(), Arrays.toString(worst.index()), worst.analytic(), worst.numeric(), worst.excess(),
        relTolerance, absTolerance, cost, bindings);
  }
}
