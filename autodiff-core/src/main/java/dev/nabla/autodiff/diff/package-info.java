/**
 * Differentiation of expression graphs: {@link dev.nabla.autodiff.diff.Gradients}, reverse mode, whose
 * results are expressions again.
 */
@CheckReturnValue
package dev.nabla.autodiff.diff;

import com.google.errorprone.annotations.CheckReturnValue;
