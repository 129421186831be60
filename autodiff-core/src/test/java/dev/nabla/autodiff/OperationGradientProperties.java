package dev.nabla.autodiff;

import static dev.nabla.autodiff.Nabla.*;
import static dev.nabla.autodiff.OpCheck.awayFromZero;
import static dev.nabla.autodiff.OpCheck.check;
import static dev.nabla.autodiff.OpCheck.distinct;
import static dev.nabla.autodiff.OpCheck.uniform;

import dev.nabla.autodiff.tensor.Shape;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * For every differentiable operation: reverse-mode gradients match central finite differences over
 * random shapes (including broadcast pairs) and random values drawn from the operation's domain, kept
 * away from kinks. Each property names the operation it covers; {@link OperationCoverageTest} checks
 * that none is missing.
 */
class OperationGradientProperties {
  private static final int TRIES = 150;

  @Provide
  Arbitrary<Shape> shapes() {
    return Shapes.shapes(0, 3, 4);
  }

  @Provide
  Arbitrary<Shape> nonScalarShapes() {
    return Shapes.shapes(1, 3, 4);
  }

  @Provide
  Arbitrary<Shape[]> broadcastPairs() {
    return Shapes.broadcastPairs();
  }

  @Provide
  Arbitrary<int[]> matmulDims() {
    return Arbitraries.integers().between(1, 5).array(int[].class).ofSize(3);
  }

  // ---- BinaryOp ----

  @Property(tries = TRIES)
  void gradientOfAddMatchesFiniteDifferences(@ForAll("broadcastPairs") Shape[] s, @ForAll long seed) {
    check(v -> add(v.get(0), v.get(1)), seed, uniform(s[0], -2, 2, seed), uniform(s[1], -2, 2, seed + 1));
  }

  @Property(tries = TRIES)
  void gradientOfSubMatchesFiniteDifferences(@ForAll("broadcastPairs") Shape[] s, @ForAll long seed) {
    check(v -> sub(v.get(0), v.get(1)), seed, uniform(s[0], -2, 2, seed), uniform(s[1], -2, 2, seed + 1));
  }

  @Property(tries = TRIES)
  void gradientOfMulMatchesFiniteDifferences(@ForAll("broadcastPairs") Shape[] s, @ForAll long seed) {
    check(v -> mul(v.get(0), v.get(1)), seed, uniform(s[0], -2, 2, seed), uniform(s[1], -2, 2, seed + 1));
  }

  @Property(tries = TRIES)
  void gradientOfDivMatchesFiniteDifferences(@ForAll("broadcastPairs") Shape[] s, @ForAll long seed) {
    check(v -> div(v.get(0), v.get(1)), seed, uniform(s[0], -2, 2, seed), awayFromZero(s[1], 0.5, 2, seed + 1));
  }

  @Property(tries = 50)
  void comparisonsPassNoGradient(@ForAll("broadcastPairs") Shape[] s, @ForAll long seed) {
    for (BinaryOp op : BinaryOp.values()) {
      if (op.isComparison()) {
        // the check compares the (zero) analytic gradient with differences of a piecewise constant function
        check(v -> Binary.of(op, v.get(0), v.get(1)), seed, distinct(s[0], seed), distinct(s[1], seed + 7));
      }
    }
  }

  // ---- UnaryOp ----

  @Property(tries = TRIES)
  void gradientOfNegMatchesFiniteDifferences(@ForAll("shapes") Shape s, @ForAll long seed) {
    check(v -> neg(v.get(0)), seed, uniform(s, -3, 3, seed));
  }

  @Property(tries = TRIES)
  void gradientOfExpMatchesFiniteDifferences(@ForAll("shapes") Shape s, @ForAll long seed) {
    check(v -> exp(v.get(0)), seed, uniform(s, -3, 3, seed));
  }

  @Property(tries = TRIES)
  void gradientOfLogMatchesFiniteDifferences(@ForAll("shapes") Shape s, @ForAll long seed) {
    check(v -> log(v.get(0)), seed, uniform(s, 0.1, 5, seed));
  }

  @Property(tries = TRIES)
  void gradientOfSqrtMatchesFiniteDifferences(@ForAll("shapes") Shape s, @ForAll long seed) {
    check(v -> sqrt(v.get(0)), seed, uniform(s, 0.1, 5, seed));
  }

  @Property(tries = TRIES)
  void gradientOfAbsMatchesFiniteDifferences(@ForAll("shapes") Shape s, @ForAll long seed) {
    check(v -> abs(v.get(0)), seed, awayFromZero(s, 0.01, 3, seed));
  }

  @Property(tries = TRIES)
  void gradientOfSigmoidMatchesFiniteDifferences(@ForAll("shapes") Shape s, @ForAll long seed) {
    check(v -> sigmoid(v.get(0)), seed, uniform(s, -6, 6, seed));
  }

  @Property(tries = TRIES)
  void gradientOfTanhMatchesFiniteDifferences(@ForAll("shapes") Shape s, @ForAll long seed) {
    check(v -> tanh(v.get(0)), seed, uniform(s, -3, 3, seed));
  }

  @Property(tries = TRIES)
  void gradientOfReluMatchesFiniteDifferences(@ForAll("shapes") Shape s, @ForAll long seed) {
    check(v -> relu(v.get(0)), seed, awayFromZero(s, 0.01, 3, seed));
  }

  @Property(tries = 50)
  void signStepAndStopGradientPassNoGradient(@ForAll("shapes") Shape s, @ForAll long seed) {
    check(v -> Unary.of(UnaryOp.SIGN, v.get(0)), seed, awayFromZero(s, 0.01, 3, seed));
    check(v -> Unary.of(UnaryOp.STEP, v.get(0)), seed, awayFromZero(s, 0.01, 3, seed));
    // stop_gradient is the identity in value, so finite differences see slope 1 where grad sees 0:
    // it is checked inside a function whose value does not depend on it, logSumExp (see below)
    check(v -> sub(v.get(0), stopGradient(v.get(0))).add(stopGradient(v.get(0))), seed, uniform(s, -1, 1, seed));
  }

  // ---- Power ----

  @Property(tries = TRIES)
  void gradientOfPowMatchesFiniteDifferences(@ForAll("shapes") Shape s, @ForAll @DoubleRange(min = -2.5, max = 3.5) double p,
      @ForAll long seed) {
    check(v -> pow(v.get(0), p), seed, uniform(s, 0.3, 3, seed));
  }

  @Property(tries = TRIES)
  void gradientOfSquareMatchesFiniteDifferences(@ForAll("shapes") Shape s, @ForAll long seed) {
    check(v -> square(v.get(0)), seed, uniform(s, -3, 3, seed));
  }

  // ---- MatMul ----

  @Property(tries = TRIES)
  void gradientOfMatMulMatchesFiniteDifferences(@ForAll("matmulDims") int[] d, @ForAll boolean ta, @ForAll boolean tb,
      @ForAll boolean sparse, @ForAll long seed) {
    int m = d[0];
    int k = d[1];
    int n = d[2];
    Shape sa = ta ? Shape.of(k, m) : Shape.of(m, k);
    Shape sb = tb ? Shape.of(n, k) : Shape.of(k, n);
    // sparse operands (mostly zeros, like MNIST images) take the kernels' sparse paths
    double zeros = sparse ? 0.7 : 0;
    check(v -> matmul(ta ? transpose(v.get(0)) : v.get(0), tb ? transpose(v.get(1)) : v.get(1)), seed,
        OpCheck.withZeros(uniform(sa, -2, 2, seed), zeros, seed), OpCheck.withZeros(uniform(sb, -2, 2, seed + 1), zeros, seed + 1));
  }

  @Property(tries = TRIES)
  void gradientOfMatrixVectorProductsMatchesFiniteDifferences(@ForAll("matmulDims") int[] d, @ForAll @IntRange(max = 2) int form,
      @ForAll long seed) {
    int m = d[0];
    int k = d[1];
    Shape sa = form == 1 ? Shape.of(k) : form == 0 ? Shape.of(m, k) : Shape.of(k);
    Shape sb = form == 1 ? Shape.of(k, m) : Shape.of(k);
    check(v -> matmul(v.get(0), v.get(1)), seed, uniform(sa, -2, 2, seed), uniform(sb, -2, 2, seed + 1));
  }

  // ---- shape operations ----

  @Property(tries = TRIES)
  void gradientOfTransposeMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape s, @ForAll long seed) {
    check(v -> transpose(v.get(0)), seed, uniform(s, -2, 2, seed));
    if (s.rank() == 3) {
      check(v -> transpose(v.get(0), 1, 2, 0), seed, uniform(s, -2, 2, seed));
    }
  }

  @Property(tries = TRIES)
  void gradientOfReshapeMatchesFiniteDifferences(@ForAll("shapes") Shape s, @ForAll long seed) {
    check(v -> reshape(v.get(0), Shape.of(s.size())), seed, uniform(s, -2, 2, seed));
    check(v -> reshape(v.get(0), Shape.of(1, Shape.ANY)), seed, uniform(s, -2, 2, seed));
  }

  @Property(tries = TRIES)
  void gradientOfExpandMatchesFiniteDifferences(@ForAll("broadcastPairs") Shape[] s, @ForAll long seed) {
    Shape small = s[0].rank() <= s[1].rank() && s[0].size() <= s[1].size() ? s[0] : s[1];
    Shape big = small == s[0] ? s[1] : s[0];
    check(v -> Expand.of(v.get(0), v.get(1)), seed, uniform(small, -2, 2, seed), uniform(big, -2, 2, seed + 1));
  }

  // ---- Reduce ----

  @Property(tries = TRIES)
  void gradientOfSumMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape s, @ForAll @IntRange(max = 2) int axisSeed,
      @ForAll boolean keepDims, @ForAll long seed) {
    int axis = axisSeed % s.rank();
    check(v -> sum(v.get(0)), seed, uniform(s, -2, 2, seed));
    check(v -> sum(v.get(0), axis, keepDims), seed, uniform(s, -2, 2, seed));
  }

  @Property(tries = TRIES)
  void gradientOfMeanMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape s, @ForAll @IntRange(max = 2) int axisSeed,
      @ForAll boolean keepDims, @ForAll long seed) {
    int axis = axisSeed % s.rank();
    check(v -> mean(v.get(0)), seed, uniform(s, -2, 2, seed));
    check(v -> mean(v.get(0), axis, keepDims), seed, uniform(s, -2, 2, seed));
  }

  @Property(tries = TRIES)
  void gradientOfMaxMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape s, @ForAll @IntRange(max = 2) int axisSeed,
      @ForAll boolean keepDims, @ForAll long seed) {
    int axis = axisSeed % s.rank();
    check(v -> max(v.get(0)), seed, distinct(s, seed));
    check(v -> max(v.get(0), axis, keepDims), seed, distinct(s, seed));
  }

  @Property(tries = 50)
  void argmaxAndCountPassNoGradient(@ForAll("nonScalarShapes") Shape s, @ForAll long seed) {
    check(v -> argmax(v.get(0), -1), seed, distinct(s, seed));
    check(v -> mul(v.get(0), Count.of(reshape(v.get(0), Shape.of(Shape.ANY)))), seed, uniform(s, -1, 1, seed));
  }

  // ---- composites ----

  @Property(tries = TRIES)
  void gradientOfSoftmaxMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape s, @ForAll @IntRange(max = 2) int axisSeed,
      @ForAll long seed) {
    int axis = axisSeed % s.rank();
    check(v -> softmax(v.get(0), axis), seed, uniform(s, -4, 4, seed));
  }

  @Property(tries = TRIES)
  void gradientOfLogSumExpMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape s, @ForAll @IntRange(max = 2) int axisSeed,
      @ForAll boolean keepDims, @ForAll long seed) {
    int axis = axisSeed % s.rank();
    check(v -> logSumExp(v.get(0), axis, keepDims), seed, uniform(s, -4, 4, seed));
  }
}
