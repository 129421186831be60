package dev.nabla.autodiff.jqwik;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Broadcasting;
import dev.nabla.autodiff.tensor.Shape;

/**
 * Two shapes that broadcast against each other, as drawn by {@link Shapes#broadcastPairs}.
 *
 * <pre>{@code
 * ShapePair p = new ShapePair(Shape.of(3, 4), Shape.of(4));
 * p.broadcast();   // [3, 4]
 * }</pre>
 *
 * @param left the left operand's shape
 * @param right the right operand's shape
 */
public record ShapePair(Shape left, Shape right) {
  /** Checks that the shapes broadcast. */
  public ShapePair {
    checkNotNull(left, "left shape");
    checkNotNull(right, "right shape");
    Broadcasting.shape("ShapePair", left, right);
  }

  /** The shape both broadcast to. */
  public Shape broadcast() {
    return Broadcasting.shape("ShapePair", left, right);
  }

  /** Whichever of the two is the broadcast shape itself ({@code left} when both are). */
  public Shape larger() {
    return left.equals(broadcast()) ? left : right;
  }

  /** The other one. */
  public Shape smaller() {
    return left.equals(broadcast()) ? right : left;
  }
}
