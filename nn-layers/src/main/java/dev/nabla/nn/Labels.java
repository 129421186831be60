package dev.nabla.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;

/**
 * Conversions between class labels and the vectors a network outputs: one-hot targets
 * {@code y(x) = (0, …, 1, …, 0)ᵀ} as in the seeds, and the arg-max class of each output row.
 *
 * <pre>{@code
 * Tensor y = Labels.oneHot(new int[] {5, 0, 4}, 10);   // [3, 10], a 1 at columns 5, 0, 4
 * int[] classes = Labels.argMax(y);                    // {5, 0, 4}
 * }</pre>
 */
public final class Labels {
  private Labels() {}

  /**
   * One row per label, with 1 in the label's column and 0 elsewhere: shape {@code [n, classes]}.
   *
   * <pre>{@code
   * Labels.oneHot(new int[] {2}, 4);   // [[0, 0, 1, 0]]
   * }</pre>
   *
   * @throws IllegalArgumentException when a label is outside {@code [0, classes)} or there are none
   */
  public static Tensor oneHot(int[] labels, int classes) {
    checkNotNull(labels, "oneHot: labels");
    checkArgument(labels.length > 0, "oneHot: no labels given");
    checkArgument(classes > 0, "oneHot: the number of classes must be positive, got %s", classes);
    double[] data = new double[Math.multiplyExact(labels.length, classes)];
    for (int i = 0; i < labels.length; i++) {
      checkArgument(labels[i] >= 0 && labels[i] < classes,
          "oneHot: label %s at index %s is outside [0, %s)", labels[i], i, classes);
      data[i * classes + labels[i]] = 1;
    }
    return Tensor.wrap(Shape.of(labels.length, classes), data);
  }

  /**
   * The one-hot vector of one label: shape {@code [classes]}.
   *
   * <pre>{@code
   * Labels.oneHot(3, 10);   // the seeds' y(x) for a "3": [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]
   * }</pre>
   */
  public static Tensor oneHot(int label, int classes) {
    return oneHot(new int[] {label}, classes).reshape(Shape.of(classes));
  }

  /**
   * The column of the largest entry of each row of a {@code [n, classes]} tensor (the first on ties);
   * for a vector, a single index.
   *
   * <pre>{@code
   * Labels.argMax(Tensor.of(new double[][] {{0.1, 0.7, 0.2}}));   // {1}
   * }</pre>
   */
  public static int[] argMax(Tensor outputs) {
    checkNotNull(outputs, "argMax: outputs");
    Shape s = outputs.shape();
    checkArgument(s.rank() == 1 || s.rank() == 2, "argMax: expected [n, classes] or [classes], got %s", s);
    int rows = s.rank() == 2 ? s.dim(0) : 1;
    int cols = s.dim(-1);
    double[] d = outputs.rawData();
    int[] result = new int[rows];
    for (int i = 0; i < rows; i++) {
      int best = 0;
      int off = i * cols;
      for (int j = 1; j < cols; j++) {
        if (d[off + j] > d[off + best]) {
          best = j;
        }
      }
      result[i] = best;
    }
    return result;
  }
}
