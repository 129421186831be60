package dev.nabla.autodiff;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.diff.Derivatives;
import dev.nabla.autodiff.diff.Gradients;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.graph.Binary;
import dev.nabla.autodiff.graph.BinaryOp;
import dev.nabla.autodiff.graph.Composites;
import dev.nabla.autodiff.graph.Concat;
import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Gather;
import dev.nabla.autodiff.graph.MatMul;
import dev.nabla.autodiff.graph.Pad;
import dev.nabla.autodiff.graph.Power;
import dev.nabla.autodiff.graph.Reduce;
import dev.nabla.autodiff.graph.ReduceOp;
import dev.nabla.autodiff.graph.Reshape;
import dev.nabla.autodiff.graph.Slice;
import dev.nabla.autodiff.graph.Transpose;
import dev.nabla.autodiff.graph.Unary;
import dev.nabla.autodiff.graph.UnaryOp;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.graph.Where;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The whole public vocabulary in one place, for {@code import static dev.nabla.autodiff.Nabla.*}:
 * variables and constants, operations (each also available as a fluent method on {@link Expr}),
 * derivatives ({@link #grad}, {@link #hvp}, {@link #jvp}, {@link #hessian}, {@link #jacobian}) and
 * {@link #evaluate}. It only delegates: the rules of each operation live with its primitive in {@code
 * dev.nabla.autodiff.graph}, and nothing there calls this class.
 *
 * <pre>{@code
 * Variable v = variable("v", 5);
 * Expr rosenbrock = sum(add(mul(100, square(sub(slice(v, 0, 1, END), square(slice(v, 0, 0, -1))))),
 *     square(sub(1, slice(v, 0, 0, -1)))));
 * Expr dv = grad(rosenbrock, v).get(0);
 * Tensor value = evaluate(dv, Bindings.of(v, Tensor.of(1, 1, 1, 1, 1)));   // zeros: the minimum
 * }</pre>
 *
 * <p>Shapes broadcast as in NumPy (see {@link dev.nabla.autodiff.tensor.Broadcasting}). Every
 * operation checks its inputs' shapes when it is called and fails with an {@link
 * IllegalArgumentException} naming the operation, the shapes and the offending axis or index; a null
 * argument fails with a {@link NullPointerException} naming the parameter.
 */
public final class Nabla {
  /** As a slice's stop: the end of the axis ({@code slice(v, 0, 1, END)} is {@code v[1:]}). */
  public static final int END = Slice.END;

  private Nabla() {}

  // ---- leaves ----

  /** A variable of concrete dimensions; no dimensions gives a scalar. */
  public static Variable variable(String name, int... dims) {
    return Variable.of(name, dims);
  }

  /** A variable of the given shape (which may leave the batch dimension open: {@link Shape#batch}). */
  public static Variable variable(String name, Shape shape) {
    return Variable.of(name, shape);
  }

  /** A scalar constant. */
  public static Expr constant(double value) {
    return Constant.of(value);
  }

  /** A tensor constant; one of at most six elements prints its values, a larger one its shape. */
  public static Expr constant(Tensor value) {
    return Constant.of(value);
  }

  /** A named constant: prints as {@code name}, and is never folded into the operations applied to it. */
  public static Expr constant(String name, Tensor value) {
    return Constant.named(name, value);
  }

  /** Zeros of {@code x}'s shape (a constant when the shape is fixed, else broadcast from {@code x}'s value). */
  public static Expr zerosLike(Expr x) {
    return Composites.zerosLike(x);
  }

  /** Ones of {@code x}'s shape. */
  public static Expr onesLike(Expr x) {
    return Composites.onesLike(x);
  }

  // ---- arithmetic, broadcasting; a double stands for a scalar constant ----

  /** {@code a + b}. */
  public static Expr add(Expr a, Expr b) {
    return Binary.of(BinaryOp.ADD, a, b);
  }

  /** {@code a + b}. */
  public static Expr add(Expr a, double b) {
    return Binary.of(BinaryOp.ADD, a, Constant.of(b));
  }

  /** {@code a + b}. */
  public static Expr add(double a, Expr b) {
    return Binary.of(BinaryOp.ADD, Constant.of(a), b);
  }

  /** {@code a − b}. */
  public static Expr sub(Expr a, Expr b) {
    return Binary.of(BinaryOp.SUB, a, b);
  }

  /** {@code a − b}. */
  public static Expr sub(Expr a, double b) {
    return Binary.of(BinaryOp.SUB, a, Constant.of(b));
  }

  /** {@code a − b}, as in {@code sub(1, p)}. */
  public static Expr sub(double a, Expr b) {
    return Binary.of(BinaryOp.SUB, Constant.of(a), b);
  }

  /** Elementwise (Hadamard) product {@code a ⊙ b}; for the matrix product see {@link #matmul}. */
  public static Expr mul(Expr a, Expr b) {
    return Binary.of(BinaryOp.MUL, a, b);
  }

  /** {@code a · b}. */
  public static Expr mul(Expr a, double b) {
    return Binary.of(BinaryOp.MUL, a, Constant.of(b));
  }

  /** {@code a · b}, as in {@code mul(100, square(r))}. */
  public static Expr mul(double a, Expr b) {
    return Binary.of(BinaryOp.MUL, Constant.of(a), b);
  }

  /** Elementwise {@code a / b}. */
  public static Expr div(Expr a, Expr b) {
    return Binary.of(BinaryOp.DIV, a, b);
  }

  /** {@code a / b}. */
  public static Expr div(Expr a, double b) {
    return Binary.of(BinaryOp.DIV, a, Constant.of(b));
  }

  /** {@code a / b}, as in {@code div(1, x)}. */
  public static Expr div(double a, Expr b) {
    return Binary.of(BinaryOp.DIV, Constant.of(a), b);
  }

  /** {@code −x}. */
  public static Expr neg(Expr x) {
    return Unary.of(UnaryOp.NEG, x);
  }

  // ---- choosing ----

  /** The elementwise larger of {@code a} and {@code b}; at a tie the gradient is split equally. */
  public static Expr maximum(Expr a, Expr b) {
    return Binary.of(BinaryOp.MAXIMUM, a, b);
  }

  /** The elementwise larger of {@code a} and {@code b}, as in {@code maximum(x, 0)}. */
  public static Expr maximum(Expr a, double b) {
    return Binary.of(BinaryOp.MAXIMUM, a, Constant.of(b));
  }

  /** The elementwise smaller of {@code a} and {@code b}; at a tie the gradient is split equally. */
  public static Expr minimum(Expr a, Expr b) {
    return Binary.of(BinaryOp.MINIMUM, a, b);
  }

  /** The elementwise smaller of {@code a} and {@code b}. */
  public static Expr minimum(Expr a, double b) {
    return Binary.of(BinaryOp.MINIMUM, a, Constant.of(b));
  }

  /** {@code x} limited to {@code [lo, hi]}: {@code minimum(maximum(x, lo), hi)}. */
  public static Expr clip(Expr x, double lo, double hi) {
    return Composites.clip(x, lo, hi);
  }

  /** {@code a} where {@code condition} is non-zero, else {@code b}, elementwise and broadcasting; the condition gets no gradient. */
  public static Expr where(Expr condition, Expr a, Expr b) {
    return Where.of(condition, a, b);
  }

  /** {@link #where(Expr, Expr, Expr)} with a scalar {@code b}, as in {@code where(gt(x, 0), x, 0)}. */
  public static Expr where(Expr condition, Expr a, double b) {
    return Where.of(condition, a, Constant.of(b));
  }

  /** {@link #where(Expr, Expr, Expr)} with a scalar {@code a}. */
  public static Expr where(Expr condition, double a, Expr b) {
    return Where.of(condition, Constant.of(a), b);
  }

  /** 1 where {@code a > b}, else 0. Not differentiable: passes no gradient. */
  public static Expr gt(Expr a, Expr b) {
    return Binary.of(BinaryOp.GT, a, b);
  }

  /** 1 where {@code a > b}, else 0. */
  public static Expr gt(Expr a, double b) {
    return Binary.of(BinaryOp.GT, a, Constant.of(b));
  }

  /** 1 where {@code a ≥ b}, else 0. Passes no gradient. */
  public static Expr ge(Expr a, Expr b) {
    return Binary.of(BinaryOp.GE, a, b);
  }

  /** 1 where {@code a ≥ b}, else 0. */
  public static Expr ge(Expr a, double b) {
    return Binary.of(BinaryOp.GE, a, Constant.of(b));
  }

  /** 1 where {@code a < b}, else 0. Passes no gradient. */
  public static Expr lt(Expr a, Expr b) {
    return Binary.of(BinaryOp.LT, a, b);
  }

  /** 1 where {@code a < b}, else 0. */
  public static Expr lt(Expr a, double b) {
    return Binary.of(BinaryOp.LT, a, Constant.of(b));
  }

  /** 1 where {@code a ≤ b}, else 0. Passes no gradient. */
  public static Expr le(Expr a, Expr b) {
    return Binary.of(BinaryOp.LE, a, b);
  }

  /** 1 where {@code a ≤ b}, else 0. */
  public static Expr le(Expr a, double b) {
    return Binary.of(BinaryOp.LE, a, Constant.of(b));
  }

  /** 1 where {@code a = b}, else 0. Passes no gradient. */
  public static Expr eq(Expr a, Expr b) {
    return Binary.of(BinaryOp.EQ, a, b);
  }

  /** 1 where {@code a = b}, else 0. */
  public static Expr eq(Expr a, double b) {
    return Binary.of(BinaryOp.EQ, a, Constant.of(b));
  }

  // ---- elementwise functions ----

  /** eˣ. */
  public static Expr exp(Expr x) {
    return Unary.of(UnaryOp.EXP, x);
  }

  /** ln x; NaN for negative inputs (reported by the evaluator). */
  public static Expr log(Expr x) {
    return Unary.of(UnaryOp.LOG, x);
  }

  /** √x. */
  public static Expr sqrt(Expr x) {
    return Unary.of(UnaryOp.SQRT, x);
  }

  /** {@code x^p} for a constant exponent. */
  public static Expr pow(Expr x, double p) {
    return Power.of(x, p);
  }

  /** x². */
  public static Expr square(Expr x) {
    return Power.of(x, 2);
  }

  /** |x| (subgradient 0 at 0). */
  public static Expr abs(Expr x) {
    return Unary.of(UnaryOp.ABS, x);
  }

  /** σ(x) = 1 / (1 + e⁻ˣ), computed stably. */
  public static Expr sigmoid(Expr x) {
    return Unary.of(UnaryOp.SIGMOID, x);
  }

  /** tanh x. */
  public static Expr tanh(Expr x) {
    return Unary.of(UnaryOp.TANH, x);
  }

  /** max(x, 0) (subgradient 0 at 0). */
  public static Expr relu(Expr x) {
    return Unary.of(UnaryOp.RELU, x);
  }

  /** sin x. */
  public static Expr sin(Expr x) {
    return Unary.of(UnaryOp.SIN, x);
  }

  /** cos x. */
  public static Expr cos(Expr x) {
    return Unary.of(UnaryOp.COS, x);
  }

  /** tan x. */
  public static Expr tan(Expr x) {
    return Unary.of(UnaryOp.TAN, x);
  }

  /** sinh x. */
  public static Expr sinh(Expr x) {
    return Unary.of(UnaryOp.SINH, x);
  }

  /** cosh x. */
  public static Expr cosh(Expr x) {
    return Unary.of(UnaryOp.COSH, x);
  }

  /** ln(1 + x), exact for small x (where {@code log(add(1, x))} loses digits). */
  public static Expr log1p(Expr x) {
    return Unary.of(UnaryOp.LOG1P, x);
  }

  /** eˣ − 1, exact for small x. */
  public static Expr expm1(Expr x) {
    return Unary.of(UnaryOp.EXPM1, x);
  }

  /** ln(1 + eˣ), exact and finite for every finite x (the naive form overflows past x ≈ 709); its derivative is σ(x). */
  public static Expr softplus(Expr x) {
    return Unary.of(UnaryOp.SOFTPLUS, x);
  }

  /** {@code x} itself in value, but treated as a constant by {@link #grad}: no gradient flows through it. */
  public static Expr stopGradient(Expr x) {
    return Unary.of(UnaryOp.STOP_GRADIENT, x);
  }

  // ---- linear algebra and shapes ----

  /**
   * The matrix product. Matrix·matrix ({@code [m, k]·[k, n] → [m, n]}), matrix·vector ({@code [m, k]·[k]
   * → [m]}), vector·matrix ({@code [k]·[k, n] → [n]}) and vector·vector (a scalar). A transposed matrix
   * operand ({@code w.transpose()}) is read in place, never copied.
   */
  public static Expr matmul(Expr a, Expr b) {
    return MatMul.product(a, b);
  }

  /** Reverses the axes (for a matrix, its transpose {@code xᵀ}). */
  public static Expr transpose(Expr x) {
    return Transpose.reverse(x);
  }

  /** Permutes the axes: output axis {@code i} is input axis {@code perm[i]}. */
  public static Expr transpose(Expr x, int... perm) {
    return Transpose.of(x, perm);
  }

  /** The same elements under another shape (one dimension may be {@link Shape#ANY}, inferred). */
  public static Expr reshape(Expr x, Shape shape) {
    return Reshape.of(x, shape);
  }

  // ---- selecting ----

  /** {@code x[i₀, i₁, …]}: one index per leading axis, each axis removed; negative indices count from the end. */
  public static Expr index(Expr x, int... indices) {
    return Composites.index(x, indices);
  }

  /** {@code x[start:stop]} along {@code axis} ({@link #END} for the end; negative positions count from the end). */
  public static Expr slice(Expr x, int axis, int start, int stop) {
    return Slice.of(x, axis, start, stop, 1);
  }

  /** {@code x[start:stop:step]} along {@code axis}, {@code step} positive. */
  public static Expr slice(Expr x, int axis, int start, int stop, int step) {
    return Slice.of(x, axis, start, stop, step);
  }

  /**
   * Take-along-axis: the elements of {@code x} along {@code axis} at integer {@code indices}. For the
   * log-probability of each example's label, {@code gather(logp, 1, labels)} with {@code logp [n, 10]}
   * and {@code labels [n]} gives {@code [n]}. See {@link Gather}.
   */
  public static Expr gather(Expr x, int axis, Expr indices) {
    return Gather.of(x, axis, indices);
  }

  /** {@code xs} concatenated along an existing, fixed {@code axis}; they agree on every other axis. */
  public static Expr concat(int axis, Expr... xs) {
    checkNotNull(xs, "concat: xs is null");
    return Concat.of(axis, Arrays.asList(xs));
  }

  /** {@code xs} concatenated along {@code axis}. */
  public static Expr concat(int axis, List<? extends Expr> xs) {
    return Concat.of(axis, xs);
  }

  /** {@code xs}, all of one shape, stacked along a new {@code axis}. */
  public static Expr stack(int axis, Expr... xs) {
    checkNotNull(xs, "stack: xs is null");
    return Concat.stack(axis, Arrays.asList(xs));
  }

  /** {@code xs}, all of one shape, stacked along a new {@code axis}. */
  public static Expr stack(int axis, List<? extends Expr> xs) {
    return Concat.stack(axis, xs);
  }

  /** {@code x} with {@code before} zeros ahead of it and {@code after} zeros behind it along a fixed {@code axis}. */
  public static Expr pad(Expr x, int axis, int before, int after) {
    return Pad.zeros(x, axis, before, after);
  }

  // ---- reductions ----

  /** The sum of all elements, a scalar. */
  public static Expr sum(Expr x) {
    return Reduce.of(ReduceOp.SUM, x, false);
  }

  /** The sum along {@code axis} (negative counts from the end), which is removed. */
  public static Expr sum(Expr x, int axis) {
    return Reduce.of(ReduceOp.SUM, x, false, axis);
  }

  /** The sum along {@code axis}, removed or kept with size 1. */
  public static Expr sum(Expr x, int axis, boolean keepDims) {
    return Reduce.of(ReduceOp.SUM, x, keepDims, axis);
  }

  /**
   * The number of elements of {@code x} along {@code axes} (all when none), as a scalar expression: the
   * {@code n} of a batch mean, read from the bound value when the dimension is open. A constant when the
   * dimensions are fixed. No gradient.
   *
   * <pre>{@code
   * Expr quadratic = div(sum(square(sub(y, a))), mul(2, count(a, 0)));   // 1/(2n) Σ ‖y − a‖²
   * }</pre>
   */
  public static Expr count(Expr x, int... axes) {
    return Count.of(x, axes);
  }

  /** The mean of all elements: {@code sum(x) / n}. */
  public static Expr mean(Expr x) {
    return Composites.mean(x);
  }

  /** The mean along {@code axis}, which is removed. */
  public static Expr mean(Expr x, int axis) {
    return Composites.mean(x, axis, false);
  }

  /** The mean along {@code axis}, removed or kept with size 1. */
  public static Expr mean(Expr x, int axis, boolean keepDims) {
    return Composites.mean(x, axis, keepDims);
  }

  /** The largest element; its gradient goes to the arg-max entries (split equally between ties). */
  public static Expr max(Expr x) {
    return Reduce.of(ReduceOp.MAX, x, false);
  }

  /** The largest element along {@code axis}, which is removed. */
  public static Expr max(Expr x, int axis) {
    return Reduce.of(ReduceOp.MAX, x, false, axis);
  }

  /** The largest element along {@code axis}, removed or kept with size 1. */
  public static Expr max(Expr x, int axis, boolean keepDims) {
    return Reduce.of(ReduceOp.MAX, x, keepDims, axis);
  }

  /** The smallest element; its gradient goes to the arg-min entries (split equally between ties). */
  public static Expr min(Expr x) {
    return Reduce.of(ReduceOp.MIN, x, false);
  }

  /** The smallest element along {@code axis}, which is removed. */
  public static Expr min(Expr x, int axis) {
    return Reduce.of(ReduceOp.MIN, x, false, axis);
  }

  /** The smallest element along {@code axis}, removed or kept with size 1. */
  public static Expr min(Expr x, int axis, boolean keepDims) {
    return Reduce.of(ReduceOp.MIN, x, keepDims, axis);
  }

  /** The index of the largest element along {@code axis} (the first on ties), as a double. No gradient. */
  public static Expr argmax(Expr x, int axis) {
    return Reduce.of(ReduceOp.ARGMAX, x, false, axis);
  }

  /** The index of the smallest element along {@code axis} (the first on ties), as a double. No gradient. */
  public static Expr argmin(Expr x, int axis) {
    return Reduce.of(ReduceOp.ARGMIN, x, false, axis);
  }

  /**
   * {@code log Σ exp(x)} along {@code axis}, computed stably as {@code m + log Σ exp(x − m)} with
   * {@code m = max(x)}. The result does not depend on {@code m} (its two paths cancel), so {@code m} is
   * held constant for differentiation and the gradient is exactly the softmax.
   */
  public static Expr logSumExp(Expr x, int axis, boolean keepDims) {
    return Composites.logSumExp(x, axis, keepDims);
  }

  /** {@code log Σ exp(x)} along {@code axis}, which is removed. */
  public static Expr logSumExp(Expr x, int axis) {
    return Composites.logSumExp(x, axis, false);
  }

  /** The softmax along {@code axis}, {@code exp(x − logSumExp(x))}: positive, summing to 1, stable. */
  public static Expr softmax(Expr x, int axis) {
    return Composites.softmax(x, axis);
  }

  // ---- derivatives ----

  /**
   * The gradient of a scalar {@code cost} with respect to each variable, as expressions of the
   * variables' shapes (see {@link Gradients#of}). A variable the cost does not contain is an error
   * naming it and the cost's variables; {@link #gradAllowingUnused} gives zeros for it instead.
   */
  public static List<Expr> grad(Expr cost, Variable... wrt) {
    checkNotNull(wrt, "grad: wrt is null");
    return Gradients.of(cost, Arrays.asList(wrt));
  }

  /** {@link #grad}, with zeros for variables the cost does not contain (PyTorch's {@code allow_unused}). */
  public static List<Expr> gradAllowingUnused(Expr cost, Variable... wrt) {
    checkNotNull(wrt, "gradAllowingUnused: wrt is null");
    return Gradients.of(cost, Arrays.asList(wrt), Gradients.Unused.ZEROS);
  }

  /** The Hessian-vector product {@code H·v}: the gradient of {@code ⟨∇cost, v⟩} (see {@link Derivatives#hvp}). */
  public static Expr hvp(Expr cost, Variable wrt, Expr v) {
    return Derivatives.hvp(cost, wrt, v);
  }

  /** {@link #hvp(Expr, Variable, Expr)} along a fixed direction. */
  public static Expr hvp(Expr cost, Variable wrt, Tensor v) {
    checkNotNull(v, "hvp: v is null");
    return Derivatives.hvp(cost, wrt, Constant.of(v));
  }

  /**
   * The Jacobian-vector product {@code J·t}, the derivative of {@code f} along {@code tangent}, of
   * {@code f}'s shape. Computed by transposing reverse mode twice, not by a separate forward mode: see
   * {@link Derivatives#jvp} for how, and what it costs.
   */
  public static Expr jvp(Expr f, Variable wrt, Expr tangent) {
    return Derivatives.jvp(f, wrt, tangent);
  }

  /** {@link #jvp(Expr, Variable, Expr)} along a fixed tangent. */
  public static Expr jvp(Expr f, Variable wrt, Tensor tangent) {
    checkNotNull(tangent, "jvp: tangent is null");
    return Derivatives.jvp(f, wrt, Constant.of(tangent));
  }

  /** The dense Hessian of a scalar cost, of shape {@code w.shape ++ w.shape}, for small {@code w} (see {@link Derivatives#hessian}). */
  public static Expr hessian(Expr cost, Variable w) {
    return Derivatives.hessian(cost, w);
  }

  /** The dense Jacobian of {@code f}, of shape {@code f.shape ++ w.shape}, for small shapes (see {@link Derivatives#jacobian}). */
  public static Expr jacobian(Expr f, Variable w) {
    return Derivatives.jacobian(f, w);
  }

  // ---- evaluation ----

  /** Evaluates one expression for the given bindings. */
  public static Tensor evaluate(Expr expr, Bindings bindings) {
    return Evaluator.evaluate(checkNotNull(expr, "evaluate: expr is null"), bindings);
  }

  /** Evaluates several expressions in one pass, sharing common work. */
  public static List<Tensor> evaluate(List<? extends Expr> outputs, Bindings bindings) {
    return Evaluator.evaluate(outputs, bindings);
  }
}
