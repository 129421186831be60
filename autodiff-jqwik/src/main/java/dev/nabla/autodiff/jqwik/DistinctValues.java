package dev.nabla.autodiff.jqwik;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes the values of a {@code @ForAll Tensor} parameter pairwise distinct ({@link Domain#distinct}), so
 * max and argmax have no ties.
 *
 * <pre>{@code
 * @Property
 * void maxPooling(@ForAll @TensorShape({3, 4}) @DistinctValues Tensor x) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface DistinctValues {}
