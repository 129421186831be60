/**
 * Symbolic reverse-mode automatic differentiation: {@link dev.nabla.autodiff.Nabla}, the public
 * vocabulary in one class, for {@code import static dev.nabla.autodiff.Nabla.*}.
 *
 * <p>Build a scalar cost from {@link dev.nabla.autodiff.graph.Variable}s with the functions of {@link
 * dev.nabla.autodiff.Nabla} (or the fluent methods of {@link dev.nabla.autodiff.graph.Expr}), take its
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
 * <p>The packages, each depending only on those listed before it:
 * <ul>
 *   <li>{@link dev.nabla.autodiff.tensor}: {@code Tensor}, {@code Shape}, broadcasting rules;
 *   <li>{@link dev.nabla.autodiff.kernel}: the loops that compute products and reductions;
 *   <li>{@link dev.nabla.autodiff.graph}: expressions, the primitives with all their rules, composites,
 *       graph walks;
 *   <li>{@link dev.nabla.autodiff.diff}: reverse mode, and the derivatives built from it (hvp, jvp,
 *       dense Hessians and Jacobians);
 *   <li>{@link dev.nabla.autodiff.print}: text, LaTeX and DOT ({@code Expr.toString()} calls the text
 *       printer, the one edge back);
 *   <li>{@link dev.nabla.autodiff.eval}: {@code Evaluator}, the compiled {@code Plan}, {@code Bindings};
 *   <li>{@link dev.nabla.autodiff.check}: {@code GradientCheck};
 *   <li>this package: the facade, which calls the others and is called by none of them.
 * </ul>
 */
@CheckReturnValue
package dev.nabla.autodiff;

import com.google.errorprone.annotations.CheckReturnValue;
