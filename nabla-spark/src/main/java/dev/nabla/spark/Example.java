package dev.nabla.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One training example of a Spark RDD: its input row and its target row, flattened row-major. The
 * cost's input variable {@code x} of shape {@code [?, d…]} receives a batch of these inputs, one per
 * row (so {@code input.length} is the product of {@code d…}); the target variable {@code y} likewise.
 *
 * <pre>{@code
 * JavaRDD<Example> data = jsc.parallelize(List.of(Example.of(new double[] {0, 1}, new double[] {1})));
 * }</pre>
 */
public final class Example implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] input;
  private final double[] target;

  private Example(double[] input, double[] target) {
    this.input = input;
    this.target = target;
  }

  /**
   * An example holding copies of {@code input} and {@code target}.
   *
   * @throws IllegalArgumentException when either is empty
   */
  public static Example of(double[] input, double[] target) {
    checkNotNull(input, "example input");
    checkNotNull(target, "example target");
    checkArgument(input.length > 0 && target.length > 0, "an example needs a non-empty input and target, got %s and %s values",
        input.length, target.length);
    return new Example(input.clone(), target.clone());
  }

  /** An example that takes the arrays without copying them (for converters that made them). */
  static Example wrap(double[] input, double[] target) {
    return new Example(input, target);
  }

  /** A copy of the input row. */
  public double[] input() {
    return input.clone();
  }

  /** A copy of the target row. */
  public double[] target() {
    return target.clone();
  }

  double[] rawInput() {
    return input;
  }

  double[] rawTarget() {
    return target;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Example e && Arrays.equals(input, e.input) && Arrays.equals(target, e.target);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(input) + Arrays.hashCode(target);
  }

  @Override
  public String toString() {
    return "Example[" + input.length + " inputs, " + target.length + " targets]";
  }
}
