package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;

/**
 * Functions written in terms of primitives, as a user would write them: their gradients come from the
 * primitives' VJPs and cannot be wrong on their own. {@code dev.nabla.autodiff.Nabla} and the fluent
 * methods of {@link Expr} both call these.
 */
public final class Composites {
  private Composites() {}

  /** Zeros of {@code x}'s shape (a constant when the shape is fixed, else broadcast from {@code x}'s value). */
  public static Expr zerosLike(Expr x) {
    checkNotNull(x, "zerosLike: x is null");
    return filledLike(x, 0);
  }

  /** Ones of {@code x}'s shape. */
  public static Expr onesLike(Expr x) {
    checkNotNull(x, "onesLike: x is null");
    return filledLike(x, 1);
  }

  private static Expr filledLike(Expr x, double value) {
    return x.shape().isConcrete() ? Constant.of(Tensor.fill(x.shape(), value)) : Expand.of(Constant.of(value), x);
  }

  /** {@code x[i₀, i₁, …]}: {@link Slice#index} along the leading axes, each removed in turn. */
  public static Expr index(Expr x, int... indices) {
    checkNotNull(x, "index: x is null");
    checkNotNull(indices, "index: indices is null");
    checkArgument(indices.length <= x.shape().rank(), "index: %s indices for %s of rank %s", indices.length, x.shape(),
        x.shape().rank());
    Expr e = x;
    for (int i : indices) {
      e = Slice.index(e, 0, i);
    }
    return e;
  }

  /** {@code x} limited to {@code [lo, hi]}: {@code minimum(maximum(x, lo), hi)}; gradient 1 inside, 0 outside. */
  public static Expr clip(Expr x, double lo, double hi) {
    checkNotNull(x, "clip: x is null");
    checkArgument(lo <= hi, "clip: lo %s is above hi %s", lo, hi);
    return x.maximum(lo).minimum(hi);
  }

  /** The mean of all elements: {@code sum(x) / n}. */
  public static Expr mean(Expr x) {
    checkNotNull(x, "mean: x is null");
    return x.sum().div(Count.of(x));
  }

  /** The mean along {@code axis}. */
  public static Expr mean(Expr x, int axis, boolean keepDims) {
    checkNotNull(x, "mean: x is null");
    return x.sum(axis, keepDims).div(Count.of(x, axis));
  }

  /**
   * {@code log Σ exp(x)} along {@code axis}, computed stably as {@code m + log Σ exp(x − m)} with
   * {@code m = max(x)}. The result does not depend on {@code m} (its two paths cancel), so {@code m} is
   * held constant for differentiation and the gradient is exactly the softmax.
   */
  public static Expr logSumExp(Expr x, int axis, boolean keepDims) {
    checkNotNull(x, "logSumExp: x is null");
    Expr m = Unary.of(UnaryOp.STOP_GRADIENT, x.max(axis, true));
    Expr lse = m.add(x.sub(m).exp().sum(axis, true).log());
    if (keepDims) {
      return lse;
    }
    Shape reduced = Reduce.reducedShape(x.shape(), new int[] {x.shape().normalizeAxis(axis)}, false);
    return Reshape.of(lse, reduced);
  }

  /** The softmax along {@code axis}, {@code exp(x − logSumExp(x))}: positive, summing to 1, stable. */
  public static Expr softmax(Expr x, int axis) {
    checkNotNull(x, "softmax: x is null");
    return x.sub(logSumExp(x, axis, true)).exp();
  }
}
