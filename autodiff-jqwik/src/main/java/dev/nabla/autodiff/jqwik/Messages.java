package dev.nabla.autodiff.jqwik;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Locale;
import java.util.Map;

/** Formatting for failure messages: indices, numbers, a summary of the bindings, a note on shrinking. */
final class Messages {
  private static final int SHOW_ALL_UP_TO = 24;
  /** jqwik's default bound on the time spent shrinking ({@code jqwik.shrinking.bounded.seconds}). */
  private static final double SHRINKING_BOUND_SECONDS = 10;

  private Messages() {}

  /** {@code [1, 2]} for a flat index into {@code shape}; empty for a scalar. */
  static String index(Shape shape, int flat) {
    if (shape.isScalar()) {
      return "";
    }
    int[] idx = new int[shape.rank()];
    int rest = flat;
    for (int i = shape.rank() - 1; i >= 0; i--) {
      idx[i] = rest % shape.dim(i);
      rest /= shape.dim(i);
    }
    return java.util.Arrays.toString(idx);
  }

  /** A number with ten significant digits. */
  static String num(double v) {
    return String.format(Locale.ROOT, "%.10g", v);
  }

  /** A number with six significant digits. */
  static String short6(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  /** A number with three significant digits. */
  static String brief(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /**
   * One line per variable: name, shape and values (all of them up to 24 elements; else min, max, mean
   * and the printed edges).
   */
  static String bindings(Bindings at) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<Variable, Tensor> e : at.asMap().entrySet()) {
      Tensor t = e.getValue();
      sb.append(String.format("%n    %s %s", e.getKey().name(), t.shape()));
      if (t.size() <= SHOW_ALL_UP_TO) {
        sb.append(" = ").append(t.toString().replaceAll("\n\\s*", " "));
      } else {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double v : t.rawData()) {
          min = Math.min(min, v);
          max = Math.max(max, v);
          sum += v;
        }
        sb.append(String.format(Locale.ROOT, ": min %s, max %s, mean %s", brief(min), brief(max), brief(sum / t.size())));
        sb.append(String.format("%n      %s", t.toString().replace("\n", "\n      ")));
      }
    }
    return sb.toString();
  }

  /**
   * When a sample is too large for jqwik to shrink within its time bound, a line that says so: shrinking
   * tries at least one change per value, each a check taking about {@code checkNanos}. Empty otherwise.
   */
  static String shrinkingNote(Bindings at, long checkNanos) {
    long values = at.asMap().values().stream().mapToLong(Tensor::size).sum();
    double seconds = values * (checkNanos / 1e9);
    if (seconds <= SHRINKING_BOUND_SECONDS) {
      return "";
    }
    return String.format(Locale.ROOT, "%n  shrinking: jqwik needs at least one check per value to shrink this sample "
        + "(%d values x %s ms = %s), past its time bound (%.0f s unless configured), so it will be cut off: the sample "
        + "it reports as shrunk may be barely changed from the original. Trust the component named above; "
        + "@Property(shrinking = ShrinkingMode.OFF) saves the wait.", values, brief(checkNanos / 1e6),
        duration(seconds), SHRINKING_BOUND_SECONDS);
  }

  private static String duration(double seconds) {
    return seconds < 120 ? String.format(Locale.ROOT, "%.0f s", seconds)
        : seconds < 7200 ? String.format(Locale.ROOT, "%.0f min", seconds / 60)
        : String.format(Locale.ROOT, "%.0f h", seconds / 3600);
  }
}
