package dev.nabla.optim;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/** Weight decay λ on a parameter is exactly training on the cost plus ½λ‖v‖² for that parameter. */
class WeightDecayProperties {

  @Property(tries = 60)
  void weightDecayEqualsTheGradientOfTheAddedHalfLambdaSquaredNorm(@ForAll @IntRange(min = 5, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 8) int batchSize, @ForAll @DoubleRange(min = 0.001, max = 0.2) @Scale(4) double eta,
      @ForAll @DoubleRange(min = 0, max = 2) double lambda, @ForAll @DoubleRange(min = 0, max = 0.9) double momentum,
      @ForAll long seed) {
    LinearRegression lr = LinearRegression.random(n, 3, 0.3, seed);
    Map<Variable, Tensor> start = Map.of(lr.w, Tensor.randomNormal(lr.w.shape(), 0, 1, seed), lr.b, Tensor.of(0.5));
    MiniBatchGradientDescent.Builder sgd = MiniBatchGradientDescent.builder().learningRate(eta).batchSize(batchSize)
        .epochs(3).seed(seed).momentum(momentum);

    TrainingResult decayed = sgd.weightDecay(lambda, List.of(lr.w)).build().train(lr.cost, lr.x, lr.y, start, lr.data);
    Expr penalised = add(lr.cost, mul(constant(lambda / 2), sum(square(lr.w))));   // C + ½λ‖w‖², b not decayed
    TrainingResult reference = sgd.weightDecay(0).build().train(penalised, lr.x, lr.y, start, lr.data);

    for (Variable v : List.of(lr.w, lr.b)) {
      Tensor a = decayed.parameters().get(v);
      Tensor b = reference.parameters().get(v);
      check(a.isCloseTo(b, 1e-12, 1e-12), "'%s': with weight decay %s, with the added term %s", v.name(), a, b);
    }
  }

  @Property(tries = 30)
  void weightDecayOfEveryParameterShrinksThemAllWhenTheCostIsFlat(@ForAll @DoubleRange(min = 0.01, max = 0.5) double eta,
      @ForAll @DoubleRange(min = 0.01, max = 1) double lambda) {
    // C contains w and b, but its gradient is exactly 0 (Σw − Σw, and y − y), so each step is exactly v → (1 − ηλ)v
    LinearRegression lr = LinearRegression.threeInputs(10, 1);
    Expr flat = add(sub(sum(lr.w), sum(lr.w)), sub(sum(lr.b), sum(lr.b)));
    Expr cost = add(flat, mean(sub(lr.y, lr.y)));
    Map<Variable, Tensor> start = Map.of(lr.w, Tensor.of(new double[][] {{1}, {-2}, {3}}), lr.b, Tensor.of(4));
    TrainingResult r = MiniBatchGradientDescent.builder().learningRate(eta).batchSize(10).epochs(1).weightDecay(lambda)
        .build().train(cost, lr.x, lr.y, start, lr.data);

    double f = 1 - eta * lambda;
    check(r.parameters().get(lr.w).isCloseTo(Tensor.of(new double[][] {{f}, {-2 * f}, {3 * f}}), 1e-14, 1e-15),
        "w: %s", r.parameters().get(lr.w));
    check(r.parameters().get(lr.b).isCloseTo(Tensor.of(4 * f), 1e-14, 1e-15), "b: %s", r.parameters().get(lr.b));
  }

  private static void check(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new AssertionError(String.format(template, args));
    }
  }
}
