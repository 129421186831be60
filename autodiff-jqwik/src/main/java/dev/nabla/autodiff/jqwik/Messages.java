package dev.nabla.autodiff.jqwik;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Locale;
import java.util.Map;

/** Formatting for failure messages: indices, numbers and a summary of the bindings. */
final class Messages {
  private static final int SHOW_ALL_UP_TO = 24;

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
}
