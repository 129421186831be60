package dev.nabla.autodiff.graph;

import com.google.common.collect.ImmutableList;
import dev.nabla.autodiff.print.TextPrinter;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * A node of an immutable expression graph: a leaf ({@link Variable}, {@link Constant}) or one
 * primitive operation applied to input nodes.
 *
 * <p>Every primitive keeps all of its rules in its own class: its shape rule (checked when the node is
 * built, so a mismatch fails at the line that wrote it, and for concrete shapes in {@link
 * #concreteShape}), its kernel ({@link #computeInto}), its vector-Jacobian product ({@link #vjp},
 * built from expressions, so gradients can be differentiated again) and how it prints ({@link
 * #render}). Composite functions such as {@code mean}, {@code clip}, {@code softmax} are written in
 * {@link Composites} in terms of primitives.
 *
 * <p>Nodes compare by identity. Build them with {@code dev.nabla.autodiff.Nabla}'s static functions or the fluent
 * methods here, which read the same:
 *
 * <pre>{@code
 * Expr a = w.matmul(x).add(b).sigmoid();      // fluent
 * Expr a = sigmoid(add(matmul(w, x), b));     // static imports from Nabla
 * }</pre>
 */
public abstract sealed class Expr
    permits Variable, Constant, Unary, Binary, Power, MatMul, Transpose, Reshape, Reduce, Expand, Count, Slice, Pad,
        Gather, ScatterAdd, Concat, Where {

  private final Shape shape;
  private final ImmutableList<Expr> inputs;

  Expr(Shape shape, List<Expr> inputs) {
    this.shape = shape;
    this.inputs = ImmutableList.copyOf(inputs);
  }

  /** The static shape, inferred when the node was built; open dimensions are {@link Shape#ANY}. */
  public final Shape shape() {
    return shape;
  }

  /** The input nodes, in order. */
  public final List<Expr> inputs() {
    return inputs;
  }

  /**
   * {@code axis} of {@code shape} in {@code [0, rank)}, negative axes counting from the end, or an
   * error naming the operation, the axis and the shape.
   */
  static int axis(String op, Shape shape, int axis) {
    int a = axis < 0 ? axis + shape.rank() : axis;
    if (a < 0 || a >= shape.rank()) {
      throw new IllegalArgumentException(String.format("%s: axis %s is out of range for %s (rank %s)", op, axis, shape,
          shape.rank()));
    }
    return a;
  }

  /** A short name of the operation, used in error messages, DOT graphs and plans. */
  public abstract String opName();

  /**
   * The shape rule for concrete inputs: this node's output shape when its inputs have the concrete
   * shapes {@code inputShapes} (in {@link #inputs()} order). It checks what the static rule, applied when
   * the node was built, had to leave open (two open batch dimensions that must agree, say), and fails
   * with an {@link IllegalArgumentException} naming the operation and the shapes. Plans use it to size
   * their buffers without computing anything. Leaves are shaped by their values, not here.
   */
  public abstract Shape concreteShape(List<Shape> inputShapes);

  /**
   * The kernel, writing into a buffer the caller owns: {@code out} has exactly the element count of
   * {@link #concreteShape} for these inputs, arbitrary contents on entry, and is not one of the inputs'
   * arrays. Modified: {@code out}. Not modified: the inputs. Kernels on the hot paths allocate nothing.
   */
  public abstract void computeInto(List<Tensor> inputValues, double[] out);

  /**
   * This node's value given its inputs' values: {@link #concreteShape} then {@link #computeInto} into a
   * new array. Leaves are resolved by the evaluator, not here.
   */
  public Tensor evaluate(List<Tensor> inputValues) {
    Shape[] shapes = new Shape[inputValues.size()];
    for (int i = 0; i < shapes.length; i++) {
      shapes[i] = inputValues.get(i).shape();
    }
    Shape s = concreteShape(List.of(shapes));
    double[] out = new double[s.size()];
    computeInto(inputValues, out);
    return Tensor.wrap(s, out);
  }

  /**
   * The vector-Jacobian product: given the adjoint {@code g} of this node (an expression of this
   * node's shape), one entry per input with that input's adjoint contribution, or empty where the
   * input receives no gradient (non-differentiable operations, shape references). An entry may have a
   * broadcast shape larger than its input; the reverse-mode driver sums it down.
   */
  public abstract List<Optional<Expr>> vjp(Expr g);

  /** The same operation applied to other inputs (of compatible shapes), for graph rewrites. */
  public abstract Expr withInputs(List<Expr> newInputs);

  /**
   * The operation's parameters apart from its inputs (operator, axes, exponent, …), such that two
   * nodes with equal kinds, parameters and inputs compute the same value. Used to share identical
   * subexpressions.
   */
  public abstract Object parameters();

  /** Binding strength when printed infix: higher binds tighter. */
  public abstract int precedence();

  /**
   * Binding strength in LaTeX, where some notations bind differently from their text: a fraction is
   * self-delimiting ({@code \frac{a}{b}}), and a big operator ({@code \sum x}) extends to the right.
   */
  public int latexPrecedence() {
    return precedence();
  }

  /** Prints this node given a printer that renders its inputs (text or LaTeX). */
  public abstract String render(Notation n);

  /** Readable infix text, e.g. {@code σ(x·wᵀ + b)}; very large graphs are elided with {@code …}. */
  @Override
  public final String toString() {
    return TextPrinter.print(this);
  }

  // ---- fluent operations: the same primitives and composites as dev.nabla.autodiff.Nabla's static functions ----

  /** {@code this + b}, broadcasting. */
  public Expr add(Expr b) { return Binary.of(BinaryOp.ADD, this, b); }

  /** {@code this + c}. */
  public Expr add(double c) { return add(Constant.of(c)); }

  /** {@code this − b}, broadcasting. */
  public Expr sub(Expr b) { return Binary.of(BinaryOp.SUB, this, b); }

  /** {@code this − c}. */
  public Expr sub(double c) { return sub(Constant.of(c)); }

  /** The elementwise product {@code this ⊙ b}, broadcasting. */
  public Expr mul(Expr b) { return Binary.of(BinaryOp.MUL, this, b); }

  /** {@code this · c}. */
  public Expr mul(double c) { return mul(Constant.of(c)); }

  /** The elementwise quotient {@code this / b}, broadcasting. */
  public Expr div(Expr b) { return Binary.of(BinaryOp.DIV, this, b); }

  /** {@code this / c}. */
  public Expr div(double c) { return div(Constant.of(c)); }

  /** {@code −this}. */
  public Expr neg() { return Unary.of(UnaryOp.NEG, this); }

  /** The elementwise larger of {@code this} and {@code b} (ties split the gradient equally). */
  public Expr maximum(Expr b) { return Binary.of(BinaryOp.MAXIMUM, this, b); }

  /** The elementwise larger of {@code this} and {@code c}. */
  public Expr maximum(double c) { return maximum(Constant.of(c)); }

  /** The elementwise smaller of {@code this} and {@code b} (ties split the gradient equally). */
  public Expr minimum(Expr b) { return Binary.of(BinaryOp.MINIMUM, this, b); }

  /** The elementwise smaller of {@code this} and {@code c}. */
  public Expr minimum(double c) { return minimum(Constant.of(c)); }

  /** {@code this} limited to {@code [lo, hi]}: {@code minimum(maximum(this, lo), hi)}. */
  public Expr clip(double lo, double hi) { return Composites.clip(this, lo, hi); }

  /** The matrix product (see {@link MatMul#product}). */
  public Expr matmul(Expr b) { return MatMul.product(this, b); }

  /** The axes reversed: for a matrix, its transpose. */
  public Expr transpose() { return Transpose.reverse(this); }

  /** The same elements under the given dimensions (one may be {@link Shape#ANY}). */
  public Expr reshape(int... dims) { return Reshape.of(this, Shape.of(dims)); }

  // ---- selecting ----

  /** {@code this[i, j, …]}: one index per leading axis, each axis removed; negative indices count from the end. */
  public Expr index(int... indices) { return Composites.index(this, indices); }

  /** {@code this[start:stop]} along {@code axis}; {@link Slice#END} for the end, negative positions from the end. */
  public Expr slice(int axis, int start, int stop) { return Slice.of(this, axis, start, stop, 1); }

  /** {@code this[start:stop:step]} along {@code axis}. */
  public Expr slice(int axis, int start, int stop, int step) { return Slice.of(this, axis, start, stop, step); }

  /** The elements along {@code axis} at integer {@code indices} (take-along-axis; see {@link Gather}). */
  public Expr gather(int axis, Expr indices) { return Gather.of(this, axis, indices); }

  // ---- reductions ----

  /** The sum of all elements. */
  public Expr sum() { return Reduce.of(ReduceOp.SUM, this, false); }

  /** The sum along {@code axis}, which is removed. */
  public Expr sum(int axis) { return sum(axis, false); }

  /** The sum along {@code axis}, removed or kept with size 1. */
  public Expr sum(int axis, boolean keepDims) { return Reduce.of(ReduceOp.SUM, this, keepDims, axis); }

  /** The mean of all elements. */
  public Expr mean() { return Composites.mean(this); }

  /** The mean along {@code axis}, which is removed. */
  public Expr mean(int axis) { return mean(axis, false); }

  /** The mean along {@code axis}. */
  public Expr mean(int axis, boolean keepDims) { return Composites.mean(this, axis, keepDims); }

  /** The largest element. */
  public Expr max() { return Reduce.of(ReduceOp.MAX, this, false); }

  /** The largest element along {@code axis}, which is removed. */
  public Expr max(int axis) { return max(axis, false); }

  /** The largest element along {@code axis}. */
  public Expr max(int axis, boolean keepDims) { return Reduce.of(ReduceOp.MAX, this, keepDims, axis); }

  /** The smallest element. */
  public Expr min() { return Reduce.of(ReduceOp.MIN, this, false); }

  /** The smallest element along {@code axis}, which is removed. */
  public Expr min(int axis) { return min(axis, false); }

  /** The smallest element along {@code axis}. */
  public Expr min(int axis, boolean keepDims) { return Reduce.of(ReduceOp.MIN, this, keepDims, axis); }

  /** The index of the largest element along {@code axis}; no gradient. */
  public Expr argmax(int axis) { return Reduce.of(ReduceOp.ARGMAX, this, false, axis); }

  /** The index of the smallest element along {@code axis}; no gradient. */
  public Expr argmin(int axis) { return Reduce.of(ReduceOp.ARGMIN, this, false, axis); }

  // ---- elementwise functions ----

  /** eˣ. */
  public Expr exp() { return Unary.of(UnaryOp.EXP, this); }

  /** ln x. */
  public Expr log() { return Unary.of(UnaryOp.LOG, this); }

  /** √x. */
  public Expr sqrt() { return Unary.of(UnaryOp.SQRT, this); }

  /** {@code x^p} for a constant exponent. */
  public Expr pow(double exponent) { return Power.of(this, exponent); }

  /** x². */
  public Expr square() { return Power.of(this, 2); }

  /** |x|. */
  public Expr abs() { return Unary.of(UnaryOp.ABS, this); }

  /** σ(x). */
  public Expr sigmoid() { return Unary.of(UnaryOp.SIGMOID, this); }

  /** tanh x. */
  public Expr tanh() { return Unary.of(UnaryOp.TANH, this); }

  /** max(x, 0). */
  public Expr relu() { return Unary.of(UnaryOp.RELU, this); }

  /** sin x. */
  public Expr sin() { return Unary.of(UnaryOp.SIN, this); }

  /** cos x. */
  public Expr cos() { return Unary.of(UnaryOp.COS, this); }

  /** tan x. */
  public Expr tan() { return Unary.of(UnaryOp.TAN, this); }

  /** sinh x. */
  public Expr sinh() { return Unary.of(UnaryOp.SINH, this); }

  /** cosh x. */
  public Expr cosh() { return Unary.of(UnaryOp.COSH, this); }

  /** ln(1 + x), exact for small x. */
  public Expr log1p() { return Unary.of(UnaryOp.LOG1P, this); }

  /** eˣ − 1, exact for small x. */
  public Expr expm1() { return Unary.of(UnaryOp.EXPM1, this); }

  /** ln(1 + eˣ), exact and finite for every finite x. */
  public Expr softplus() { return Unary.of(UnaryOp.SOFTPLUS, this); }

  /** The softmax along {@code axis}. */
  public Expr softmax(int axis) { return Composites.softmax(this, axis); }

  /** log Σ exp along {@code axis}, computed stably. */
  public Expr logSumExp(int axis, boolean keepDims) { return Composites.logSumExp(this, axis, keepDims); }

  // ---- comparisons: 0/1, no gradient ----

  /** 1 where {@code this > b}, else 0; no gradient. */
  public Expr gt(Expr b) { return Binary.of(BinaryOp.GT, this, b); }

  /** 1 where {@code this > c}, else 0; no gradient. */
  public Expr gt(double c) { return gt(Constant.of(c)); }

  /** 1 where {@code this ≥ b}, else 0; no gradient. */
  public Expr ge(Expr b) { return Binary.of(BinaryOp.GE, this, b); }

  /** 1 where {@code this < b}, else 0; no gradient. */
  public Expr lt(Expr b) { return Binary.of(BinaryOp.LT, this, b); }

  /** 1 where {@code this < c}, else 0; no gradient. */
  public Expr lt(double c) { return lt(Constant.of(c)); }

  /** 1 where {@code this ≤ b}, else 0; no gradient. */
  public Expr le(Expr b) { return Binary.of(BinaryOp.LE, this, b); }

  /** 1 where {@code this = b}, else 0; no gradient. */
  public Expr eq(Expr b) { return Binary.of(BinaryOp.EQ, this, b); }
}
