package dev.nabla.autodiff.tensor;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * The dimensions of a tensor or expression, outermost first (row-major).
 *
 * <p>A shape of rank 0 is a scalar. An expression's shape may leave dimensions open ({@link #ANY},
 * printed {@code ?}): a variable of shape {@code [?, 784]} accepts a batch of 10 rows or of 10,000.
 * A {@link Tensor}'s shape is always concrete. Shapes are immutable values; two shapes are equal when
 * their dimensions are.
 *
 * <pre>{@code
 * Shape.of(784, 30)          // [784, 30]
 * Shape.batch(784)           // [?, 784]
 * Shape.scalar()             // []
 * }</pre>
 */
public final class Shape {
  /** An open dimension, fixed only when values are bound. */
  public static final int ANY = -1;

  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;

  private Shape(int[] dims) {
    this.dims = dims;
  }

  /** A shape with the given dimensions; each is positive or {@link #ANY}. */
  public static Shape of(int... dims) {
    checkNotNull(dims, "Shape.of: dims is null");
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] <= 0 && dims[i] != ANY) { // the message is built only here: shapes are made on hot paths
        throw new IllegalArgumentException(String.format(
            "shape %s: dimension %s is %s; dimensions must be positive (or Shape.ANY for an open one)",
            Arrays.toString(dims), i, dims[i]));
      }
    }
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  /** The rank-0 shape of a scalar. */
  public static Shape scalar() {
    return SCALAR;
  }

  /** A shape whose leading (batch) dimension is open: {@code batch(784)} is {@code [?, 784]}. */
  public static Shape batch(int... rest) {
    checkNotNull(rest, "Shape.batch: rest is null");
    int[] dims = new int[rest.length + 1];
    dims[0] = ANY;
    System.arraycopy(rest, 0, dims, 1, rest.length);
    return of(dims);
  }

  /** The number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** Dimension {@code axis}; negative axes count from the end ({@code -1} is the last). */
  public int dim(int axis) {
    return dims[normalizeAxis(axis)];
  }

  /** A copy of the dimensions. */
  public int[] dims() {
    return dims.clone();
  }

  /** True when no dimension is open. */
  public boolean isConcrete() {
    for (int d : dims) {
      if (d == ANY) {
        return false;
      }
    }
    return true;
  }

  /** True for rank 0. */
  public boolean isScalar() {
    return dims.length == 0;
  }

  /** The number of elements; the shape must be concrete. */
  public int size() {
    checkArgument(isConcrete(), "shape %s has open dimensions; its size is not known", this);
    long n = 1;
    for (int d : dims) {
      n *= d;
    }
    checkArgument(n <= Integer.MAX_VALUE, "shape %s has %s elements, more than an array can hold", this, n);
    return (int) n;
  }

  /** Row-major strides: the distance in elements between neighbours along each axis. */
  public int[] strides() {
    int[] strides = new int[dims.length];
    int s = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      strides[i] = s;
      s *= dims[i];
    }
    return strides;
  }

  /** The multi-index of row-major offset {@code flat} in this concrete shape: {@code [2, 3].multiIndex(4)} is {@code [1, 1]}. */
  public int[] multiIndex(int flat) {
    checkArgument(flat >= 0 && flat < size(), "multiIndex: offset %s is out of range for shape %s", flat, this);
    int[] idx = new int[dims.length];
    int rest = flat;
    for (int i = dims.length - 1; i >= 0; i--) {
      idx[i] = rest % dims[i];
      rest /= dims[i];
    }
    return idx;
  }

  /** Maps a possibly negative axis into {@code [0, rank)}, failing with the shape in the message. */
  public int normalizeAxis(int axis) {
    int a = axis < 0 ? axis + dims.length : axis;
    checkArgument(a >= 0 && a < dims.length, "axis %s is out of range for shape %s (rank %s)", axis, this, dims.length);
    return a;
  }

  /**
   * True when a concrete shape fits this (possibly open) shape: same rank, and equal dimensions
   * wherever this one is not open.
   */
  public boolean accepts(Shape concrete) {
    checkNotNull(concrete, "accepts: concrete is null");
    if (concrete.dims.length != dims.length) {
      return false;
    }
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] != ANY && dims[i] != concrete.dims[i]) {
        return false;
      }
    }
    return true;
  }

  /** This shape with one dimension replaced. */
  public Shape withDim(int axis, int size) {
    int[] d = dims.clone();
    d[normalizeAxis(axis)] = size;
    return of(d);
  }

  /** This shape without axis {@code axis}: {@code [2, 3, 4].withoutAxis(1)} is {@code [2, 4]}. */
  public Shape withoutAxis(int axis) {
    int a = normalizeAxis(axis);
    int[] d = new int[dims.length - 1];
    System.arraycopy(dims, 0, d, 0, a);
    System.arraycopy(dims, a + 1, d, a, dims.length - a - 1);
    return of(d);
  }

  /** This shape with a new axis of {@code size} inserted at {@code axis} (in {@code [0, rank]}): {@code [2, 4].withAxis(1, 3)} is {@code [2, 3, 4]}. */
  public Shape withAxis(int axis, int size) {
    checkArgument(axis >= 0 && axis <= dims.length, "withAxis: axis %s is out of range for inserting into %s", axis, this);
    int[] d = new int[dims.length + 1];
    System.arraycopy(dims, 0, d, 0, axis);
    d[axis] = size;
    System.arraycopy(dims, axis, d, axis + 1, dims.length - axis);
    return of(d);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** {@code [10, 784]}; open dimensions print as {@code ?}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(dims[i] == ANY ? "?" : Integer.toString(dims[i]));
    }
    return sb.append(']').toString();
  }
}
