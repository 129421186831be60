/**
 * Symbolic reverse-mode automatic differentiation.
 *
 * <p>Build a scalar cost from {@link dev.nabla.autodiff.Variable}s with the functions of {@link
 * dev.nabla.autodiff.Nabla} (or the fluent methods of {@link dev.nabla.autodiff.Expr}), take its
 * gradient with {@link dev.nabla.autodiff.Nabla#grad} — itself an expression graph — then evaluate,
 * print, simplify or differentiate it again.
 *
 * <pre>{@code
 * import static dev.nabla.autodiff.Nabla.*;
 *
 * Variable w = variable("w", 3);
 * Expr cost = sum(square(sub(w, constant(Tensor.of(1, 2, 3)))));
 * Expr dw = grad(cost, w).get(0);
 * System.out.println(dw);                                   // 2 * (w - const[3])
 * System.out.println(evaluate(dw, Bindings.of(w, Tensor.of(0, 0, 0))));
 * }</pre>
 *
 * <p>Primitives (one class each, holding shape rule, kernel, VJP and printing): {@link
 * dev.nabla.autodiff.Unary}, {@link dev.nabla.autodiff.Binary}, {@link dev.nabla.autodiff.Power}, {@link
 * dev.nabla.autodiff.MatMul}, {@link dev.nabla.autodiff.Transpose}, {@link dev.nabla.autodiff.Reshape},
 * {@link dev.nabla.autodiff.Reduce}, {@link dev.nabla.autodiff.Expand}, {@link dev.nabla.autodiff.Count}.
 * Linear ones come in transpose pairs: Expand ↔ Reduce(SUM), Reshape ↔ Reshape, Transpose ↔ inverse
 * Transpose, MatMul ↔ MatMul with transpose flags.
 */
@CheckReturnValue
package dev.nabla.autodiff;

import com.google.errorprone.annotations.CheckReturnValue;
