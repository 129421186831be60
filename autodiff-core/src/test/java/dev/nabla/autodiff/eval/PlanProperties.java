package dev.nabla.autodiff.eval;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Compiled plans agree bit for bit with the plain evaluator on random graphs (and their gradients),
 * on the first run and on later runs that reuse buffers. The kernels are shared, so no reassociation
 * separates the two.
 */
class PlanProperties {
  private static final List<UnaryOperator<Expr>> UNARY = List.of(
      e -> sigmoid(e), e -> tanh(e), e -> square(e), e -> neg(e), e -> abs(e), e -> relu(e), e -> exp(tanh(e)),
      e -> transpose(e), e -> sum(e, 0, true), e -> sum(e, -1, false), e -> softmax(e, -1), e -> mean(e));
  private static final List<BinaryOperator<Expr>> BINARY = List.of(
      (p, q) -> add(p, q), (p, q) -> sub(p, q), (p, q) -> mul(p, q), (p, q) -> matmul(p, q),
      (p, q) -> matmul(p, transpose(q)), (p, q) -> div(p, add(square(q), constant(1))));

  /** A random graph over {@code vars} built from {@code steps} operations; combinations that do not fit are skipped. */
  static Expr randomGraph(List<Variable> vars, int steps, long seed) {
    Random r = new Random(seed);
    List<Expr> pool = new ArrayList<>(vars);
    for (int i = 0; i < steps; i++) {
      Expr p = pool.get(r.nextInt(pool.size()));
      Expr q = pool.get(r.nextInt(pool.size()));
      try {
        pool.add(r.nextBoolean() ? UNARY.get(r.nextInt(UNARY.size())).apply(p) : BINARY.get(r.nextInt(BINARY.size())).apply(p, q));
      } catch (IllegalArgumentException shapesDoNotFit) {
        // skip this combination
      }
    }
    Expr cost = constant(0);
    for (Expr e : pool.subList(vars.size(), pool.size())) {
      cost = add(cost, mean(e));
    }
    return cost;
  }

  @Property(tries = 200)
  void plansAgreeBitForBitWithTheEvaluatorOnRandomGraphsAndTheirGradients(@ForAll @IntRange(min = 1, max = 25) int steps,
      @ForAll @IntRange(min = 1, max = 5) int batch, @ForAll long seed) {
    Variable a = variable("a", Shape.batch(4));
    Variable b = variable("b", 4);
    Variable c = variable("c", 4, 4);
    List<Variable> vars = List.of(a, b, c);
    Expr cost = randomGraph(vars, steps, seed);
    List<Expr> outputs = new ArrayList<>();
    outputs.add(cost);
    outputs.addAll(gradAllowingUnused(cost, a, b, c));
    Plan plan = Plan.of(outputs);
    for (int run = 0; run < 3; run++) {
      Bindings bind = Bindings.of(a, Tensor.randomNormal(Shape.of(batch, 4), 0, 1, seed + run),
          b, Tensor.randomNormal(Shape.of(4), 0, 1, seed + run + 10), c, Tensor.randomNormal(Shape.of(4, 4), 0, 0.5, seed + run + 20));
      List<Tensor> expected = Evaluator.evaluate(outputs, bind);
      List<Tensor> got = plan.run(bind);
      for (int k = 0; k < expected.size(); k++) {
        if (!expected.get(k).equals(got.get(k))) {
          throw new AssertionError("output " + k + " (run " + run + "): plan " + got.get(k) + " vs evaluator " + expected.get(k)
              + "\n  cost: " + cost + "\n" + plan);
        }
      }
    }
  }
}
