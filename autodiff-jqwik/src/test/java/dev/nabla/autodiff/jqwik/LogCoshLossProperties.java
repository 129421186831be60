package dev.nabla.autodiff.jqwik;

import static dev.nabla.autodiff.Nabla.*;
import static dev.nabla.autodiff.jqwik.GradientAssertions.assertGradientsMatch;
import static dev.nabla.autodiff.jqwik.GradientAssertions.assertHessianVectorProductsMatch;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Tensor;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The example of autodiff-jqwik's README and package documentation (the first property), in this
 * module's package, plus the same cost checked to second order from generated bindings. The README's own
 * copy, in a package of a user's, is compiled and run by the invoker project {@code src/it/readme-project}.
 */
class LogCoshLossProperties {
  static final Variable X = variable("x", 4, 3), W = variable("w", 3), Y = variable("y", 4);
  static final Expr R = sub(sigmoid(matmul(X, W)), Y);                   // residual of a sigmoid unit
  static final Expr COST = mean(log(add(exp(R), exp(neg(R))).div(2)));   // log-cosh loss

  @Property
  void logCoshLossHasCorrectGradients(@ForAll @TensorShape({4, 3}) Tensor x, @ForAll @TensorShape(3) Tensor w,
      @ForAll @TensorShape(4) @ValueRange(min = 0, max = 1) Tensor y) {
    assertGradientsMatch(COST, X, x, W, w, Y, y);
  }

  @Provide
  Arbitrary<Bindings> points() {
    return Tensors.bindingsFor(COST).where(Y, Domain.between(0, 1));
  }

  @Property(tries = 200)
  void logCoshLossHasCorrectSecondDerivatives(@ForAll("points") Bindings at) {
    assertHessianVectorProductsMatch(COST, at);
  }
}
