package dev.nabla.autodiff.jqwik;

import static com.google.common.base.Preconditions.checkArgument;

import dev.nabla.autodiff.graph.Variable;
import java.util.List;

/**
 * Arbitraries of random, well-formed expression graphs over given variables, for fuzzing the engine
 * itself (or a rewrite, printer or executor built on it). See {@link ExprArbitrary} for how they are
 * generated and shrunk and {@link OperationSet} for the operation sets.
 *
 * <pre>{@code
 * static final Variable X = Nabla.variable("x", 2, 3), W = Nabla.variable("w", 3);
 *
 * @Property
 * void randomCostsHaveCorrectGradients(@ForAll("costs") Expr cost, @ForAll("points") Bindings at) {
 *   GradientAssertions.assertGradientsMatch(cost, at);
 * }
 *
 * @Provide Arbitrary<Expr> costs() { return ExprGraphs.costs(X, W); }
 * @Provide Arbitrary<Bindings> points() { return Tensors.bindingsFor(X, W); }
 * }</pre>
 */
public final class ExprGraphs {
  private ExprGraphs() {}

  /**
   * Scalar costs: a random graph's result {@code r} contracted with fixed random weights,
   * {@code Σ r ⊙ R}. Smooth operations, at most 8 of them.
   */
  public static ExprArbitrary costs(Variable... variables) {
    return new ExprArbitrary(checked(variables), OperationSet.SMOOTH, 8, true);
  }

  /** Expressions of any shape (the last node of a random graph). Smooth operations, at most 8. */
  public static ExprArbitrary expressions(Variable... variables) {
    return new ExprArbitrary(checked(variables), OperationSet.SMOOTH, 8, false);
  }

  private static List<Variable> checked(Variable... variables) {
    checkArgument(variables.length > 0, "ExprGraphs: name at least one variable");
    for (Variable v : variables) {
      checkArgument(v.shape().isConcrete(), "ExprGraphs: variable '%s' has open shape %s; give concrete dimensions",
          v.name(), v.shape());
    }
    return List.of(variables);
  }
}
