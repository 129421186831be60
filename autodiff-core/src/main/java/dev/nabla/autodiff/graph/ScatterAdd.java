package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The transpose of {@link Gather}: zeros with an axis of {@code size}, to which each element of
 * {@code g} is added at the position its index names along that axis (entries sharing a position add
 * up). {@code g} and the indices have one shape; the result has it with the axis set (or, for indices
 * without the axis, inserted) to {@code size}. Linear in {@code g}; its VJP is the gather. The indices
 * get no gradient.
 */
public final class ScatterAdd extends Expr {
  private final int axis;
  private final int size;
  private final boolean keepsAxis;

  private ScatterAdd(Expr g, Expr indices, int axis, int size, boolean keepsAxis, Shape shape) {
    super(shape, List.of(g, indices));
    this.axis = axis;
    this.size = size;
    this.keepsAxis = keepsAxis;
  }

  /**
   * {@code g} added into zeros at {@code indices} along {@code axis} of length {@code size}. The indices
   * have {@code g}'s shape; {@code keepsAxis} says whether they have the result's rank (the axis is then
   * set to {@code size}) or one less (the axis is inserted).
   */
  public static Expr of(Expr g, int axis, Expr indices, int size, boolean keepsAxis) {
    checkNotNull(g, "scatterAdd: g is null");
    checkNotNull(indices, "scatterAdd: indices is null");
    checkArgument(size > 0, "scatterAdd: size %s must be positive", size);
    checkArgument(g.shape().equals(indices.shape()), "scatterAdd: values %s and indices %s differ in shape", g.shape(),
        indices.shape());
    Shape s = indices.shape();
    checkArgument(axis >= 0 && (keepsAxis ? axis < s.rank() : axis <= s.rank()),
        "scatterAdd: axis %s is out of range for indices %s", axis, s);
    return new ScatterAdd(g, indices, axis, size, keepsAxis, keepsAxis ? s.withDim(axis, size) : s.withAxis(axis, size));
  }

  /** The axis added into. */
  public int axis() {
    return axis;
  }

  /** The length of that axis in the result. */
  public int size() {
    return size;
  }

  /** True when the indices have the result's rank; false when the axis is inserted. */
  public boolean keepsAxis() {
    return keepsAxis;
  }

  @Override
  public String opName() {
    return "scatterAdd[axis " + axis + " of " + size + "]";
  }

  @Override
  public Shape concreteShape(List<Shape> in) {
    checkArgument(in.get(0).equals(in.get(1)), "scatterAdd: values %s and indices %s differ in shape", in.get(0), in.get(1));
    return keepsAxis ? in.get(1).withDim(axis, size) : in.get(1).withAxis(axis, size);
  }

  @Override
  public void computeInto(List<Tensor> in, double[] out) {
    Shape indexShape = in.get(1).shape();
    double[] idx = in.get(1).rawData();
    double[] g = in.get(0).rawData();
    int inner = Gather.innerSize(indexShape, keepsAxis ? axis : axis - 1);
    int k = keepsAxis ? indexShape.dim(axis) : 1;
    int outer = g.length / (k * inner);
    Arrays.fill(out, 0.0);
    for (int o = 0, p = 0; o < outer; o++) {
      for (int j = 0; j < k; j++) {
        for (int i = 0; i < inner; i++, p++) {
          out[(o * size + Gather.position("scatterAdd", idx, p, size, indexShape)) * inner + i] += g[p];
        }
      }
    }
  }

  @Override
  public List<Optional<Expr>> vjp(Expr dy) {
    return List.of(Optional.of(Gather.of(dy, axis, inputs().get(1))), Optional.empty());
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    return of(newInputs.get(0), axis, newInputs.get(1), size, keepsAxis);
  }

  @Override
  public Object parameters() {
    return List.of(axis, size, keepsAxis);
  }

  @Override
  public int precedence() {
    return Notation.ATOM;
  }

  /** {@code scatterAdd(g, labels, axis=1, size=10)}; the axis is left out for a vector result. */
  @Override
  public String render(Notation n) {
    String axisText = shape().rank() > 1 ? axis + "" : null;
    if (!n.latex()) {
      return "scatterAdd(" + n.arg(0) + ", " + n.arg(1) + (axisText != null ? ", axis=" + axisText : "") + ", size=" + size
          + ")";
    }
    return "\\operatorname{scatterAdd}" + (axisText != null ? "_{\\text{axis }" + axisText + "}" : "") + "\\left("
        + n.arg(0) + ", " + n.arg(1) + ";\\ " + size + "\\right)";
  }
}
