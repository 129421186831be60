package dev.nabla.optim;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradientDescentTest {
  private final Variable v = variable("v", 2);
  /** The seeds' two-variable valley: C(v₁, v₂) = v₁² + 2v₂², minimum 0 at the origin. */
  private final Expr bowl = sum(mul(constant(Tensor.of(1, 2)), square(v)));

  @Test
  void plainGradientDescentRollsToTheBottomOfTheSeedsValley() {
    MinimizationResult r = GradientDescent.builder().learningRate(0.1).maxSteps(200).build()
        .minimize(bowl, Map.of(v, Tensor.of(1, 1)));

    assertArrayEquals(new double[] {0, 0}, r.parameters().get(v).toArray(), 1e-9);
    assertEquals(0, r.finalCost(), 1e-15);
    assertEquals(StopReason.MAX_STEPS, r.stopReason());
  }

  @Test
  void oneStepIsTheSeedsRuleVMinusEtaTimesGradient() {
    // ∇C(1, 1) = (2, 4); v′ = (1, 1) − 0.1·(2, 4) = (0.8, 0.6)
    MinimizationResult r = GradientDescent.builder().learningRate(0.1).maxSteps(1).build()
        .minimize(bowl, Map.of(v, Tensor.of(1, 1)));

    assertArrayEquals(new double[] {0.8, 0.6}, r.parameters().get(v).toArray(), 1e-15);
    assertEquals(List.of(3.0, 0.8 * 0.8 + 2 * 0.6 * 0.6), r.costs());
    assertEquals(Math.sqrt(20), r.gradientNorms().get(0), 1e-15);
  }

  @Test
  void momentumAddsTheVelocityToEachStep() {
    // u₁ = −η∇C(v₀) = (−0.2, −0.4), v₁ = (0.8, 0.6); ∇C(v₁) = (1.6, 2.4)
    // u₂ = 0.5·u₁ − 0.1·(1.6, 2.4) = (−0.26, −0.44), v₂ = (0.54, 0.16)
    MinimizationResult r = GradientDescent.builder().learningRate(0.1).momentum(0.5).maxSteps(2).build()
        .minimize(bowl, Map.of(v, Tensor.of(1, 1)));

    assertArrayEquals(new double[] {0.54, 0.16}, r.parameters().get(v).toArray(), 1e-15);
  }

  @Test
  void momentumAlsoConvergesToTheMinimumOfAShiftedQuadratic() {
    Expr shifted = sum(mul(constant(Tensor.of(3, 0.5)), square(sub(v, constant(Tensor.of(2, -1))))));
    MinimizationResult r = GradientDescent.builder().learningRate(0.1).momentum(0.9).maxSteps(2000).build()
        .minimize(shifted, Map.of(v, Tensor.of(0, 0)));

    assertArrayEquals(new double[] {2, -1}, r.parameters().get(v).toArray(), 1e-9);
  }

  @Test
  void gradientToleranceStopsOnceTheGradientIsSmall() {
    MinimizationResult r = GradientDescent.builder().learningRate(0.1).maxSteps(10_000).gradientTolerance(1e-6).build()
        .minimize(bowl, Map.of(v, Tensor.of(1, 1)));

    assertEquals(StopReason.GRADIENT_NORM_BELOW_TOLERANCE, r.stopReason());
    assertTrue(r.finalGradientNorm() < 1e-6);
    assertTrue(r.gradientNorms().get(r.steps() - 1) >= 1e-6, "stopped at the first small gradient");
    assertEquals(r.steps() + 1, r.costs().size());
  }

  @Test
  void costChangeToleranceStopsOnceTheCostStopsMoving() {
    MinimizationResult r = GradientDescent.builder().learningRate(0.1).maxSteps(10_000).costChangeTolerance(1e-12).build()
        .minimize(bowl, Map.of(v, Tensor.of(1, 1)));

    assertEquals(StopReason.COST_CHANGE_BELOW_TOLERANCE, r.stopReason());
    List<Double> c = r.costs();
    assertTrue(Math.abs(c.get(c.size() - 1) - c.get(c.size() - 2)) < 1e-12);
    assertTrue(r.steps() < 10_000);
  }

  @Test
  void historyAndListenerSeeTheCostAfterEveryStepStartingFromTheInitialPoint() {
    List<Integer> steps = new ArrayList<>();
    List<Double> costs = new ArrayList<>();
    MinimizationResult r = GradientDescent.builder().learningRate(0.05).maxSteps(5).build()
        .minimize(bowl, Map.of(v, Tensor.of(1, 1)), Bindings.empty(), (step, cost, norm, nanos) -> {
          steps.add(step);
          costs.add(cost);
        });

    assertEquals(List.of(0, 1, 2, 3, 4, 5), steps);
    assertEquals(r.costs(), costs);
    for (int k = 1; k < costs.size(); k++) {
      assertTrue(costs.get(k) < costs.get(k - 1), "C decreases at every step for small η");
    }
  }

  @Test
  void updateUsesGradientsFromBeforeTheStepEvenWhenTheyAliasParameters() {
    // C = a·b: ∂C/∂a is b's value and ∂C/∂b is a's; updating one in place would corrupt the other
    Variable a = variable("a", 1);
    Variable b = variable("b", 1);
    Map<Variable, Tensor> initial = new LinkedHashMap<>();
    initial.put(a, Tensor.of(1));
    initial.put(b, Tensor.of(2));
    MinimizationResult r = GradientDescent.builder().learningRate(0.1).maxSteps(1).build()
        .minimize(sum(mul(a, b)), initial);

    assertEquals(0.8, r.parameters().get(a).item(), 1e-15);
    assertEquals(1.9, r.parameters().get(b).item(), 1e-15);
    assertEquals(List.of(a, b), List.copyOf(r.parameters().keySet()), "result keeps the given order");
  }

  @Test
  void fixedBindingsHoldDataTheCostDependsOn() {
    Variable target = variable("t", 2);
    Expr cost = sum(square(sub(v, target)));
    MinimizationResult r = GradientDescent.builder().learningRate(0.25).maxSteps(100).build()
        .minimize(cost, Map.of(v, Tensor.of(0, 0)), Bindings.of(target, Tensor.of(5, -3)));

    assertArrayEquals(new double[] {5, -3}, r.parameters().get(v).toArray(), 1e-12);
  }

  @Test
  void initialValuesAreNotChangedByTheRun() {
    Tensor start = Tensor.of(1, 1);
    MinimizationResult r = GradientDescent.builder().learningRate(0.1).maxSteps(3).build()
        .minimize(bowl, Map.of(v, start));

    assertEquals(Tensor.of(1, 1), start);
    assertNotEquals(start, r.parameters().get(v));
  }

  @Test
  void costOverAnUnboundVariableIsRejectedBeforeAnyStep() {
    Variable t = variable("t", 2);
    GradientDescent gd = GradientDescent.builder().learningRate(0.1).build();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> gd.minimize(sum(mul(v, t)), Map.of(v, Tensor.of(1, 1))));
    assertEquals("the cost depends on variable 't' [2], which is neither a parameter nor bound to data; "
        + "parameters are [v]", e.getMessage());
  }

  @Test
  void nonScalarCostIsRejected() {
    GradientDescent gd = GradientDescent.builder().learningRate(0.1).build();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> gd.minimize(square(v), Map.of(v, Tensor.of(1, 1))));
    assertTrue(e.getMessage().contains("must be a scalar"), e.getMessage());
  }

  @Test
  void initialValueOfTheWrongShapeIsRejected() {
    GradientDescent gd = GradientDescent.builder().learningRate(0.1).build();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> gd.minimize(bowl, Map.of(v, Tensor.of(1, 1, 1))));
    assertEquals("parameter 'v' has shape [2] but its initial value has shape [3]", e.getMessage());
  }
}
