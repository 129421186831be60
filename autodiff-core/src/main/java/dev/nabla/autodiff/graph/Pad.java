package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code x} placed among zeros along one axis, at the positions {@code start:stop:step} of an axis of
 * {@code size}: the transpose of {@link Slice} (whose VJP it is), and zero padding when the positions
 * are contiguous ({@code pad(x, axis, before, after)}). Linear; its VJP is the slice.
 *
 * <p>A pad of a constant is not folded into a constant: the adjoint of {@code v[3]} stays {@code
 * pad(g, at=3, size=100)}, never a dense one-hot vector.
 *
 * <p>When the size is open (the padded axis is a batch axis), a reference expression of the full shape
 * lends it, as for {@link Expand}; it gets no gradient.
 */
public final class Pad extends Expr {
  private final int axis;
  private final int start;
  private final int stop;
  private final int step;
  private final int size;

  private Pad(List<Expr> inputs, int axis, int start, int stop, int step, int size, Shape shape) {
    super(shape, inputs);
    this.axis = axis;
    this.start = start;
    this.stop = stop;
    this.step = step;
    this.size = size;
  }

  /**
   * {@code x} at positions {@code start:stop:step} of an axis the size of {@code like}'s, zeros
   * elsewhere: the adjoint of {@code like[…, start:stop:step]}. {@code x} has {@code like}'s shape but
   * along {@code axis}, where it has one element per selected position.
   */
  public static Expr of(Expr x, int axis, int start, int stop, int step, Expr like) {
    checkNotNull(x, "pad: x is null");
    checkNotNull(like, "pad: like is null");
    checkArgument(step > 0, "pad: step %s must be positive", step);
    int size = like.shape().dim(axis);
    if (size != Shape.ANY) {
      return of(x, axis, start, stop, step, size);
    }
    return new Pad(List.of(x, like), axis, start, stop, step, Shape.ANY, x.shape().withDim(axis, size));
  }

  /**
   * {@code x} at positions {@code start:stop:step} of an axis of {@code size} elements, zeros elsewhere:
   * {@link #of(Expr, int, int, int, int, Expr)} for an axis of known size (graph files rebuild pads
   * with it).
   */
  public static Expr of(Expr x, int axis, int start, int stop, int step, int size) {
    checkNotNull(x, "pad: x is null");
    checkArgument(size > 0, "pad: size %s must be positive", size);
    checkArgument(step > 0, "pad: step %s must be positive", step);
    Shape shape = x.shape().withDim(axis, size);
    int length = Slice.resolvedLength("pad", shape, axis, start, stop, step, size, true);
    int own = x.shape().dim(axis);
    checkArgument(own == Shape.ANY || own == length, "pad: %s has %s elements along axis %s, but %s:%s:%s of %s selects %s",
        x.shape(), own, axis, start, stop, step, shape, length);
    return new Pad(List.of(x), axis, start, stop, step, size, shape);
  }

  /** {@code x} with {@code before} zeros ahead of it and {@code after} zeros behind it along {@code axis}. */
  public static Expr zeros(Expr x, int axis, int before, int after) {
    checkNotNull(x, "pad: x is null");
    int a = Expr.axis("pad", x.shape(), axis);
    int n = x.shape().dim(a);
    checkArgument(before >= 0 && after >= 0, "pad: before %s and after %s must not be negative", before, after);
    checkArgument(n != Shape.ANY, "pad: axis %s of %s is open; pad along a fixed axis", a, x.shape());
    if (before == 0 && after == 0) {
      return x;
    }
    int size = n + before + after;
    return new Pad(List.of(x), a, before, before + n, 1, size, x.shape().withDim(a, size));
  }

  /** The axis along which {@code x} is placed. */
  public int axis() {
    return axis;
  }

  /** The first position {@code x} fills, as given (negative counts from the end). */
  public int start() {
    return start;
  }

  /** The position before which {@code x} ends, as given; {@link Slice#END} for the end. */
  public int stop() {
    return stop;
  }

  /** The stride between the positions {@code x} fills. */
  public int step() {
    return step;
  }

  /** The size of the padded axis, or {@link Shape#ANY} when the second input lends it. */
  public int size() {
    return size;
  }

  @Override
  public String opName() {
    return "pad[axis " + axis + ", " + Slice.spec(start, stop, step, true) + " of " + (size == Shape.ANY ? "?" : size) + "]";
  }

  @Override
  public Shape concreteShape(List<Shape> in) {
    Shape x = in.get(0);
    int n = size != Shape.ANY ? size : in.get(1).dim(axis);
    Shape whole = x.withDim(axis, n);
    int length = Slice.resolvedLength("pad", whole, axis, start, stop, step, n, true);
    checkArgument(x.dim(axis) == length, "pad: %s has %s elements along axis %s, but %s of %s selects %s", x, x.dim(axis),
        axis, Slice.spec(start, stop, step, true), whole, length);
    if (in.size() > 1) {
      checkArgument(in.get(1).equals(whole), "pad: %s placed along axis %s does not give the reference shape %s", x, axis,
          in.get(1));
    }
    return whole;
  }

  @Override
  public void computeInto(List<Tensor> in, double[] out) {
    Tensor x = in.get(0);
    int length = x.shape().dim(axis);
    int inner = Gather.innerSize(x.shape(), axis);
    int outer = x.size() / (length * inner);
    int n = out.length / (outer * inner);
    int from = Slice.resolvedStart("pad", x.shape(), axis, start, stop, n, true);
    Arrays.fill(out, 0.0);
    Slice.copy(out, x.rawData(), outer, n, inner, from, length, step, false);
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    Optional<Expr> dx = Optional.of(Slice.of(g, axis, start, stop, step));
    return inputs().size() == 1 ? List.of(dx) : List.of(dx, Optional.empty());
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    if (newInputs.size() > 1) {
      return of(newInputs.get(0), axis, start, stop, step, newInputs.get(1));
    }
    Expr x = newInputs.get(0);
    return new Pad(List.of(x), axis, start, stop, step, size, x.shape().withDim(axis, size));
  }

  @Override
  public Object parameters() {
    return List.of(axis, start, stop, step, size);
  }

  @Override
  public int precedence() {
    return Notation.ATOM;
  }

  /** {@code pad(x, axis=1, at=1:, size=4)}; the axis is left out for a vector. */
  @Override
  public String render(Notation n) {
    String axisText = shape().rank() > 1 ? "axis=" + axis + ", " : "";
    String at = Slice.spec(start, stop, step, true);
    String sizeText = size == Shape.ANY ? "?" : Integer.toString(size);
    if (!n.latex()) {
      return "pad(" + n.arg(0) + ", " + axisText + "at=" + at + ", size=" + sizeText + ")";
    }
    return "\\operatorname{pad}\\left(" + n.arg(0) + ";\\ " + (shape().rank() > 1 ? "\\text{axis }" + axis + ",\\ " : "")
        + at.replace(":", "{:}") + "\\text{ of }" + sizeText + "\\right)";
  }
}
