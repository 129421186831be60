package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * Take-along-axis: the elements of {@code x} along {@code axis} at the positions held in an integer
 * index tensor, such as the labels of a batch. The indices have either {@code x}'s shape without the
 * axis (one element picked from each fibre: {@code gather(logp, 1, labels)} of {@code [n, 10]} and
 * {@code [n]} is {@code [n]}, {@code logp[i, labels[i]]}), or {@code x}'s rank with any size along the
 * axis (NumPy's {@code take_along_axis}). The result has the indices' shape. Indices are doubles holding
 * integers in {@code [-size, size)}; negative ones count from the end. An index that is not an integer
 * or out of range fails when the graph is evaluated, naming the index, its position and the axis.
 *
 * <p>Linear in {@code x}; its transpose is {@link ScatterAdd}, which adds the adjoint back at the
 * indexed positions (no dense one-hot matrix). The indices get no gradient.
 */
public final class Gather extends Expr {
  private final int axis;
  private final boolean keepsAxis;

  private Gather(Expr x, Expr indices, int axis, boolean keepsAxis) {
    super(indices.shape(), List.of(x, indices));
    this.axis = axis;
    this.keepsAxis = keepsAxis;
  }

  /** The elements of {@code x} along {@code axis} at {@code indices} (see the class comment). */
  public static Expr of(Expr x, int axis, Expr indices) {
    checkNotNull(x, "gather: x is null");
    checkNotNull(indices, "gather: indices is null");
    int a = Expr.axis("gather", x.shape(), axis);
    checkArgument(x.shape().dim(a) != Shape.ANY, "gather: axis %s of x %s is open; gather along a fixed axis", a,
        x.shape());
    boolean keeps = checkIndexShape("gather", x.shape(), a, indices.shape());
    return new Gather(x, indices, a, keeps);
  }

  /**
   * Checks that {@code indices} fits {@code x} along {@code axis}; returns whether it keeps the axis
   * (same rank) rather than dropping it.
   */
  static boolean checkIndexShape(String op, Shape x, int axis, Shape indices) {
    boolean keeps = indices.rank() == x.rank();
    Shape expected = keeps ? indices.withDim(axis, x.dim(axis))
        : indices.rank() == x.rank() - 1 ? indices.withAxis(axis, x.dim(axis)) : null;
    checkArgument(expected != null && expected.equals(x),
        "%s: indices %s do not fit x %s along axis %s: they must have the shape %s (one index per row), or x's rank "
            + "with any size along axis %s", op, indices, x, axis, x.withoutAxis(axis), axis);
    return keeps;
  }

  /** The axis indexed. */
  public int axis() {
    return axis;
  }

  /** True when the indices have {@code x}'s rank; false when they lack the axis (one index per fibre). */
  public boolean keepsAxis() {
    return keepsAxis;
  }

  @Override
  public String opName() {
    return "gather[axis " + axis + "]";
  }

  @Override
  public Shape concreteShape(List<Shape> in) {
    checkIndexShape("gather", in.get(0), axis, in.get(1));
    return in.get(1);
  }

  @Override
  public void computeInto(List<Tensor> in, double[] out) {
    Tensor x = in.get(0);
    Shape indexShape = in.get(1).shape();
    double[] idx = in.get(1).rawData();
    double[] src = x.rawData();
    int n = x.shape().dim(axis);
    int inner = innerSize(x.shape(), axis);
    int k = keepsAxis ? indexShape.dim(axis) : 1;
    int outer = out.length / (k * inner);
    for (int o = 0, p = 0; o < outer; o++) {
      for (int j = 0; j < k; j++) {
        for (int i = 0; i < inner; i++, p++) {
          out[p] = src[(o * n + position("gather", idx, p, n, indexShape)) * inner + i];
        }
      }
    }
  }

  /** The product of the dimensions after {@code axis}. */
  static int innerSize(Shape s, int axis) {
    int inner = 1;
    for (int i = axis + 1; i < s.rank(); i++) {
      inner *= s.dim(i);
    }
    return inner;
  }

  /** Index {@code p} of {@code idx} as a position in {@code [0, n)}, or an error naming it. */
  static int position(String op, double[] idx, int p, int n, Shape indexShape) {
    double v = idx[p];
    int i = (int) v;
    if (i != v || i < -n || i >= n) {
      throw new IllegalArgumentException(String.format("%s: index %s at %s of the indices %s is %s for an axis of size %s",
          op, Numbers.text(v), java.util.Arrays.toString(indexShape.multiIndex(p)), indexShape,
          i != v ? "not an integer" : "out of range", n));
    }
    return i < 0 ? i + n : i;
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    Expr x = inputs().get(0);
    return List.of(Optional.of(ScatterAdd.of(g, axis, inputs().get(1), x.shape().dim(axis), keepsAxis)), Optional.empty());
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    return of(newInputs.get(0), axis, newInputs.get(1));
  }

  @Override
  public Object parameters() {
    return List.of(axis, keepsAxis);
  }

  @Override
  public int precedence() {
    return Notation.ATOM;
  }

  /** {@code gather(x, labels, axis=1)}; the axis is left out for a vector. */
  @Override
  public String render(Notation n) {
    String axisText = inputs().get(0).shape().rank() > 1 ? axis + "" : null;
    if (!n.latex()) {
      return "gather(" + n.arg(0) + ", " + n.arg(1) + (axisText != null ? ", axis=" + axisText : "") + ")";
    }
    return "\\operatorname{gather}" + (axisText != null ? "_{\\text{axis }" + axisText + "}" : "") + "\\left(" + n.arg(0)
        + ", " + n.arg(1) + "\\right)";
  }
}
