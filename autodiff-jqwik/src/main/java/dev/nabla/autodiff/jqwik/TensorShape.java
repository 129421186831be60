package dev.nabla.autodiff.jqwik;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The shape of a {@code @ForAll Tensor} (or {@code @ForAll Shape}) parameter: fixed dimensions, or
 * bounds for a random shape when {@link #value} is empty.
 *
 * <pre>{@code
 * @Property
 * void p(@ForAll @TensorShape({4, 3}) Tensor x, @ForAll @TensorShape(maxRank = 3) Tensor any) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface TensorShape {
  /** Fixed dimensions; empty for a random shape within the bounds below (the default). */
  int[] value() default {};

  /** Smallest rank of a random shape. */
  int minRank() default 0;

  /** Largest rank of a random shape. */
  int maxRank() default 2;

  /** Largest dimension of a random shape. */
  int maxDim() default 4;
}
