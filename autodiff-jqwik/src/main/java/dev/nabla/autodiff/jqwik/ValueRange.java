package dev.nabla.autodiff.jqwik;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value range of a {@code @ForAll Tensor} parameter ({@link Domain#between}); the default range,
 * without this annotation, is [-2, 2]. Combine with {@link AwayFrom} to exclude kinks inside it.
 *
 * <pre>{@code
 * @Property
 * void p(@ForAll @TensorShape(5) @ValueRange(min = 0.1, max = 5) Tensor positive) { ... }
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
}
