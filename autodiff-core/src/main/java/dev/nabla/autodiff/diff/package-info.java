/**
 * Differentiation of expression graphs: {@link dev.nabla.autodiff.diff.Gradients}, reverse mode, and
 * {@link dev.nabla.autodiff.diff.Derivatives} built from it (Hessian-vector and Jacobian-vector
 * products, dense Hessians and Jacobians). Every result is an expression again.
 */
@CheckReturnValue
package dev.nabla.autodiff.diff;

import com.google.errorprone.annotations.CheckReturnValue;
