package dev.nabla.autodiff;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.jqwik.Domain;
import dev.nabla.autodiff.jqwik.GradientAssertions;
import dev.nabla.autodiff.jqwik.Shapes;
import dev.nabla.autodiff.jqwik.Tolerance;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Test helper for the per-operation gradient properties. An operation's output is contracted with fixed
 * random weights R, {@code C = Σ op(x…) ⊙ R}, so every output component carries a different weight,
 * and {@link GradientAssertions#assertGradientsMatch} compares every input component ({@link
 * GradientAssertions#assertHessianVectorProductsMatch} every component of a Hessian-vector product). The inputs
 * themselves are drawn by the module's arbitraries, so failures shrink.
 */
final class OpCheck {
  private OpCheck() {}

  /** Asserts that the gradient of {@code Σ op(x₀, x₁, …) ⊙ R} matches central differences. */
  static void check(Function<List<Variable>, Expr> op, Tensor... inputs) {
    Contracted c = contracted(op, inputs);
    // every input is named, so an operation whose result does not depend on one (x⁰) checks zeros for it
    GradientAssertions.assertGradientsMatch(c.cost(), c.at(), Tolerance.defaults(), c.vars());
  }

  /**
   * Asserts that the Hessian-vector product of {@code Σ op(x₀, x₁, …)² ⊙ R} (reverse over reverse)
   * matches central differences of its gradient, along a random direction. The square makes the gradient
   * depend on {@code op}'s value, so the second pass differentiates {@code op}'s VJP as well as its
   * value: for a linear operation, whose own Hessian is zero, that is what is checked.
   */
  static void checkSecondOrder(Function<List<Variable>, Expr> op, Tensor... inputs) {
    Contracted c = contracted(vars -> Nabla.square(op.apply(vars)), inputs);
    GradientAssertions.assertHessianVectorProductsMatch(c.cost(), c.at(), Tolerance.defaults(), c.vars());
  }

  /** The contracted cost, the bindings of its variables, and the variables. */
  private record Contracted(Expr cost, Bindings at, Variable[] vars) {}

  private static Contracted contracted(Function<List<Variable>, Expr> op, Tensor... inputs) {
    List<Variable> vars = new ArrayList<>();
    Bindings b = Bindings.empty();
    for (int i = 0; i < inputs.length; i++) {
      Variable v = Variable.of("x" + i, inputs[i].shape());
      vars.add(v);
      b = b.with(v, inputs[i]);
    }
    Expr out = op.apply(vars);
    Shape outShape = Nabla.evaluate(out, b).shape();
    out = Nabla.reshape(out, outShape); // fixes open dimensions, if any, so the weights broadcast
    Expr weights = Nabla.constant(Tensor.randomNormal(outShape, 0, 1, 0x5DEECE66DL));
    return new Contracted(Nabla.sum(Nabla.mul(out, weights)), b, vars.toArray(new Variable[0]));
  }

  /** Pairs of tensors of broadcasting shapes, with values from the two domains. */
  static Arbitrary<List<Tensor>> broadcastPairs(Domain left, Domain right) {
    return Shapes.broadcastPairs().flatMap(p -> Combinators.combine(left.tensors(p.left()), right.tensors(p.right()))
        .as(List::of));
  }

  /**
   * {@code t} shifted by half a unit of the generators' last decimal (5e-5): never equal to a generated
   * value, and further from one than the finite-difference step, so comparisons see no ties.
   */
  static Tensor offGrid(Tensor t) {
    double[] d = t.toArray();
    for (int i = 0; i < d.length; i++) {
      d[i] += 0.5 * Math.pow(10, -Domain.SCALE);
    }
    return Tensor.of(t.shape(), d);
  }

  /**
   * The pair with the first tensor's values moved to multiples of 0.1 and the second's to multiples of
   * 0.1 plus 0.05: no two values are within 0.05 of each other, far beyond any finite-difference step, so
   * {@code maximum} and {@code minimum} never meet a tie.
   */
  static List<Tensor> separated(List<Tensor> pair) {
    return List.of(onGrid(pair.get(0), 0), onGrid(pair.get(1), 0.05));
  }

  private static Tensor onGrid(Tensor t, double offset) {
    double[] d = t.toArray();
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.round(d[i] * 10) / 10.0 + offset;
    }
    return Tensor.of(t.shape(), d);
  }
}
