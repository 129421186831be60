package dev.nabla.autodiff.jqwik;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.NonFiniteValueException;
import dev.nabla.autodiff.print.DotPrinter;
import dev.nabla.autodiff.print.LatexPrinter;
import dev.nabla.autodiff.print.TextPrinter;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the engine with random expression graphs from {@link ExprGraphs}: smooth graphs must have
 * gradients (and Hessian-vector products) that match finite differences; graphs over every operation,
 * at any finite values, may only fail with the documented {@link NonFiniteValueException}, their first
 * and second gradients build with the right shapes, they print in every notation, evaluating outputs
 * together matches evaluating them alone, and sharing common subexpressions never changes a value.
 */
class RandomGraphProperties {
  private static final Variable X = variable("x", 2, 3);
  private static final Variable W = variable("w", 3);
  private static final Variable B = variable("b", 2, 1);
  private static final Variable[] ALL = {X, W, B};

  @Provide
  Arbitrary<Expr> smoothCosts() {
    return ExprGraphs.costs(ALL);
  }

  @Provide
  Arbitrary<Expr> anyExpressions() {
    return ExprGraphs.expressions(ALL).operations(OperationSet.ALL).maxOperations(12);
  }

  @Provide
  Arbitrary<Bindings> points() {
    return Tensors.bindingsFor(ALL);
  }

  @Provide
  Arbitrary<Bindings> anyFinitePoints() {
    return Tensors.bindingsFor(ALL).withDefaultDomain(Domain.anyFinite());
  }

  @Property(tries = 500)
  void gradientsOfRandomSmoothCostsMatchFiniteDifferences(@ForAll("smoothCosts") Expr cost, @ForAll("points") Bindings at) {
    GradientAssertions.assertGradientsMatch(cost, at, Tolerance.defaults(), ALL);
  }

  @Property(tries = 200)
  void directionalDerivativesOfRandomSmoothCostsMatch(@ForAll("smoothCosts") Expr cost, @ForAll("points") Bindings at) {
    GradientAssertions.assertDirectionalDerivativesMatch(cost, at);
  }

  @Property(tries = 200)
  void hessianVectorProductsOfRandomSmoothCostsMatch(@ForAll("smoothCosts") Expr cost, @ForAll("points") Bindings at) {
    GradientAssertions.assertHessianVectorProductsMatch(cost, at);
  }

  @Property(tries = 1000)
  void evaluatingAnyGraphAndItsGradientsThrowsOnlyDocumentedExceptions(@ForAll("anyExpressions") Expr e,
      @ForAll("points") Bindings at) {
    evaluateAll(e, at);
  }

  @Property(tries = 1000)
  void evaluationAtAnyFiniteValuesThrowsOnlyDocumentedExceptions(@ForAll("anyExpressions") Expr e,
      @ForAll("anyFinitePoints") Bindings at) {
    evaluateAll(e, at);
  }

  @Property(tries = 1000)
  void sharingCommonSubexpressionsNeverChangesAValue(@ForAll("anyExpressions") Expr e, @ForAll("points") Bindings at) {
    Expr shared = Graph.shareCommonSubexpressions(List.of(e)).get(0);
    Tensor before;
    try {
      before = evaluate(e, at);
    } catch (NonFiniteValueException documented) {
      return;
    }
    Tensor after = evaluate(shared, at);
    assertTrue(before.isCloseTo(after, 0, 0), () -> "sharing changed " + before + " to " + after + " for " + e);
  }

  @Property(tries = 1000)
  void secondOrderGradientsOfAnyGraphBuildAndEvaluate(@ForAll("anyExpressions") Expr e, @ForAll("points") Bindings at) {
    List<Expr> g = gradAllowingUnused(sum(e), ALL);
    Expr inner = sum(mul(g.get(0), constant(Tensor.ones(X.shape())))).add(sum(g.get(1))).add(sum(g.get(2)));
    List<Expr> hv = gradAllowingUnused(inner, ALL);
    try {
      List<Tensor> values = evaluate(hv, at);
      for (int i = 0; i < ALL.length; i++) {
        assertEquals(ALL[i].shape(), values.get(i).shape(), "second-order gradient shape of " + ALL[i].name());
      }
    } catch (NonFiniteValueException documented) {
      // NaN or ∞ is reported, as documented
    }
  }

  @Property(tries = 1000)
  void evaluatingTogetherGivesTheSameValuesAsEvaluatingAlone(@ForAll("anyExpressions") Expr e, @ForAll("points") Bindings at) {
    List<Expr> outputs = new ArrayList<>();
    outputs.add(e);
    outputs.addAll(gradAllowingUnused(sum(e), ALL));
    List<Tensor> together;
    try {
      together = evaluate(outputs, at);
    } catch (NonFiniteValueException documented) {
      return;
    }
    for (int i = 0; i < outputs.size(); i++) {
      assertEquals(evaluate(outputs.get(i), at), together.get(i), "output " + i + " of " + e);
    }
  }

  @Property(tries = 1000)
  void everyGraphAndItsGradientPrintInEveryNotation(@ForAll("anyExpressions") Expr e) {
    List<Expr> all = new ArrayList<>(gradAllowingUnused(sum(e), ALL));
    all.add(e);
    for (Expr x : all) {
      assertTrue(!TextPrinter.print(x).isEmpty() && !LatexPrinter.print(x).isEmpty());
    }
    assertTrue(DotPrinter.print(all).startsWith("digraph"), () -> DotPrinter.print(all));
  }

  /**
   * Evaluates {@code e} and the gradient of {@code Σ e} with respect to every variable, which must all
   * have their variables' shapes; NaN or ∞ may only surface as a {@link NonFiniteValueException}.
   */
  private static void evaluateAll(Expr e, Bindings at) {
    List<Expr> outputs = new ArrayList<>();
    outputs.add(e);
    outputs.addAll(gradAllowingUnused(sum(e), ALL));
    List<Tensor> values;
    try {
      values = evaluate(outputs, at);
    } catch (NonFiniteValueException documented) {
      return;
    }
    for (int i = 0; i < ALL.length; i++) {
      assertEquals(ALL[i].shape(), values.get(i + 1).shape(), "gradient shape of " + ALL[i].name());
    }
  }
}
