package dev.nabla.autodiff;

import static dev.nabla.autodiff.Nabla.*;
import static dev.nabla.autodiff.OpCheck.checkSecondOrder;

import dev.nabla.autodiff.OperationCases.MatMulCase;
import dev.nabla.autodiff.jqwik.AwayFrom;
import dev.nabla.autodiff.jqwik.Domain;
import dev.nabla.autodiff.jqwik.TensorShape;
import dev.nabla.autodiff.jqwik.ValueRange;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Second order for every differentiable elementwise operation and the matrix product: the
 * Hessian-vector product of {@code Σ op(x)² ⊙ R}, the gradient of a gradient, against central
 * differences of the gradient ({@link OpCheck#checkSecondOrder}). Piecewise-linear operations (abs,
 * relu, maximum, minimum, clip) are sampled away from their kinks, where the Hessian is that of the
 * square alone. The shape, selecting and reducing operations are in {@link
 * StructuralSecondOrderProperties}.
 */
class OperationSecondOrderProperties {
  private static final int TRIES = 60;

  @Provide
  Arbitrary<List<Tensor>> pairs() {
    return OperationCases.pairs();
  }

  @Provide
  Arbitrary<List<Tensor>> quotients() {
    return OperationCases.quotients();
  }

  @Provide
  Arbitrary<List<Tensor>> separatedPairs() {
    return OperationCases.pairs().map(OpCheck::separated);
  }

  @Provide
  Arbitrary<List<Tensor>> conditionedPairs() {
    return OpCheck.broadcastPairs(Domain.awayFrom(0.01, -2, 2, 0), OperationCases.STANDARD);
  }

  @Provide
  Arbitrary<MatMulCase> matrixProducts() {
    return OperationCases.matrixProducts();
  }

  @Provide
  Arbitrary<List<Tensor>> matrixVectorOperands() {
    return OperationCases.matrixVectorOperands();
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfAddMatches(@ForAll("pairs") List<Tensor> x) {
    checkSecondOrder(v -> add(v.get(0), v.get(1)), x.get(0), x.get(1));
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfSubMatches(@ForAll("pairs") List<Tensor> x) {
    checkSecondOrder(v -> sub(v.get(0), v.get(1)), x.get(0), x.get(1));
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfMulMatches(@ForAll("pairs") List<Tensor> x) {
    checkSecondOrder(v -> mul(v.get(0), v.get(1)), x.get(0), x.get(1));
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfDivMatches(@ForAll("quotients") List<Tensor> x) {
    checkSecondOrder(v -> div(v.get(0), v.get(1)), x.get(0), x.get(1));
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfMaximumMatches(@ForAll("separatedPairs") List<Tensor> x) {
    checkSecondOrder(v -> maximum(v.get(0), v.get(1)), x.get(0), x.get(1));
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfMinimumMatches(@ForAll("separatedPairs") List<Tensor> x) {
    checkSecondOrder(v -> minimum(v.get(0), v.get(1)), x.get(0), x.get(1));
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfWhereMatches(@ForAll("conditionedPairs") List<Tensor> x) {
    checkSecondOrder(v -> where(gt(v.get(0), 0), v.get(0), sin(v.get(1))), x.get(0), x.get(1));
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfClipMatches(@ForAll @TensorShape(maxRank = 3) @AwayFrom({-1, 1}) Tensor x) {
    checkSecondOrder(v -> clip(v.get(0), -1, 1), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfNegMatches(@ForAll @TensorShape(maxRank = 3) Tensor x) {
    checkSecondOrder(v -> neg(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfExpMatches(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -2, max = 2) Tensor x) {
    checkSecondOrder(v -> exp(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfLogMatches(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = 0.2, max = 5) Tensor x) {
    checkSecondOrder(v -> log(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfSqrtMatches(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = 0.2, max = 5) Tensor x) {
    checkSecondOrder(v -> sqrt(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfAbsMatches(@ForAll @TensorShape(maxRank = 3) @AwayFrom Tensor x) {
    checkSecondOrder(v -> abs(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfSigmoidMatches(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -6, max = 6) Tensor x) {
    checkSecondOrder(v -> sigmoid(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfTanhMatches(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -3, max = 3) Tensor x) {
    checkSecondOrder(v -> tanh(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfReluMatches(@ForAll @TensorShape(maxRank = 3) @AwayFrom Tensor x) {
    checkSecondOrder(v -> relu(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfSinMatches(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -4, max = 4) Tensor x) {
    checkSecondOrder(v -> sin(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfCosMatches(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -4, max = 4) Tensor x) {
    checkSecondOrder(v -> cos(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfTanMatches(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -1, max = 1) Tensor x) {
    checkSecondOrder(v -> tan(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfSinhMatches(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -2, max = 2) Tensor x) {
    checkSecondOrder(v -> sinh(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfCoshMatches(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -2, max = 2) Tensor x) {
    checkSecondOrder(v -> cosh(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfLog1pMatches(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -0.8, max = 4) Tensor x) {
    checkSecondOrder(v -> log1p(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfExpm1Matches(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -2, max = 2) Tensor x) {
    checkSecondOrder(v -> expm1(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfSoftplusMatches(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -8, max = 8) Tensor x) {
    checkSecondOrder(v -> softplus(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfPowMatches(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = 0.3, max = 3) Tensor x,
      @ForAll @DoubleRange(min = -2.5, max = 3.5) double p) {
    checkSecondOrder(v -> pow(v.get(0), p), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfSquareMatches(@ForAll @TensorShape(maxRank = 3) Tensor x) {
    checkSecondOrder(v -> square(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfMatMulMatches(@ForAll("matrixProducts") MatMulCase c) {
    checkSecondOrder(v -> matmul(c.transA() ? transpose(v.get(0)) : v.get(0), c.transB() ? transpose(v.get(1)) : v.get(1)),
        c.a(), c.b());
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfMatrixVectorProductsMatches(@ForAll("matrixVectorOperands") List<Tensor> x) {
    checkSecondOrder(v -> matmul(v.get(0), v.get(1)), x.get(0), x.get(1));
  }
}
