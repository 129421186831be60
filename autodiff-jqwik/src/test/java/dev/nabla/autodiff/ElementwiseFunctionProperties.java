package dev.nabla.autodiff;

import static dev.nabla.autodiff.Nabla.*;
import static dev.nabla.autodiff.OpCheck.check;

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

/**
 * Gradients of the elementwise functions and choices added for researchers' own costs (trigonometric
 * and hyperbolic functions, {@code log1p}, {@code expm1}, {@code softplus}, {@code maximum}, {@code
 * minimum}, {@code clip}, {@code where}) against central differences, over random shapes, broadcast
 * pairs and values from each function's domain, away from kinks and ties. Their second-order
 * properties are in {@link OperationSecondOrderProperties}.
 */
class ElementwiseFunctionProperties {
  private static final int TRIES = 100;
  private static final Domain STANDARD = Domain.between(-2, 2);

  @Provide
  Arbitrary<List<Tensor>> separatedPairs() {
    return OpCheck.broadcastPairs(STANDARD, STANDARD).map(OpCheck::separated);
  }

  @Provide
  Arbitrary<List<Tensor>> conditionedPairs() {
    return OpCheck.broadcastPairs(Domain.awayFrom(0.01, -2, 2, 0), STANDARD);
  }

  @Property(tries = TRIES)
  void gradientOfSinMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -4, max = 4) Tensor x) {
    check(v -> sin(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void gradientOfCosMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -4, max = 4) Tensor x) {
    check(v -> cos(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void gradientOfTanMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -1.2, max = 1.2) Tensor x) {
    check(v -> tan(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void gradientOfSinhMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -3, max = 3) Tensor x) {
    check(v -> sinh(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void gradientOfCoshMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -3, max = 3) Tensor x) {
    check(v -> cosh(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void gradientOfLog1pMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -0.9, max = 4) Tensor x) {
    check(v -> log1p(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void gradientOfExpm1MatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -3, max = 3) Tensor x) {
    check(v -> expm1(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void gradientOfSoftplusMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @ValueRange(min = -8, max = 8) Tensor x) {
    check(v -> softplus(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void gradientOfMaximumMatchesFiniteDifferences(@ForAll("separatedPairs") List<Tensor> x) {
    check(v -> maximum(v.get(0), v.get(1)), x.get(0), x.get(1));
  }

  @Property(tries = TRIES)
  void gradientOfMinimumMatchesFiniteDifferences(@ForAll("separatedPairs") List<Tensor> x) {
    check(v -> minimum(v.get(0), v.get(1)), x.get(0), x.get(1));
  }

  @Property(tries = TRIES)
  void gradientOfClipMatchesFiniteDifferences(@ForAll @TensorShape(maxRank = 3) @AwayFrom({-1, 1}) Tensor x) {
    check(v -> clip(v.get(0), -1, 1), x);
  }

  /** The condition is a comparison of the first input, so both branches and the condition's no-gradient are seen. */
  @Property(tries = TRIES)
  void gradientOfWhereMatchesFiniteDifferences(@ForAll("conditionedPairs") List<Tensor> x) {
    check(v -> where(gt(v.get(0), 0), v.get(0), v.get(1)), x.get(0), x.get(1));
    check(v -> where(lt(v.get(0), 0), square(v.get(1)), 0.5), x.get(0), x.get(1));
  }

  @Property(tries = 30)
  void zerosLikeAndOnesLikePassNoGradient(@ForAll @TensorShape(maxRank = 3) Tensor x) {
    check(v -> add(zerosLike(v.get(0)), onesLike(v.get(0))), x);
  }
}
