package dev.nabla.autodiff.jqwik;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps the values of a {@code @ForAll Tensor} parameter at least {@link #margin} away from the given
 * kinks ({@link Domain#awayFrom}), inside the {@link ValueRange} if one is given, else [-3, 3].
 *
 * <pre>{@code
 * @Property
 * void reluCost(@ForAll @TensorShape(6) @AwayFrom Tensor x) { ... }           // |x| >= 0.01
 * void huberCost(@ForAll @TensorShape(6) @AwayFrom({-1, 1}) Tensor r) { ... } // the Huber kinks at ±δ
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface AwayFrom {
  /** The kinks to avoid. */
  double[] value() default {0};

  /** The smallest allowed distance from a kink. */
  double margin() default 0.01;
}
