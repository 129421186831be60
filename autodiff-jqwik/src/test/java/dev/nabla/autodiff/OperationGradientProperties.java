package dev.nabla.autodiff;

import static dev.nabla.autodiff.Nabla.*;
import static dev.nabla.autodiff.OpCheck.check;

import dev.nabla.autodiff.OperationCases.MatMulCase;
import dev.nabla.autodiff.graph.Binary;
import dev.nabla.autodiff.graph.BinaryOp;
import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expand;
import dev.nabla.autodiff.graph.Unary;
import dev.nabla.autodiff.graph.UnaryOp;
import dev.nabla.autodiff.jqwik.AwayFrom;
import dev.nabla.autodiff.jqwik.DistinctValues;
import dev.nabla.autodiff.jqwik.TensorShape;
import dev.nabla.autodiff.jqwik.ValueRange;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * For every differentiable operation: reverse-mode gradients match central differences over random
 * shapes (including broadcast pairs) and random values from the operation's domain, kept away from
 * kinks. Inputs come from autodiff-jqwik's arbitraries and annotations, so a failure is reported on a
 * shrunk, small tensor. Each property names the operation it covers; {@link OperationCoverageTest}
 * checks that none is missing.
 */
class OperationGradientProperties {
  private static final int TRIES = 150;

  @Provide
  Arbitrary<List<Tensor>> pairs() {
    return OperationCases.pairs();
  }

  @Provide
  Arbitrary<List<Tensor>> quotients() {
    return OperationCases.quotients();
  }

  @Provide
  Arbitrary<List<Tensor>> comparands() {
    return OpCheck.broadcastPairs(OperationCases.STANDARD, OperationCases.STANDARD)
        .map(p -> List.of(p.get(0), OpCheck.offGrid(p.get(1))));
  }

  @Provide
  Arbitrary<List<Tensor>> expansions() {
    return OperationCases.expansions();
  }

  @Provide
  Arbitrary<MatMulCase> matrixProducts() {
    return OperationCases.matrixProducts();
  }

  @Provide
  Arbitrary<List<Tensor>> matrixVectorOperands() {
    return OperationCases.matrixVectorOperands();
  }

  // ---- BinaryOp ----

  @Property(tries = TRIES)
  void gradientOfAddMatchesFiniteDifferences(@ForAll("pairs") List<Tensor> x) {
    check(v -> add(v.get(0), v.get(1)), x.get(0), x.get(1));
  }

  @Property(tries = TRIES)
  void gradientOfSubMatchesFiniteDifferences(@ForAll("pairs") List<Tensor> x) {
    check(v -> sub(v.get(0), v.get(1)), x.get(0), x.get(1));
  }

  @Property(tries = TRIES)
  void gradientOfMulMatchesFiniteDifferences(@ForAll("pairs") List<Tensor> x) {
    check(v -> mul(v.get(0), v.get(1)), x.get(0), x.get(1));
  }

  @Property(tries = TRIES)
  void gradientOfDivMatchesFiniteDifferences(@ForAll("quotients") List<Tensor> x) {
    check(v -> div(v.get(0), v.get(1)), x.get(0), x.get(1));
  }

  @Property(tries = 50)
  void comparisonsPassNoGradient(@ForAll("comparands") List<Tensor> x) {
    for (BinaryOp op : BinaryOp.values()) {
      if (op.isComparison()) {
        // the (zero) analytic gradient against differences of a piecewise constant function, off its steps
        check(v -> Binary.of(op, v.get(0), v.get(1)), x.get(0), x.get(1));
      }
    }
  }

  // ---- UnaryOp ----

  @Property(tries = TRIES)
  void gradientOfNegMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -3, max = 3) Tensor x) {
    check(v -> neg(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void gradientOfExpMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -3, max = 3) Tensor x) {
    check(v -> exp(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void gradientOfLogMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = 0.1, max = 5) Tensor x) {
    check(v -> log(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void gradientOfSqrtMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = 0.1, max = 5) Tensor x) {
    check(v -> sqrt(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void gradientOfAbsMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @AwayFrom Tensor x) {
    check(v -> abs(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void gradientOfSigmoidMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -6, max = 6) Tensor x) {
    check(v -> sigmoid(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void gradientOfTanhMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -3, max = 3) Tensor x) {
    check(v -> tanh(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void gradientOfReluMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @AwayFrom Tensor x) {
    check(v -> relu(v.get(0)), x);
  }

  @Property(tries = 50)
  void signStepAndStopGradientPassNoGradient(@ForAll @TensorShape(maxRank = 3) @AwayFrom Tensor x) {
    check(v -> Unary.of(UnaryOp.SIGN, v.get(0)), x);
    check(v -> Unary.of(UnaryOp.STEP, v.get(0)), x);
    // stop_gradient is the identity in value, so finite differences see slope 1 where grad sees 0:
    // it is checked inside a function whose value does not depend on it (as in logSumExp)
    check(v -> sub(v.get(0), stopGradient(v.get(0))).add(stopGradient(v.get(0))), x);
  }

  // ---- Power ----

  @Property(tries = TRIES)
  void gradientOfPowMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = 0.3, max = 3) Tensor x,
      @ForAll @DoubleRange(min = -2.5, max = 3.5) double p) {
    check(v -> pow(v.get(0), p), x);
  }

  @Property(tries = TRIES)
  void gradientOfSquareMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -3, max = 3) Tensor x) {
    check(v -> square(v.get(0)), x);
  }

  // ---- MatMul ----

  @Property(tries = TRIES)
  void gradientOfMatMulMatchesFiniteDifferences(@ForAll("matrixProducts") MatMulCase c) {
    check(v -> matmul(c.transA() ? transpose(v.get(0)) : v.get(0), c.transB() ? transpose(v.get(1)) : v.get(1)),
        c.a(), c.b());
  }

  @Property(tries = TRIES)
  void gradientOfMatrixVectorProductsMatchesFiniteDifferences(@ForAll("matrixVectorOperands") List<Tensor> x) {
    check(v -> matmul(v.get(0), v.get(1)), x.get(0), x.get(1));
  }

  // ---- shape operations ----

  @Property(tries = TRIES)
  void gradientOfTransposeMatchesFiniteDifferences(@ForAll @TensorShape(minRank = 1, maxRank = 3) Tensor x) {
    check(v -> transpose(v.get(0)), x);
    if (x.shape().rank() == 3) {
      check(v -> transpose(v.get(0), 1, 2, 0), x);
    }
  }

  @Property(tries = TRIES)
  void gradientOfReshapeMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) Tensor x) {
    check(v -> reshape(v.get(0), Shape.of(x.size())), x);
    check(v -> reshape(v.get(0), Shape.of(1, Shape.ANY)), x);
  }

  @Property(tries = TRIES)
  void gradientOfExpandMatchesFiniteDifferences(@ForAll("expansions") List<Tensor> x) {
    check(v -> Expand.of(v.get(0), v.get(1)), x.get(0), x.get(1));
  }

  // ---- Reduce ----

  @Property(tries = TRIES)
  void gradientOfSumMatchesFiniteDifferences(@ForAll @TensorShape(minRank = 1, maxRank = 3) Tensor x,
      @ForAll @IntRange(max = 2) int axisSeed, @ForAll boolean keepDims) {
    int axis = axisSeed % x.shape().rank();
    check(v -> sum(v.get(0)), x);
    check(v -> sum(v.get(0), axis, keepDims), x);
  }

  @Property(tries = TRIES)
  void gradientOfMeanMatchesFiniteDifferences(@ForAll @TensorShape(minRank = 1, maxRank = 3) Tensor x,
      @ForAll @IntRange(max = 2) int axisSeed, @ForAll boolean keepDims) {
    int axis = axisSeed % x.shape().rank();
    check(v -> mean(v.get(0)), x);
    check(v -> mean(v.get(0), axis, keepDims), x);
  }

  @Property(tries = TRIES)
  void gradientOfMaxMatchesFiniteDifferences(@ForAll @TensorShape(minRank = 1, maxRank = 3) @DistinctValues Tensor x,
      @ForAll @IntRange(max = 2) int axisSeed, @ForAll boolean keepDims) {
    int axis = axisSeed % x.shape().rank();
    check(v -> max(v.get(0)), x);
    check(v -> max(v.get(0), axis, keepDims), x);
  }

  @Property(tries = 50)
  void argmaxAndCountPassNoGradient(@ForAll @TensorShape(minRank = 1, maxRank = 3) @DistinctValues Tensor x) {
    check(v -> argmax(v.get(0), -1), x);
    check(v -> mul(v.get(0), Count.of(reshape(v.get(0), Shape.of(Shape.ANY)))), x);
  }

  // ---- composites ----

  @Property(tries = TRIES)
  void gradientOfSoftmaxMatchesFiniteDifferences(@ForAll @TensorShape(minRank = 1, maxRank = 3) @ValueRange(min = -4, max = 4)
      Tensor x, @ForAll @IntRange(max = 2) int axisSeed) {
    check(v -> softmax(v.get(0), axisSeed % x.shape().rank()), x);
  }

  @Property(tries = TRIES)
  void gradientOfLogSumExpMatchesFiniteDifferences(@ForAll @TensorShape(minRank = 1, maxRank = 3) @ValueRange(min = -4, max = 4)
      Tensor x, @ForAll @IntRange(max = 2) int axisSeed, @ForAll boolean keepDims) {
    check(v -> logSumExp(v.get(0), axisSeed % x.shape().rank(), keepDims), x);
  }
}
