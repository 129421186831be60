package dev.nabla.autodiff.jqwik;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value range of a {@code @ForAll Tensor} parameter ({@link Domain#between}); the default range,
 * without this annotation, is [-2, 2]. Combine with {@link AwayFrom} to exclude kinks inside it, or with
 * {@link DistinctValues}. jqwik draws values with a bias toward 0 (or the range's point nearest 0):
 * about 62% of [-2, 2]'s values have {@code |v| < 0.1}. {@link #uniform} spreads them evenly.
 *
 * <pre>{@code
 * @Property
 * void p(@ForAll @TensorShape(5) @ValueRange(min = 0.1, max = 5) Tensor positive,
 *     @ForAll @TensorShape(5) @ValueRange(min = -2, max = 2, uniform = true) Tensor spread) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface ValueRange {
  /** The smallest value. */
  double min();

  /** The largest value. */
  double max();

  /** Draw values uniformly over the range ({@link Domain#uniformly}) instead of biased toward 0. */
  boolean uniform() default false;
}
