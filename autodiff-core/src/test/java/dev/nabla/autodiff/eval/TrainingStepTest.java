package dev.nabla.autodiff.eval;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingStepTest {
  private final Networks net = Networks.seeds();

  private TrainingStep seedsStep(double eta) {
    return TrainingStep.builder(net.cost, net.initial(1)).rule(UpdateRule.gradientDescent(eta)).build();
  }

  @Test
  void theSeedsNetworkKeepsItsWeightsPackedAndFusesTheirUpdates() {
    TrainingStep step = seedsStep(3);
    step.run(Bindings.of(net.x, net.inputs(10, 1), net.y, net.targets(10, 2)));
    String listing = step.toString();
    assertTrue(listing.contains("= fused[sigmoid(matmul[packed] x w1 + b1)]"), listing);
    assertTrue(listing.contains("= matmul[packedᵀ] "), listing);
    assertTrue(listing.contains("update w1 (packed as w1ᵀ 784x32) += -η·xᵀ·%"), listing);
    assertTrue(listing.contains("(fused: ∇w1 is not stored)"), listing);
    assertTrue(listing.contains("update b1 += -η·%"), listing);
    assertEquals(List.of(net.x, net.y), step.dataVariables());
  }

  @Test
  void theCallersTensorsKeepTheirShapes() {
    Map<Variable, Tensor> init = net.initial(3);
    TrainingStep step = TrainingStep.builder(net.cost, init).rule(UpdateRule.gradientDescent(1)).build();
    Map<Variable, Tensor> out = step.parameters();
    assertEquals(init, out, "values in, the same values out");
    assertEquals(Shape.of(30, 784), out.get(net.parameters.get(0)).shape());
    assertEquals(List.copyOf(init.keySet()), List.copyOf(out.keySet()), "in the initial order");
  }

  @Test
  void largeBatchesSplitOverTwoCoresAndStillAgreeWithTheReference() {
    // 200 × 784 × 30 multiply-adds is above Kernels.PARALLEL_WORK: the packed product and the fused
    // update each hand half their rows to the helper thread
    Map<Variable, Tensor> reference = net.initial(5);
    TrainingStep step = TrainingStep.builder(net.cost, reference).rule(UpdateRule.gradientDescent(2)).build();
    Tensor in = net.inputs(200, 6);
    Tensor target = net.targets(200, 7);
    for (int s = 0; s < 3; s++) {
      step.run(Bindings.of(net.x, in, net.y, target));
      reference = net.referenceStep(reference, new HashMap<>(), in, target, 2, 0);
    }
    for (Variable v : net.parameters) {
      assertTrue(step.parameters().get(v).isCloseTo(reference.get(v), 1e-9, 1e-12), v.name());
    }
  }

  @Test
  void aNonFiniteCostStopsTheStepBeforeAnyParameterChanges() {
    TrainingStep step = seedsStep(3);
    Map<Variable, Tensor> before = step.parameters();
    double[] targets = net.targets(10, 2).toArray();
    targets[7] = Double.NaN;
    Bindings bad = Bindings.of(net.x, net.inputs(10, 1), net.y, Tensor.of(Shape.of(10, 10), targets));
    NonFiniteValueException e = assertThrows(NonFiniteValueException.class, () -> step.run(bad));
    assertTrue(e.getMessage().contains("'y'"), e.getMessage());
    assertEquals(before, step.parameters());
    assertThrows(IllegalStateException.class, step::update, "a failed evaluation is not applied");
    assertNull(step.firstNonFiniteParameter());
  }

  @Test
  void anOverflowingLearningRateIsCaughtAtTheNextStepOrByTheParameterScan() {
    Variable w = variable("w", 1, 3);
    Variable x = variable("x", Shape.batch(3));
    Expr cost = mean(square(matmul(x, transpose(w))));
    TrainingStep step = TrainingStep.builder(cost, Map.of(w, Tensor.of(Shape.of(1, 3), 1, 1, 1)))
        .rule(UpdateRule.gradientDescent(1e300)).build();
    Bindings data = Bindings.of(x, Tensor.of(new double[][] {{1, 2, 3}}));
    step.run(data); // finite cost and gradient; the update itself overflows nothing yet
    assertThrows(NonFiniteValueException.class, () -> {
      for (int s = 0; s < 5; s++) {
        step.run(data);
      }
    });
  }

  @Test
  void keptGradientsGiveTheirNormAndTheStepCanBeEvaluatedThenApplied() {
    TrainingStep step = TrainingStep.builder(net.cost, net.initial(1)).rule(UpdateRule.gradientDescent(3))
        .keepGradients(true).build();
    Tensor in = net.inputs(10, 1);
    Tensor target = net.targets(10, 2);
    double cost = step.evaluate(Bindings.of(net.x, in, net.y, target));
    List<Expr> outputs = new java.util.ArrayList<>(List.of(net.cost));
    outputs.addAll(grad(net.cost, net.parameters.toArray(new Variable[0])));
    List<Tensor> reference = Evaluator.evaluate(outputs, Bindings.of(net.initial(1)).with(net.x, in).with(net.y, target));
    assertEquals(reference.get(0).item(), cost, 1e-12);
    double squares = 0;
    for (Tensor g : reference.subList(1, reference.size())) {
      for (double v : g.rawData()) {
        squares += v * v;
      }
    }
    assertEquals(Math.sqrt(squares), step.gradientNorm(), 1e-12 * Math.sqrt(squares));
    assertEquals(net.initial(1), step.parameters(), "evaluate changes nothing");
    step.update();
    assertTrue(!net.initial(1).equals(step.parameters()), "update applies it");
    assertTrue(step.toString().contains("update w1 (packed as w1ᵀ 784x32) += -η·%"), step.toString());
    assertThrows(IllegalStateException.class, () -> seedsStep(1).gradientNorm());
  }

  @Test
  void aLayerReadsItsInputOnlyThroughTheSparseRowsSoTheBatchValuesNeedNotBeCopied() {
    SparseRows rows = SparseRows.empty(784);
    TrainingStep step = TrainingStep.builder(net.cost, net.initial(1)).rule(UpdateRule.gradientDescent(3))
        .sparseInput(net.x, rows).build();
    assertTrue(!step.readsValuesOf(net.x) && step.readsValuesOf(net.y));
    Tensor in = net.inputs(10, 1);
    Tensor unfilled = Tensor.zeros(10, 784);
    IllegalStateException count = assertThrows(IllegalStateException.class,
        () -> step.run(Bindings.of(net.x, unfilled, net.y, net.targets(10, 2))));
    assertTrue(count.getMessage().contains("hold 0 rows of 784 values, but the tensor bound to it has shape [10, 784]"),
        count.getMessage());
    rows.gather(SparseRows.of(in), TrainingStepProperties.identity(10), 0, 10);
    TrainingStep reference = seedsStep(3);
    assertEquals(reference.run(Bindings.of(net.x, in, net.y, net.targets(10, 2))),
        step.run(Bindings.of(net.x, unfilled, net.y, net.targets(10, 2))), 1e-12);
    assertTrue(step.parameters().get(net.parameters.get(0)).isCloseTo(reference.parameters().get(net.parameters.get(0)),
        1e-12, 1e-14));
  }

  @Test
  void sparseRowsThatAreNotTheBoundInputsAreRejectedWhenTheStepAlsoReadsTheValues() {
    SparseRows rows = SparseRows.empty(784);
    Expr alsoReadsX = add(net.cost, mul(constant(1e-9), mean(net.x)));
    TrainingStep step = TrainingStep.builder(alsoReadsX, net.initial(1)).rule(UpdateRule.gradientDescent(3))
        .sparseInput(net.x, rows).build();
    assertTrue(step.readsValuesOf(net.x));
    Tensor in = net.inputs(10, 1);
    Bindings data = Bindings.of(net.x, in, net.y, net.targets(10, 2));
    rows.gather(SparseRows.of(net.inputs(10, 99)), TrainingStepProperties.identity(10), 0, 10);
    IllegalStateException values = assertThrows(IllegalStateException.class, () -> step.run(data));
    assertTrue(values.getMessage().contains("not the non-zeros of the tensor bound to it"), values.getMessage());
    rows.gather(SparseRows.of(in), TrainingStepProperties.identity(10), 0, 10);
    step.run(data);
  }

  @Test
  void aCheckpointRestoresTheParametersAndTheVelocitySoTheSameStepsRepeatBitForBit() {
    TrainingStep step = TrainingStep.builder(net.cost, net.initial(1)).rule(UpdateRule.withMomentum(1, 0.9)).build();
    Bindings first = Bindings.of(net.x, net.inputs(10, 1), net.y, net.targets(10, 2));
    Bindings second = Bindings.of(net.x, net.inputs(10, 3), net.y, net.targets(10, 4));
    IllegalStateException none = assertThrows(IllegalStateException.class, step::restoreCheckpoint);
    assertTrue(none.getMessage().contains("no checkpoint was saved"), none.getMessage());
    step.run(first);
    step.checkpoint();
    Map<Variable, Tensor> saved = step.parameters();
    step.run(second);
    step.run(first);
    Map<Variable, Tensor> after = step.parameters();
    step.restoreCheckpoint();
    assertEquals(saved, step.parameters());
    step.run(second);
    step.run(first);
    assertEquals(after, step.parameters(), "the velocity was restored too");
  }

  @Test
  void theLearningRateCanChangeBetweenStepsAndWeightDecayIsListed() {
    TrainingStep step = TrainingStep.builder(net.cost, net.initial(1)).rule(UpdateRule.gradientDescent(3))
        .weightDecay(1e-4, List.of(net.parameters.get(0))).build();
    step.setLearningRate(0.5);
    assertEquals(UpdateRule.gradientDescent(0.5), step.rule());
    step.run(Bindings.of(net.x, net.inputs(10, 1), net.y, net.targets(10, 2)));
    assertTrue(step.toString().contains("(fused: ∇w1 is not stored), with weight decay λ = 1.0E-4"), step.toString());
    assertThrows(IllegalArgumentException.class, () -> step.setLearningRate(Double.POSITIVE_INFINITY));
  }

  /** A new η reaches the update, the fused one included: from the same start, half the η moves every parameter half as far. */
  @Test
  void aChangedLearningRateScalesTheNextStep() {
    Bindings batch = Bindings.of(net.x, net.inputs(10, 1), net.y, net.targets(10, 2));
    Map<Variable, Tensor> start = net.initial(1);
    TrainingStep full = TrainingStep.builder(net.cost, start).rule(UpdateRule.gradientDescent(3)).build();
    TrainingStep half = TrainingStep.builder(net.cost, start).rule(UpdateRule.gradientDescent(3)).build();
    half.setLearningRate(1.5);
    full.run(batch);
    half.run(batch);
    for (Variable v : net.parameters) {
      double[] s0 = start.get(v).toArray();
      double[] f = full.parameters().get(v).toArray();
      double[] h = half.parameters().get(v).toArray();
      double moved = 0;
      for (int i = 0; i < s0.length; i++) {
        assertEquals((f[i] - s0[i]) / 2, h[i] - s0[i], 1e-12 * Math.max(1, Math.abs(s0[i])), v.name() + "[" + i + "]");
        moved = Math.max(moved, Math.abs(f[i] - s0[i]));
      }
      assertTrue(moved > 1e-6, v.name() + " moved");
    }
  }

  @Test
  void aGradientThatIsAnotherParametersValueIsReadBeforeThatParameterChanges() {
    // C = Σ a ⊙ b: ∇a is b itself and ∇b is a; updating a in place first would corrupt ∇b. Likewise a fused
    // update whose operand G is a parameter: C = Σ (x·wᵀ) ⊙ v gives ∇w = vᵀ·x, and v's own update comes first
    Variable a = variable("a", 1);
    Variable b = variable("b", 1);
    Map<Variable, Tensor> ab = new java.util.LinkedHashMap<>();
    ab.put(a, Tensor.of(1));
    ab.put(b, Tensor.of(2));
    TrainingStep product = TrainingStep.builder(sum(mul(a, b)), ab).rule(UpdateRule.gradientDescent(0.1)).build();
    product.run(Bindings.empty());
    assertEquals(0.8, product.parameters().get(a).item(), 1e-15);
    assertEquals(1.9, product.parameters().get(b).item(), 1e-15);

    Variable x = variable("x", 1, 3);
    Variable w = variable("w", 2, 3);
    Variable v = variable("v", 1, 2);
    Map<Variable, Tensor> vw = new java.util.LinkedHashMap<>();
    vw.put(v, Tensor.of(new double[][] {{1, -1}}));
    vw.put(w, Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
    Expr cost = sum(mul(matmul(x, transpose(w)), v));
    TrainingStep layer = TrainingStep.builder(cost, vw).rule(UpdateRule.gradientDescent(0.5)).build();
    Tensor in = Tensor.of(new double[][] {{1, 0, 2}});
    layer.run(Bindings.of(x, in));
    Map<Variable, Tensor> expected = net.referenceOf(cost, vw, Bindings.of(x, in), 0.5);
    assertTrue(layer.toString().contains("update w (packed as wᵀ 3x8) += -η·xᵀ·v   (fused"), layer.toString());
    assertEquals(expected, layer.parameters());
  }

  @Test
  void mistakesAreReportedWithNamesAndShapes() {
    Map<Variable, Tensor> init = net.initial(1);
    assertThrows(IllegalStateException.class, () -> TrainingStep.builder(net.cost, init).build());
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> TrainingStep.builder(net.cost,
        Map.of(net.parameters.get(0), Tensor.zeros(784, 30))).rule(UpdateRule.gradientDescent(1)).build());
    assertTrue(shape.getMessage().contains("parameter 'w1' has shape [30, 784] but its initial value has shape [784, 30]"),
        shape.getMessage());
    IllegalArgumentException eta = assertThrows(IllegalArgumentException.class, () -> UpdateRule.gradientDescent(-1));
    assertEquals("learning rate η must be positive and finite, got -1.0", eta.getMessage());
    IllegalArgumentException notData = assertThrows(IllegalArgumentException.class, () -> TrainingStep.builder(net.cost, init)
        .rule(UpdateRule.gradientDescent(1)).sparseInput(variable("z", 3), SparseRows.empty(3)).build());
    assertTrue(notData.getMessage().contains("reads no data variable 'z'"), notData.getMessage());
    Map<Variable, Tensor> extra = new java.util.LinkedHashMap<>(init);
    extra.put(variable("unused", 3), Tensor.zeros(3));
    IllegalArgumentException unused = assertThrows(IllegalArgumentException.class, () -> TrainingStep.builder(net.cost, extra)
        .rule(UpdateRule.gradientDescent(1)).build());
    assertEquals("the cost does not contain parameter 'unused' [3], so training could not change it; the cost's variables "
        + "are [x, w1, b1, w2, b2, y]", unused.getMessage());
    IllegalArgumentException decayOfData = assertThrows(IllegalArgumentException.class, () -> TrainingStep.builder(net.cost,
        init).rule(UpdateRule.gradientDescent(1)).weightDecay(0.1, List.of(net.x)).build());
    assertEquals("weight decay is set for 'x' [?, 784], which is not one of the parameters [w1, b1, w2, b2]",
        decayOfData.getMessage());
    TrainingStep step = seedsStep(1);
    IllegalArgumentException unbound = assertThrows(IllegalArgumentException.class,
        () -> step.run(Bindings.of(net.x, net.inputs(4, 1))));
    assertTrue(unbound.getMessage().contains("'y'"), unbound.getMessage());
    IllegalArgumentException infinite = assertThrows(IllegalArgumentException.class, () -> step.setParameters(
        Map.of(net.parameters.get(0), Tensor.fill(Shape.of(30, 784), Double.POSITIVE_INFINITY))));
    assertTrue(infinite.getMessage().contains("no value for parameter 'b1'") || infinite.getMessage().contains("infinity"),
        infinite.getMessage());
  }
}
