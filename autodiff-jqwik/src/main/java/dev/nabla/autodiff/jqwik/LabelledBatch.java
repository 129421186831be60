package dev.nabla.autodiff.jqwik;

import static com.google.common.base.Preconditions.checkArgument;

import dev.nabla.autodiff.tensor.Tensor;

/**
 * A batch of inputs {@code [n, features]} with one-hot targets {@code [n, classes]}, rows matching, as
 * drawn by {@link Tensors#labelledBatches}.
 *
 * <pre>{@code
 * LabelledBatch b = ...;
 * Bindings at = Bindings.of(x, b.inputs(), y, b.targets(), w, w0);
 * }</pre>
 *
 * @param inputs the inputs, one row per example
 * @param targets the one-hot targets, one row per example
 */
public record LabelledBatch(Tensor inputs, Tensor targets) {
  /** Checks that both are matrices with the same number of rows and that the targets are one-hot. */
  public LabelledBatch {
    checkArgument(inputs.shape().rank() == 2 && targets.shape().rank() == 2 && inputs.shape().dim(0) == targets.shape().dim(0),
        "LabelledBatch: inputs %s and targets %s must be matrices with the same number of rows", inputs.shape(),
        targets.shape());
    for (int r = 0; r < targets.shape().dim(0); r++) {
      int ones = 0;
      for (int c = 0; c < targets.shape().dim(1); c++) {
        double t = targets.get(r, c);
        checkArgument(t == 0 || t == 1, "LabelledBatch: target [%s, %s] is %s, not 0 or 1", r, c, t);
        ones += (int) t;
      }
      checkArgument(ones == 1, "LabelledBatch: target row %s has %s ones, not exactly one", r, ones);
    }
  }

  /** The number of examples. */
  public int size() {
    return inputs.shape().dim(0);
  }

  /** The class of example {@code row}: the index of the 1 in its target row. */
  public int label(int row) {
    for (int c = 0; c < targets.shape().dim(1); c++) {
      if (targets.get(row, c) == 1) {
        return c;
      }
    }
    throw new IllegalStateException("target row " + row + " has no 1"); // excluded by the constructor
  }
}
