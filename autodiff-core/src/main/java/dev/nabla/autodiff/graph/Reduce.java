package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A reduction ({@link ReduceOp}) of {@code x} over a set of axes, which are removed from the shape or,
 * with {@code keepDims}, kept with size 1.
 */
public final class Reduce extends Expr {
  private final ReduceOp op;
  private final int[] axes;
  private final boolean keepDims;

  private Reduce(ReduceOp op, Expr x, int[] axes, boolean keepDims, Shape shape) {
    super(shape, List.of(x));
    this.op = op;
    this.axes = axes;
    this.keepDims = keepDims;
  }

  /** {@code op} of {@code x} over {@code axes} (negative axes count from the end; none means all). */
  public static Expr of(ReduceOp op, Expr x, boolean keepDims, int... axes) {
    checkNotNull(op, "reduce: op is null");
    checkNotNull(x, "%s: x is null", op.text());
    checkNotNull(axes, "%s: axes is null", op.text());
    Shape in = x.shape();
    int[] sorted = axes.length == 0 ? allAxes(in.rank()) : Arrays.stream(axes).map(a -> Expr.axis(name(op), in, a)).sorted().toArray();
    for (int i = 1; i < sorted.length; i++) {
      checkArgument(sorted[i] != sorted[i - 1], "%s: axis %s is given twice for %s", name(op), sorted[i], in);
    }
    checkArgument(!op.alongOneAxis() || sorted.length == 1, "%s: reduces along exactly one axis, got %s for %s",
        name(op), Arrays.toString(axes), in);
    if (sorted.length == 0) {
      return x; // a scalar: nothing to reduce
    }
    Reduce node = new Reduce(op, x, sorted, keepDims, reducedShape(in, sorted, keepDims));
    return x instanceof Constant c && c.foldable() ? Constant.of(node.evaluate(List.of(c.value()))) : node;
  }

  private static String name(ReduceOp op) {
    return op.text();
  }

  /** {@code [0, 1, …, rank − 1]}: every axis of a shape of that rank. */
  public static int[] allAxes(int rank) {
    checkArgument(rank >= 0, "allAxes: rank %s is negative", rank);
    int[] all = new int[rank];
    Arrays.setAll(all, i -> i);
    return all;
  }

  /** The shape of {@code in} reduced over sorted {@code axes}. */
  public static Shape reducedShape(Shape in, int[] axes, boolean keepDims) {
    checkNotNull(in, "reducedShape: in is null");
    checkNotNull(axes, "reducedShape: axes is null");
    int[] dims = in.dims();
    int kept = 0;
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      boolean reduced = Arrays.binarySearch(axes, i) >= 0;
      if (keepDims) {
        out[kept++] = reduced ? 1 : dims[i];
      } else if (!reduced) {
        out[kept++] = dims[i];
      }
    }
    return Shape.of(Arrays.copyOf(out, kept));
  }

  /** The reduction. */
  public ReduceOp op() {
    return op;
  }

  /** The reduced axes, ascending. */
  public int[] axes() {
    return axes.clone();
  }

  /** Whether reduced axes stay with size 1. */
  public boolean keepDims() {
    return keepDims;
  }

  /** True when every axis of the input is reduced. */
  public boolean reducesAll() {
    return axes.length == inputs().get(0).shape().rank();
  }

  @Override
  public String opName() {
    return name(op) + Arrays.toString(axes) + (keepDims ? "[keepDims]" : "");
  }

  @Override
  public Shape concreteShape(List<Shape> in) {
    return reducedShape(in.get(0), axes, keepDims);
  }

  @Override
  public void computeInto(List<Tensor> in, double[] out) {
    op.computeInto(in.get(0), axes, out);
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    // a scalar adjoint of a full reduction broadcasts as it is; others get the reduced axes back, of size 1
    Expr gKeep = g.shape().isScalar() ? g : Reshape.of(g, reducedShape(inputs().get(0).shape(), axes, true));
    return List.of(op.vjp(this, gKeep));
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    return of(op, newInputs.get(0), keepDims, axes);
  }

  @Override
  public Object parameters() {
    return List.of(op, Arrays.stream(axes).boxed().toList(), keepDims);
  }

  @Override
  public int precedence() {
    return Notation.ATOM;
  }

  /** A sum is the big operator {@code \sum x}, which extends to the right; the others are delimited. */
  @Override
  public int latexPrecedence() {
    return op == ReduceOp.SUM ? Notation.ADDITIVE : Notation.ATOM;
  }

  /**
   * Text: {@code sum(x)}, {@code max(x, axis=1)}, {@code sum(x, axis=0, keepDims)}. LaTeX: a sum over
   * everything is {@code \sum x} (of squares, {@code \sum\left\|v\right\|^{2}}), over an open batch axis
   * {@code \sum_{x}}, over other axes {@code \sum_{\text{axis }1}}.
   */
  @Override
  public String render(Notation n) {
    if (!n.latex()) {
      String axesText = reducesAll() ? "" : ", axis=" + (axes.length == 1 ? Integer.toString(axes[0]) : Arrays.toString(axes));
      return name(op) + "(" + n.arg(0) + axesText + (keepDims ? ", keepDims" : "") + ")";
    }
    return op.latex(this, n, latexAxes());
  }

  private String latexAxes() {
    Shape in = inputs().get(0).shape();
    if (reducesAll()) {
      return "";
    }
    if (axes.length == 1 && axes[0] == 0 && in.dim(0) == Shape.ANY) {
      return "_{x}"; // the seeds' sum over the training inputs
    }
    String list = Arrays.stream(axes).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(", "));
    return "_{\\text{" + (axes.length == 1 ? "axis " : "axes ") + "}" + list + "}";
  }
}
