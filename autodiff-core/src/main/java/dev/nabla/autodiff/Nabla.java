package dev.nabla.autodiff;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.diff.Gradients;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.graph.Binary;
import dev.nabla.autodiff.graph.BinaryOp;
import dev.nabla.autodiff.graph.Composites;
import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.MatMul;
import dev.nabla.autodiff.graph.Power;
import dev.nabla.autodiff.graph.Reduce;
import dev.nabla.autodiff.graph.ReduceOp;
import dev.nabla.autodiff.graph.Reshape;
import dev.nabla.autodiff.graph.Transpose;
import dev.nabla.autodiff.graph.Unary;
import dev.nabla.autodiff.graph.UnaryOp;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;

/**
 * The whole public vocabulary in one place, for {@code import static dev.nabla.autodiff.Nabla.*}:
 * variables and constants, operations (each also available as a fluent method on {@link Expr}),
 * {@link #grad} and {@link #evaluate}.
 *
 * <pre>{@code
 * Variable w = variable("w", 3);
 * Expr cost = sum(square(sub(w, constant(Tensor.of(1, 2, 3)))));
 * Expr dw = grad(cost, w).get(0);                    // 2 * (w - [1, 2, 3])
 * Tensor value = evaluate(dw, Bindings.of(w, Tensor.of(0, 0, 0)));
 * }</pre>
 *
 * <p>Shapes broadcast as in NumPy (see {@link dev.nabla.autodiff.tensor.Broadcasting}). Every
 * operation checks its inputs' shapes when it is called and fails with an {@link
 * IllegalArgumentException} naming the operation and the shapes.
 */
public final class Nabla {
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

  /** A tensor constant. */
  public static Expr constant(Tensor value) {
    return Constant.of(value);
  }

  /** Zeros of {@code x}'s shape (a constant when the shape is fixed, else broadcast from {@code x}'s value). */
  public static Expr zerosLike(Expr x) {
    return Composites.zerosLike(x);
  }

  /** Ones of {@code x}'s shape. */
  public static Expr onesLike(Expr x) {
    return Composites.onesLike(x);
  }

  // ---- elementwise, broadcasting ----

  /** {@code a + b}. */
  public static Expr add(Expr a, Expr b) {
    return Binary.of(BinaryOp.ADD, a, b);
  }

  /** {@code a − b}. */
  public static Expr sub(Expr a, Expr b) {
    return Binary.of(BinaryOp.SUB, a, b);
  }

  /** Elementwise (Hadamard) product {@code a ⊙ b}; for the matrix product see {@link #matmul}. */
  public static Expr mul(Expr a, Expr b) {
    return Binary.of(BinaryOp.MUL, a, b);
  }

  /** Elementwise {@code a / b}. */
  public static Expr div(Expr a, Expr b) {
    return Binary.of(BinaryOp.DIV, a, b);
  }

  /** {@code −x}. */
  public static Expr neg(Expr x) {
    return Unary.of(UnaryOp.NEG, x);
  }

  /** 1 where {@code a > b}, else 0. Not differentiable: passes no gradient. */
  public static Expr gt(Expr a, Expr b) {
    return Binary.of(BinaryOp.GT, a, b);
  }

  /** 1 where {@code a ≥ b}, else 0. Passes no gradient. */
  public static Expr ge(Expr a, Expr b) {
    return Binary.of(BinaryOp.GE, a, b);
  }

  /** 1 where {@code a < b}, else 0. Passes no gradient. */
  public static Expr lt(Expr a, Expr b) {
    return Binary.of(BinaryOp.LT, a, b);
  }

  /** 1 where {@code a ≤ b}, else 0. Passes no gradient. */
  public static Expr le(Expr a, Expr b) {
    return Binary.of(BinaryOp.LE, a, b);
  }

  /** 1 where {@code a = b}, else 0. Passes no gradient. */
  public static Expr eq(Expr a, Expr b) {
    return Binary.of(BinaryOp.EQ, a, b);
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

  /**
   * {@code x} itself in value, but treated as a constant by {@link #grad}: no gradient flows through
   * it.
   */
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

  // ---- reductions ----

  /** The sum of all elements, a scalar. */
  public static Expr sum(Expr x) {
    return Reduce.of(ReduceOp.SUM, x, false);
  }

  /** The sum along {@code axis} (negative counts from the end), removed or kept with size 1. */
  public static Expr sum(Expr x, int axis, boolean keepDims) {
    return Reduce.of(ReduceOp.SUM, x, keepDims, axis);
  }

  /**
   * The number of elements of {@code x} along {@code axes} (all when none), as a scalar expression: the
   * {@code n} of a batch mean, read from the bound value when the dimension is open. A constant when the
   * dimensions are fixed. No gradient.
   *
   * <pre>{@code
   * Expr quadratic = div(sum(square(sub(y, a))), mul(constant(2), count(a, 0)));   // 1/(2n) Σ ‖y − a‖²
   * }</pre>
   */
  public static Expr count(Expr x, int... axes) {
    return Count.of(x, axes);
  }

  /** The mean of all elements: {@code sum(x) / n}. */
  public static Expr mean(Expr x) {
    return Composites.mean(x);
  }

  /** The mean along {@code axis}. */
  public static Expr mean(Expr x, int axis, boolean keepDims) {
    return Composites.mean(x, axis, keepDims);
  }

  /** The largest element; its gradient goes to the arg-max entries (split equally between ties). */
  public static Expr max(Expr x) {
    return Reduce.of(ReduceOp.MAX, x, false);
  }

  /** The largest element along {@code axis}. */
  public static Expr max(Expr x, int axis, boolean keepDims) {
    return Reduce.of(ReduceOp.MAX, x, keepDims, axis);
  }

  /** The index of the largest element along {@code axis} (the first on ties), as a double. No gradient. */
  public static Expr argmax(Expr x, int axis) {
    return Reduce.of(ReduceOp.ARGMAX, x, false, axis);
  }

  /**
   * {@code log Σ exp(x)} along {@code axis}, computed stably as {@code m + log Σ exp(x − m)} with
   * {@code m = max(x)}. The result does not depend on {@code m} (its two paths cancel), so {@code m} is
   * held constant for differentiation and the gradient is exactly the softmax.
   */
  public static Expr logSumExp(Expr x, int axis, boolean keepDims) {
    return Composites.logSumExp(x, axis, keepDims);
  }

  /** The softmax along {@code axis}, {@code exp(x − logSumExp(x))}: positive, summing to 1, stable. */
  public static Expr softmax(Expr x, int axis) {
    return Composites.softmax(x, axis);
  }

  // ---- differentiation and evaluation ----

  /**
   * The gradient of a scalar {@code cost} with respect to each variable, as expressions of the
   * variables' shapes (see {@link Gradients#of}).
   */
  public static List<Expr> grad(Expr cost, Variable... wrt) {
    return Gradients.of(cost, List.of(wrt));
  }

  /** Evaluates one expression for the given bindings. */
  public static Tensor evaluate(Expr expr, Bindings bindings) {
    return Evaluator.evaluate(checkNotNull(expr, "expression"), bindings);
  }

  /** Evaluates several expressions in one pass, sharing common work. */
  public static List<Tensor> evaluate(List<? extends Expr> exprs, Bindings bindings) {
    return Evaluator.evaluate(exprs, bindings);
  }
}
