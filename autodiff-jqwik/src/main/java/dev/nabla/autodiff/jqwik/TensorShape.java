package dev.nabla.autodiff.jqwik;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The shape of a {@code @ForAll Tensor} (or {@code @ForAll Shape}) parameter: fixed dimensions, or
 * bounds for a random shape. {@code @TensorShape({})} is a scalar (rank 0), as {@code Shape.of()} is;
 * {@code @TensorShape(maxRank = 0)} is a scalar too. Giving both fixed dimensions and bounds is
 * rejected when the property starts, as are dimensions below 1.
 *
 * <pre>{@code
 * @Property
 * void p(@ForAll @TensorShape({4, 3}) Tensor x,          // always [4, 3]
 *     @ForAll @TensorShape({}) Tensor s,                 // always a scalar
 *     @ForAll @TensorShape(maxRank = 3) Tensor any) {    // rank 0..3, dimensions 1..4
 *   ...
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface TensorShape {
  /** The default of {@link #value}: no fixed dimensions, a random shape within the bounds. */
  int RANDOM = Integer.MIN_VALUE;

  /**
   * Fixed dimensions, each at least 1; {@code {}} for a scalar. Left out (the default, {@code
   * {RANDOM}}), the shape is random within {@link #minRank}, {@link #maxRank} and {@link #maxDim}.
   */
  int[] value() default {RANDOM};

  /** Smallest rank of a random shape. */
  int minRank() default 0;

  /** Largest rank of a random shape. */
  int maxRank() default 2;

  /** Largest dimension of a random shape. */
  int maxDim() default 4;
}
