package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Inputs joined along an axis: {@code concat} along an existing axis (the inputs agree on every other
 * axis), or {@code stack} along a new one (the inputs have one shape). Both have one kernel, since a
 * stack is a concatenation of inputs with a new axis of length 1. Linear; the VJP of each input is the
 * slice of the adjoint where it went ({@link Slice}), so concatenations and slices are a transpose pair.
 */
public final class Concat extends Expr {
  private final int axis;
  private final boolean stacks;
  private final int[] lengths;
  private final int total;

  private Concat(List<Expr> xs, int axis, boolean stacks, int[] lengths, Shape shape) {
    super(shape, xs);
    this.axis = axis;
    this.stacks = stacks;
    this.lengths = lengths;
    this.total = IntStream.of(lengths).sum();
  }

  /** {@code xs} concatenated along {@code axis} (negative counts from the end), which must not be open. */
  public static Expr of(int axis, List<? extends Expr> xs) {
    List<Expr> in = checkInputs("concat", xs);
    Shape first = in.get(0).shape();
    checkArgument(first.rank() > 0, "concat: inputs are scalars; stack them instead");
    int a = Expr.axis("concat", first, axis);
    int[] lengths = new int[in.size()];
    long total = 0;
    for (int i = 0; i < in.size(); i++) {
      Shape s = in.get(i).shape();
      checkArgument(s.rank() == first.rank(), "concat: input %s %s has rank %s, input 0 %s has rank %s", i, s, s.rank(),
          first, first.rank());
      checkArgument(s.dim(a) != Shape.ANY, "concat: axis %s of input %s %s is open; concatenate along a fixed axis", a, i, s);
      checkArgument(s.withDim(a, 1).equals(first.withDim(a, 1)),
          "concat: input %s %s and input 0 %s differ on an axis other than %s", i, s, first, a);
      lengths[i] = s.dim(a);
      total += lengths[i];
    }
    if (in.size() == 1) {
      return in.get(0);
    }
    checkArgument(total <= Integer.MAX_VALUE, "concat: %s elements along axis %s are too many", total, a);
    return build(in, a, false, lengths, first.withDim(a, (int) total));
  }

  /** {@code xs}, all of one shape, stacked along a new axis {@code axis} (in {@code [−rank − 1, rank]}). */
  public static Expr stack(int axis, List<? extends Expr> xs) {
    List<Expr> in = checkInputs("stack", xs);
    Shape first = in.get(0).shape();
    int a = axis < 0 ? axis + first.rank() + 1 : axis;
    checkArgument(a >= 0 && a <= first.rank(), "stack: axis %s is out of range for inputs %s (a new axis goes in [%s, %s])",
        axis, first, -first.rank() - 1, first.rank());
    for (int i = 1; i < in.size(); i++) {
      checkArgument(in.get(i).shape().equals(first), "stack: input %s %s and input 0 %s differ in shape", i,
          in.get(i).shape(), first);
    }
    int[] lengths = new int[in.size()];
    Arrays.fill(lengths, 1);
    return build(in, a, true, lengths, first.withAxis(a, in.size()));
  }

  private static List<Expr> checkInputs(String op, List<? extends Expr> xs) {
    checkNotNull(xs, "%s: xs is null", op);
    checkArgument(!xs.isEmpty(), "%s: needs at least one input", op);
    for (int i = 0; i < xs.size(); i++) {
      checkNotNull(xs.get(i), "%s: xs[%s] is null", op, i);
    }
    return List.copyOf(xs);
  }

  private static Expr build(List<Expr> in, int axis, boolean stacks, int[] lengths, Shape shape) {
    Concat node = new Concat(in, axis, stacks, lengths, shape);
    if (in.stream().allMatch(x -> x instanceof Constant c && c.foldable())) {
      return Constant.of(node.evaluate(in.stream().map(x -> ((Constant) x).value()).toList()));
    }
    return node;
  }

  /** The axis joined along, in the result. */
  public int axis() {
    return axis;
  }

  /** True for a stack (a new axis), false for a concatenation. */
  public boolean stacks() {
    return stacks;
  }

  @Override
  public String opName() {
    return (stacks ? "stack" : "concat") + "[axis " + axis + "]";
  }

  @Override
  public Shape concreteShape(List<Shape> in) {
    Shape first = in.get(0);
    for (int i = 1; i < in.size(); i++) {
      Shape s = in.get(i);
      checkArgument(stacks ? s.equals(first) : s.rank() == first.rank() && s.withDim(axis, 1).equals(first.withDim(axis, 1)),
          "%s: input %s %s and input 0 %s do not fit together", stacks ? "stack" : "concat", i, s, first);
    }
    return stacks ? first.withAxis(axis, in.size()) : first.withDim(axis, total);
  }

  @Override
  public void computeInto(List<Tensor> in, double[] out) {
    // the product of the dimensions after the axis: in a stack the inputs' own from the axis on
    int inner = Gather.innerSize(in.get(0).shape(), stacks ? axis - 1 : axis);
    int outer = out.length / (total * inner);
    int p = 0;
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < lengths.length; j++) {
        int block = lengths[j] * inner;
        System.arraycopy(in.get(j).rawData(), o * block, out, p, block);
        p += block;
      }
    }
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    List<Optional<Expr>> parts = new ArrayList<>(lengths.length);
    int offset = 0;
    for (int j = 0; j < lengths.length; j++) {
      parts.add(Optional.of(stacks ? Slice.index(g, axis, j) : Slice.of(g, axis, offset, offset + lengths[j], 1)));
      offset += lengths[j];
    }
    return parts;
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    return stacks ? stack(axis, newInputs) : of(axis, newInputs);
  }

  @Override
  public Object parameters() {
    return List.of(axis, stacks);
  }

  @Override
  public int precedence() {
    return Notation.ATOM;
  }

  /** {@code concat(a, b, axis=1)}, {@code stack(a, b)}; the axis is left out where it is the only one. */
  @Override
  public String render(Notation n) {
    String name = stacks ? "stack" : "concat";
    boolean onlyAxis = shape().rank() == 1;
    StringBuilder args = new StringBuilder();
    for (int i = 0; i < inputs().size(); i++) {
      args.append(i > 0 ? ", " : "").append(n.arg(i));
    }
    if (!n.latex()) {
      return name + "(" + args + (onlyAxis ? "" : ", axis=" + axis) + ")";
    }
    return "\\operatorname{" + name + "}" + (onlyAxis ? "" : "_{\\text{axis }" + axis + "}") + "\\left(" + args + "\\right)";
  }
}
