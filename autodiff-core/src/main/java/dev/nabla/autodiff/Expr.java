package dev.nabla.autodiff;

import com.google.common.collect.ImmutableList;
import dev.nabla.autodiff.print.Notation;
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
 * built, so a mismatch fails at the line that wrote it), its kernel ({@link #evaluate}), its
 * vector-Jacobian product ({@link #vjp}, built from expressions, so gradients can be differentiated
 * again) and how it prints ({@link #render}). Composite functions such as {@code mean}, {@code
 * square}, {@code softmax} are written in {@link Nabla} in terms of primitives.
 *
 * <p>Nodes compare by identity. Build them with {@link Nabla}'s static functions or the fluent
 * methods here, which read the same:
 *
 * <pre>{@code
 * Expr a = w.matmul(x).add(b).sigmoid();      // fluent
 * Expr a = sigmoid(add(matmul(w, x), b));     // static imports from Nabla
 * }</pre>
 */
public abstract sealed class Expr
    permits Variable, Constant, Unary, Binary, Power, MatMul, Transpose, Reshape, Reduce, Expand, Count {

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

  /** A short name of the operation, used in error messages, DOT graphs and plans. */
  public abstract String opName();

  /**
   * The kernel: this node's value given its inputs' values (in {@link #inputs()} order). Checks at run
   * time what the static shape rule left open. Leaves are resolved by the evaluator, not here.
   */
  public abstract Tensor evaluate(List<Tensor> inputValues);

  /**
   * The kernel writing into a buffer the caller owns (used by {@link dev.nabla.autodiff.eval.Plan}):
   * {@code out} has exactly this node's element count for these inputs, arbitrary contents on entry,
   * and is not one of the inputs' arrays. Modified: {@code out}. Not modified: the inputs. The default
   * evaluates and copies; hot primitives override it to write in place without allocating.
   */
  public void computeInto(List<Tensor> inputValues, double[] out) {
    double[] result = evaluate(inputValues).rawData();
    System.arraycopy(result, 0, out, 0, out.length);
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

  /** Prints this node given a printer that renders its inputs (text or LaTeX). */
  public abstract String render(Notation n);

  /** Readable infix text, e.g. {@code σ(x·wᵀ + b)}; very large graphs are elided with {@code …}. */
  @Override
  public final String toString() {
    return TextPrinter.print(this);
  }

  // ---- fluent operations; each is documented on the static function of the same name in Nabla ----

  /** {@link Nabla#add}. */
  public Expr add(Expr other) { return Nabla.add(this, other); }

  /** {@link Nabla#add}, with a scalar. */
  public Expr add(double c) { return Nabla.add(this, Nabla.constant(c)); }

  /** {@link Nabla#sub}. */
  public Expr sub(Expr other) { return Nabla.sub(this, other); }

  /** {@link Nabla#sub}, with a scalar. */
  public Expr sub(double c) { return Nabla.sub(this, Nabla.constant(c)); }

  /** {@link Nabla#mul}. */
  public Expr mul(Expr other) { return Nabla.mul(this, other); }

  /** {@link Nabla#mul}, with a scalar. */
  public Expr mul(double c) { return Nabla.mul(this, Nabla.constant(c)); }

  /** {@link Nabla#div}. */
  public Expr div(Expr other) { return Nabla.div(this, other); }

  /** {@link Nabla#div}, with a scalar. */
  public Expr div(double c) { return Nabla.div(this, Nabla.constant(c)); }

  /** {@link Nabla#neg}. */
  public Expr neg() { return Nabla.neg(this); }

  /** {@link Nabla#matmul}. */
  public Expr matmul(Expr other) { return Nabla.matmul(this, other); }

  /** {@link Nabla#transpose}. */
  public Expr transpose() { return Nabla.transpose(this); }

  /** {@link Nabla#reshape}. */
  public Expr reshape(int... dims) { return Nabla.reshape(this, Shape.of(dims)); }

  /** {@link Nabla#sum(Expr)}. */
  public Expr sum() { return Nabla.sum(this); }

  /** {@link Nabla#sum(Expr, int, boolean)}. */
  public Expr sum(int axis, boolean keepDims) { return Nabla.sum(this, axis, keepDims); }

  /** {@link Nabla#mean(Expr)}. */
  public Expr mean() { return Nabla.mean(this); }

  /** {@link Nabla#mean(Expr, int, boolean)}. */
  public Expr mean(int axis, boolean keepDims) { return Nabla.mean(this, axis, keepDims); }

  /** {@link Nabla#max(Expr)}. */
  public Expr max() { return Nabla.max(this); }

  /** {@link Nabla#max(Expr, int, boolean)}. */
  public Expr max(int axis, boolean keepDims) { return Nabla.max(this, axis, keepDims); }

  /** {@link Nabla#exp}. */
  public Expr exp() { return Nabla.exp(this); }

  /** {@link Nabla#log}. */
  public Expr log() { return Nabla.log(this); }

  /** {@link Nabla#sqrt}. */
  public Expr sqrt() { return Nabla.sqrt(this); }

  /** {@link Nabla#pow}. */
  public Expr pow(double exponent) { return Nabla.pow(this, exponent); }

  /** {@link Nabla#square}. */
  public Expr square() { return Nabla.square(this); }

  /** {@link Nabla#abs}. */
  public Expr abs() { return Nabla.abs(this); }

  /** {@link Nabla#sigmoid}. */
  public Expr sigmoid() { return Nabla.sigmoid(this); }

  /** {@link Nabla#tanh}. */
  public Expr tanh() { return Nabla.tanh(this); }

  /** {@link Nabla#relu}. */
  public Expr relu() { return Nabla.relu(this); }

  /** {@link Nabla#softmax}. */
  public Expr softmax(int axis) { return Nabla.softmax(this, axis); }

  /** {@link Nabla#logSumExp}. */
  public Expr logSumExp(int axis, boolean keepDims) { return Nabla.logSumExp(this, axis, keepDims); }

  /** {@link Nabla#argmax}. */
  public Expr argmax(int axis) { return Nabla.argmax(this, axis); }

  /** {@link Nabla#gt}. */
  public Expr gt(Expr other) { return Nabla.gt(this, other); }

  /** {@link Nabla#lt}. */
  public Expr lt(Expr other) { return Nabla.lt(this, other); }

  /** {@link Nabla#eq}. */
  public Expr eq(Expr other) { return Nabla.eq(this, other); }
}
