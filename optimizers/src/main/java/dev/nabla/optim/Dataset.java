package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;

/**
 * A labelled dataset for {@link MiniBatchGradientDescent}: row {@code i} of {@code inputs} is an
 * example and row {@code i} of {@code targets} its label. The leading dimension is the example index
 * (both tensors have the same {@code N}); the rest is the shape of one row, so {@code inputs} is
 * typically {@code [N, d_in]} and {@code targets} {@code [N, d_out]}. Values must be finite: a NaN in
 * the data would otherwise be reported as divergence.
 *
 * <pre>{@code
 * Dataset data = Dataset.of(new double[][] {{0, 1}, {1, 1}}, new double[][] {{1}, {3}});
 * data.size();            // 2
 * data.slice(0, 1);       // the first example only
 * }</pre>
 *
 * @param inputs {@code [N, …]}, one example per row
 * @param targets {@code [N, …]}, one target per row
 */
public record Dataset(Tensor inputs, Tensor targets) {

  /** Checks the shapes agree on {@code N ≥ 1} and that every value is finite. */
  public Dataset {
    checkNotNull(inputs, "dataset inputs");
    checkNotNull(targets, "dataset targets");
    checkArgument(inputs.shape().rank() >= 1 && targets.shape().rank() >= 1,
        "dataset inputs %s and targets %s need a leading example dimension", inputs.shape(), targets.shape());
    checkArgument(inputs.shape().dim(0) == targets.shape().dim(0),
        "dataset has %s input rows %s but %s target rows %s", inputs.shape().dim(0), inputs.shape(),
        targets.shape().dim(0), targets.shape());
    checkArgument(inputs.isFinite(), "dataset inputs %s contain NaN or infinity", inputs.shape());
    checkArgument(targets.isFinite(), "dataset targets %s contain NaN or infinity", targets.shape());
  }

  /** A dataset of {@code [N, d_in]} inputs and {@code [N, d_out]} targets given as rows. */
  public static Dataset of(double[][] inputs, double[][] targets) {
    return new Dataset(Tensor.of(inputs), Tensor.of(targets));
  }

  /** N, the number of examples. */
  public int size() {
    return inputs.shape().dim(0);
  }

  /** The number of values in one input row ({@code d_in} for {@code [N, d_in]}). */
  public int inputRowSize() {
    return inputs.size() / size();
  }

  /** The number of values in one target row. */
  public int targetRowSize() {
    return targets.size() / size();
  }

  /** The examples {@code from} (inclusive) to {@code to} (exclusive), copied. */
  public Dataset slice(int from, int to) {
    checkArgument(0 <= from && from < to && to <= size(),
        "slice [%s, %s) is not a non-empty range within the %s examples", from, to, size());
    return new Dataset(rows(inputs, from, to), rows(targets, from, to));
  }

  private static Tensor rows(Tensor t, int from, int to) {
    int row = t.size() / t.shape().dim(0);
    double[] data = Arrays.copyOfRange(t.rawData(), from * row, to * row);
    Shape shape = t.shape().withDim(0, to - from);
    return Tensor.wrap(shape, data);
  }
}
