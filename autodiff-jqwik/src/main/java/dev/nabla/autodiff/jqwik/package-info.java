/**
 * Property-based gradient checking with jqwik: generators of shapes, tensors, bindings, labelled
 * batches and random expression graphs, and assertions that compare reverse-mode gradients with
 * finite differences.
 *
 * <p>A researcher's property for a custom cost is one method and one assertion line:
 *
 * <pre>{@code
 * import static dev.nabla.autodiff.Nabla.*;
 * import static dev.nabla.autodiff.jqwik.GradientAssertions.assertGradientsMatch;
 *
 * class LogCoshLossProperties {
 *   static final Variable X = variable("x", 4, 3), W = variable("w", 3), Y = variable("y", 4);
 *   static final Expr R = sub(sigmoid(matmul(X, W)), Y);                   // residual of a sigmoid unit
 *   static final Expr COST = mean(log(add(exp(R), exp(neg(R))).div(2)));   // log-cosh loss
 *
 *   @Property
 *   void logCoshLossHasCorrectGradients(@ForAll @TensorShape({4, 3}) Tensor x, @ForAll @TensorShape(3) Tensor w,
 *       @ForAll @TensorShape(4) @ValueRange(min = 0, max = 1) Tensor y) {
 *     assertGradientsMatch(COST, X, x, W, w, Y, y);
 *   }
 * }
 * }</pre>
 *
 * <p>Generators: {@link dev.nabla.autodiff.jqwik.Shapes} (shapes with rank and size bounds, broadcast
 * pairs), {@link dev.nabla.autodiff.jqwik.Tensors} (tensors of a given or random shape over a {@link
 * dev.nabla.autodiff.jqwik.Domain}, bindings for a cost's variables, labelled batches with one-hot
 * targets), {@link dev.nabla.autodiff.jqwik.ExprGraphs} (random well-formed expression graphs), and the
 * parameter annotations {@link dev.nabla.autodiff.jqwik.TensorShape}, {@link
 * dev.nabla.autodiff.jqwik.ValueRange}, {@link dev.nabla.autodiff.jqwik.AwayFrom}, {@link
 * dev.nabla.autodiff.jqwik.Probabilities}, {@link dev.nabla.autodiff.jqwik.DistinctValues}. Everything
 * shrinks toward small shapes, simple values and short graphs.
 *
 * <p>Assertions: {@link dev.nabla.autodiff.jqwik.GradientAssertions}, with tolerances in {@link
 * dev.nabla.autodiff.jqwik.Tolerance}.
 */
package dev.nabla.autodiff.jqwik;
