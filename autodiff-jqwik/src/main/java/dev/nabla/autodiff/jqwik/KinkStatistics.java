package dev.nabla.autodiff.jqwik;

import net.jqwik.api.JqwikException;
import net.jqwik.api.statistics.Statistics;

/**
 * Records in jqwik's statistics when a gradient assertion skipped components or directions because
 * their finite-difference stencil crossed a kink. jqwik prints the counts after the property, under the
 * label {@code "<check>: kinks within the finite-difference step"}; nothing is recorded for a check
 * that skipped nothing, nor outside a jqwik property (in a plain JUnit test).
 */
final class KinkStatistics {
  private KinkStatistics() {}

  /** Records that {@code check} skipped {@code skipped} of its {@code total} {@code unit}s (components, directions). */
  static void record(String check, String unit, int skipped, int total) {
    if (skipped == 0) {
      return;
    }
    try {
      Statistics.label(check + ": kinks within the finite-difference step")
          .collect(skipped == total ? "every " + unit + " skipped" : "some " + unit + "s skipped");
    } catch (JqwikException outsideAProperty) {
      // not inside a jqwik property: there are no statistics to add to
    }
  }
}
