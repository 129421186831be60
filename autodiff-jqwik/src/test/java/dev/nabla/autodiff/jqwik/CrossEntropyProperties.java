package dev.nabla.autodiff.jqwik;

import static dev.nabla.autodiff.Nabla.*;
import static dev.nabla.autodiff.jqwik.GradientAssertions.assertDirectionalDerivativesMatch;
import static dev.nabla.autodiff.jqwik.GradientAssertions.assertGradientsMatch;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A softmax cross-entropy layer over labelled batches of any size: every component for a small layer,
 * random directions for a layer too large to check component by component.
 */
class CrossEntropyProperties {
  private static Expr crossEntropy(Variable x, Variable w, Variable b, Variable y) {
    Expr logits = add(matmul(x, w), b);
    return mean(sum(mul(y, sub(logSumExp(logits, 1, true), logits)), 1, false));
  }

  private static final Variable X = variable("x", Shape.batch(6));
  private static final Variable W = variable("w", 6, 4);
  private static final Variable B = variable("b", 4);
  private static final Variable Y = variable("y", Shape.batch(4));
  private static final Expr SMALL = crossEntropy(X, W, B, Y);

  private static final Variable BIG_X = variable("x", Shape.batch(196));
  private static final Variable BIG_W = variable("w", 196, 10);
  private static final Variable BIG_B = variable("b", 10);
  private static final Variable BIG_Y = variable("y", Shape.batch(10));
  private static final Expr BIG = crossEntropy(BIG_X, BIG_W, BIG_B, BIG_Y);

  @Provide
  Arbitrary<LabelledBatch> smallBatches() {
    return Tensors.labelledBatches(6, 4);
  }

  @Property(tries = 100)
  void crossEntropyHasCorrectGradients(@ForAll("smallBatches") LabelledBatch batch, @ForAll @TensorShape({6, 4}) Tensor w,
      @ForAll @TensorShape(4) Tensor b) {
    assertGradientsMatch(SMALL, Bindings.of(X, batch.inputs(), Y, batch.targets()).with(W, w).with(B, b),
        Tolerance.defaults(), W, B);
  }

  @Provide
  Arbitrary<LabelledBatch> bigBatches() {
    return Tensors.labelledBatches(1, 16, 196, 10, Domain.sparse(Domain.between(0, 1), 0.8));
  }

  @Provide
  Arbitrary<Tensor> bigWeights() {
    return Tensors.of(196, 10).between(-0.1, 0.1);
  }

  @Property(tries = 30)
  void crossEntropyOfALargeLayerHasCorrectDirectionalDerivatives(@ForAll("bigBatches") LabelledBatch batch,
      @ForAll("bigWeights") Tensor w, @ForAll @TensorShape(10) Tensor b) {
    Bindings at = Bindings.of(BIG_X, batch.inputs(), BIG_Y, batch.targets()).with(BIG_W, w).with(BIG_B, b);
    assertDirectionalDerivativesMatch(BIG, at);
  }
}
