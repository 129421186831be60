package dev.nabla.autodiff.jqwik;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@code @ForAll Tensor} parameter positive with values summing to 1 along {@link #axis}
 * ({@link Domain#probabilities}): soft targets, or the output of a softmax.
 *
 * <pre>{@code
 * @Property
 * void crossEntropy(@ForAll @TensorShape({4, 10}) @Probabilities Tensor targets) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface Probabilities {
  /** The axis along which the values sum to 1 (negative counts from the end). */
  int axis() default -1;
}
