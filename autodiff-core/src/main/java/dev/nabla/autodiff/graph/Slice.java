package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * The elements {@code start, start + step, …} (below {@code stop}) of {@code x} along one axis, as
 * NumPy's {@code x[start:stop:step]}; or, as an index, the one element {@code x[i]} with that axis
 * removed. Negative positions count from the end; {@link #END} is the end. Bounds are checked, not
 * clamped: a position outside the axis, or a range that selects nothing, is an error naming the axis,
 * the shape and the position (when the axis is open, as soon as a value is bound).
 *
 * <p>Linear. Its transpose is {@link Pad}, which puts the adjoint back at the selected positions among
 * zeros (no dense one-hot matrix); the two are tested with the adjoint identity.
 *
 * <pre>{@code
 * v.slice(0, 1, Slice.END)    // v[1:]   prints as v[1:]
 * v.slice(0, 0, -1)           // v[:-1]
 * x.index(2)                  // x[2]
 * m.slice(1, 0, 4, 2)         // m[:, 0:4:2]
 * }</pre>
 */
public final class Slice extends Expr {
  /** As a stop: the end of the axis. */
  public static final int END = Integer.MAX_VALUE;

  private final int axis;
  private final int start;
  private final int stop;
  private final int step;
  private final boolean keepsAxis;

  private Slice(Expr x, int axis, int start, int stop, int step, boolean keepsAxis, Shape shape) {
    super(shape, List.of(x));
    this.axis = axis;
    this.start = start;
    this.stop = stop;
    this.step = step;
    this.keepsAxis = keepsAxis;
  }

  /** {@code x[start:stop:step]} along {@code axis}; {@code x} itself when that selects every element. */
  public static Expr of(Expr x, int axis, int start, int stop, int step) {
    checkNotNull(x, "slice: x is null");
    checkArgument(step > 0, "slice: step %s must be positive", step);
    int a = Expr.axis("slice", x.shape(), axis);
    int n = x.shape().dim(a);
    if (n == Shape.ANY) {
      if (start == 0 && stop == END && step == 1) {
        return x;
      }
      return build(x, a, start, stop, step, true, x.shape());
    }
    int from = resolvedStart("slice", x.shape(), a, start, stop, n, true);
    int length = resolvedLength("slice", x.shape(), a, start, stop, step, n, true);
    if (from == 0 && length == n && step == 1) {
      return x;
    }
    return build(x, a, start, stop, step, true, x.shape().withDim(a, length));
  }

  /** {@code x[i]} along {@code axis}: one element, the axis removed. */
  public static Expr index(Expr x, int axis, int i) {
    checkNotNull(x, "index: x is null");
    int a = Expr.axis("index", x.shape(), axis);
    int n = x.shape().dim(a);
    if (n != Shape.ANY) {
      resolvedStart("index", x.shape(), a, i, i + 1, n, false);
    }
    return build(x, a, i, i == -1 ? END : i + 1, 1, false, x.shape().withoutAxis(a));
  }

  private static Expr build(Expr x, int axis, int start, int stop, int step, boolean keep, Shape shape) {
    Slice node = new Slice(x, axis, start, stop, step, keep, shape);
    return x instanceof Constant c && c.foldable() ? Constant.of(node.evaluate(List.of(c.value()))) : node;
  }

  /**
   * The first selected position along an axis of size {@code n}, or an error naming it. Kernels call it
   * on every run, so its messages are formatted only on failure (no varargs array, no boxing).
   */
  static int resolvedStart(String op, Shape shape, int axis, int start, int stop, int n, boolean range) {
    int from = start < 0 ? start + n : start;
    if (from < 0 || from >= n) {
      throw new IllegalArgumentException(range
          ? String.format("%s: start %s is out of range for axis %s of %s; it must lie in [%s, %s)", op, start, axis, shape,
              -n, n)
          : String.format("index: %s is out of range for axis %s of %s; it must lie in [%s, %s)", start, axis, shape, -n, n));
    }
    return from;
  }

  /** How many positions {@code start:stop:step} selects along an axis of size {@code n}, or an error. */
  static int resolvedLength(String op, Shape shape, int axis, int start, int stop, int step, int n, boolean range) {
    int from = resolvedStart(op, shape, axis, start, stop, n, range);
    if (!range) {
      return 1;
    }
    int to = stop == END ? n : stop < 0 ? stop + n : stop;
    if (to < 0 || to > n) {
      throw new IllegalArgumentException(String.format(
          "%s: stop %s is out of range for axis %s of %s; it must lie in [%s, %s] or be END", op, stop, axis, shape, -n, n));
    }
    if (from >= to) {
      throw new IllegalArgumentException(String.format("%s: start %s and stop %s select nothing along axis %s of %s", op,
          start, stop, axis, shape));
    }
    return (to - from + step - 1) / step;
  }

  /** The axis sliced, in the input. */
  public int axis() {
    return axis;
  }

  /** The first position, as given (negative counts from the end). */
  public int start() {
    return start;
  }

  /** The position before which the slice ends, as given; {@link #END} for the end. */
  public int stop() {
    return stop;
  }

  /** The stride between selected positions. */
  public int step() {
    return step;
  }

  /** False for an index, which removes the axis. */
  public boolean keepsAxis() {
    return keepsAxis;
  }

  @Override
  public String opName() {
    return (keepsAxis ? "slice" : "index") + "[axis " + axis + ", " + spec() + "]";
  }

  @Override
  public Shape concreteShape(List<Shape> in) {
    Shape x = in.get(0);
    int n = x.dim(axis);
    int length = resolvedLength(keepsAxis ? "slice" : "index", x, axis, start, stop, step, n, keepsAxis);
    return keepsAxis ? x.withDim(axis, length) : x.withoutAxis(axis);
  }

  @Override
  public void computeInto(List<Tensor> in, double[] out) {
    Shape x = in.get(0).shape();
    int n = x.dim(axis);
    int from = resolvedStart("slice", x, axis, start, stop, n, keepsAxis);
    int inner = Gather.innerSize(x, axis);
    int outer = x.size() / (n * inner);
    copy(in.get(0).rawData(), out, outer, n, inner, from, out.length / (outer * inner), step, true);
  }

  /**
   * Copies between a whole array, {@code [outer, n, inner]} in row-major order, and the part at positions
   * {@code from, from + step, …} ({@code length} of them) along its middle axis: into the part when
   * {@code toPart}, else back into the whole. Allocates nothing.
   */
  static void copy(double[] whole, double[] part, int outer, int n, int inner, int from, int length, int step,
      boolean toPart) {
    for (int o = 0; o < outer; o++) {
      for (int k = 0; k < length; k++) {
        int w = (o * n + from + k * step) * inner;
        int p = (o * length + k) * inner;
        if (inner == 1) {
          if (toPart) {
            part[p] = whole[w];
          } else {
            whole[w] = part[p];
          }
        } else if (toPart) {
          System.arraycopy(whole, w, part, p, inner);
        } else {
          System.arraycopy(part, p, whole, w, inner);
        }
      }
    }
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    Expr x = inputs().get(0);
    Expr kept = keepsAxis ? g : Reshape.of(g, x.shape().withDim(axis, 1));
    return List.of(Optional.of(Pad.of(kept, axis, start, stop, step, x)));
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    return keepsAxis ? of(newInputs.get(0), axis, start, stop, step) : index(newInputs.get(0), axis, start);
  }

  @Override
  public Object parameters() {
    return List.of(axis, start, stop, step, keepsAxis);
  }

  @Override
  public int precedence() {
    return Notation.ATOM;
  }

  /** {@code 1:}, {@code :-1}, {@code ::2}, {@code 3}: NumPy's notation, defaults left out. */
  String spec() {
    return spec(start, stop, step, keepsAxis);
  }

  static String spec(int start, int stop, int step, boolean range) {
    if (!range) {
      return Integer.toString(start);
    }
    return (start == 0 ? "" : Integer.toString(start)) + ":" + (stop == END ? "" : Integer.toString(stop))
        + (step == 1 ? "" : ":" + step);
  }

  /** Text: {@code x[1:]}, {@code m[:, 2]}. LaTeX: a subscript, {@code x_{1{:}}}, {@code m_{{:}, 2}}. */
  @Override
  public String render(Notation n) {
    String spec = ":, ".repeat(axis) + spec();
    String base = n.arg(0, Notation.ATOM);
    if (!n.latex()) {
      return base + "[" + spec + "]";
    }
    boolean compound = base.contains("_") || base.contains("^");
    return (compound ? "{" + base + "}" : base) + "_{" + spec.replace(":", "{:}") + "}";
  }
}
