package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;

import dev.nabla.autodiff.kernel.ReduceKernels;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
    Shape in = x.shape();
    int[] sorted = axes.length == 0 ? allAxes(in.rank()) : Arrays.stream(axes).map(in::normalizeAxis).sorted().toArray();
    for (int i = 1; i < sorted.length; i++) {
      checkArgument(sorted[i] != sorted[i - 1], "%s: axis %s is given twice for %s", name(op), sorted[i], in);
    }
    checkArgument(op != ReduceOp.ARGMAX || sorted.length == 1, "argmax: reduces along exactly one axis, got %s for %s",
        Arrays.toString(axes), in);
    if (sorted.length == 0) {
      return x; // a scalar: nothing to reduce
    }
    Reduce node = new Reduce(op, x, sorted, keepDims, reducedShape(in, sorted, keepDims));
    return x instanceof Constant c ? Constant.of(node.evaluate(List.of(c.value()))) : node;
  }

  private static String name(ReduceOp op) {
    return op.name().toLowerCase(Locale.ROOT);
  }

  /** {@code [0, 1, …, rank − 1]}: every axis of a shape of that rank. */
  public static int[] allAxes(int rank) {
    int[] all = new int[rank];
    Arrays.setAll(all, i -> i);
    return all;
  }

  /** The shape of {@code in} reduced over sorted {@code axes}. */
  public static Shape reducedShape(Shape in, int[] axes, boolean keepDims) {
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
    java.util.Arrays.fill(out, 0.0);
    ReduceKernels.reduce(op.kernel(), in.get(0), axes, out);
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    Expr x = inputs().get(0);
    Shape keep = reducedShape(x.shape(), axes, true);
    Expr gKeep = Reshape.of(g, keep);
    return switch (op) {
      case SUM -> List.of(Optional.of(Expand.of(gKeep, x)));
      case MAX -> {
        Expr mask = Binary.of(BinaryOp.EQ, x, Reshape.of(this, keep));
        Expr ties = of(ReduceOp.SUM, mask, true, axes);
        yield List.of(Optional.of(gKeep.div(ties).mul(mask)));
      }
      case ARGMAX -> List.of(Optional.empty());
    };
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

  @Override
  public String render(Notation n) {
    String axesText = reducesAll() ? "" : ", axis=" + (axes.length == 1 ? Integer.toString(axes[0]) : Arrays.toString(axes));
    if (!n.latex()) {
      return name(op) + "(" + n.arg(0) + axesText + ")";
    }
    Expr x = inputs().get(0);
    String sub = reducesAll() ? "" : "_{" + (axes.length == 1 && axes[0] == 0 ? "x" : Arrays.toString(axes)) + "}";
    return switch (op) {
      case SUM -> x instanceof Power p && p.exponent() == 2
          ? "\\sum" + sub + "\\left\\|" + n.expr(p.inputs().get(0), 0) + "\\right\\|^{2}"
          : "\\sum" + sub + " " + n.arg(0, Notation.POSTFIX);
      case MAX -> "\\max" + sub + "\\left(" + n.arg(0) + "\\right)";
      case ARGMAX -> "\\operatorname{argmax}" + sub + "\\left(" + n.arg(0) + "\\right)";
    };
  }
}
