package dev.nabla.autodiff.jqwik;

import static dev.nabla.autodiff.Nabla.variable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Broadcasting;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Every generator family produces what it promises: bounds, domains, matching batches. */
class GeneratorProperties {
  private static final Variable X = variable("x", Shape.batch(3));
  private static final Variable Y = variable("y", Shape.batch(4));
  private static final Variable W = variable("w", 3, 4);

  @Provide
  Arbitrary<Shape> cappedShapes() {
    return Shapes.shapes(1, 4, 9, 50);
  }

  @Provide
  Arbitrary<ShapePair> pairs() {
    return Shapes.broadcastPairs();
  }

  @Provide
  Arbitrary<Bindings> batches() {
    return Tensors.bindingsFor(X, Y, W).where(Y, Domain.probabilities(-1)).batchSizes(2, 6);
  }

  @Provide
  Arbitrary<LabelledBatch> labelled() {
    return Tensors.labelledBatches(1, 8, 5, 3, Domain.between(0, 1));
  }

  @Provide
  Arbitrary<Tensor> sparse() {
    return Tensors.of(10, 10).sparse(0.7);
  }

  @Property
  void shapesRespectRankDimensionAndSizeBounds(@ForAll("cappedShapes") Shape s) {
    assertTrue(s.rank() >= 1 && s.rank() <= 4, s::toString);
    assertTrue(Arrays.stream(s.dims()).allMatch(d -> d >= 1 && d <= 9), s::toString);
    assertTrue(s.size() <= 50, s::toString);
  }

  @Property
  void broadcastPairsBroadcast(@ForAll("pairs") ShapePair p) {
    assertEquals(p.larger(), Broadcasting.shape("test", p.smaller(), p.larger()));
  }

  @Property
  void annotatedTensorsHaveTheirShapeAndRange(@ForAll @TensorShape({2, 3}) @ValueRange(min = 0.5, max = 0.75) Tensor t) {
    assertEquals(Shape.of(2, 3), t.shape());
    assertTrue(Arrays.stream(t.rawData()).allMatch(v -> v >= 0.5 && v <= 0.75), t::toString);
  }

  @Property
  void unannotatedTensorsAreSmallAndInTheDefaultRange(@ForAll Tensor t) {
    assertTrue(t.shape().rank() <= 2 && t.size() <= 16, () -> t.shape().toString());
    assertTrue(Arrays.stream(t.rawData()).allMatch(v -> v >= -2 && v <= 2), t::toString);
  }

  @Property(tries = 100)
  void anEmptyTensorShapeIsAScalar(@ForAll @TensorShape({}) Tensor t, @ForAll @TensorShape({}) Shape s) {
    assertEquals(Shape.scalar(), t.shape(), t::toString);
    assertEquals(Shape.scalar(), s);
  }

  /** As README says: jqwik's draws cluster near 0, about 62% of them within 0.1 of it. */
  @Property
  void defaultValuesClusterNearZero(@ForAll @TensorShape({4, 3}) Tensor t) {
    collectNearZero(t);
    Statistics.label(NEAR_ZERO).coverage(c -> c.check(true).percentage(p -> p > 50 && p < 75));
  }

  /** As README says: drawn uniformly, about 5% are (plus jqwik's edge cases). */
  @Property
  void uniformValuesSpreadOverTheirRange(@ForAll @TensorShape({4, 3}) @ValueRange(min = -2, max = 2, uniform = true)
      Tensor t) {
    assertTrue(Arrays.stream(t.rawData()).allMatch(v -> v >= -2 && v <= 2), t::toString);
    collectNearZero(t);
    Statistics.label(NEAR_ZERO).coverage(c -> c.check(true).percentage(p -> p < 15));
  }

  private static final String NEAR_ZERO = "|v| < 0.1";

  private static void collectNearZero(Tensor t) {
    for (double v : t.rawData()) {
      Statistics.label(NEAR_ZERO).collect(Math.abs(v) < 0.1);
    }
  }

  /** As README says: without jqwik's edge cases, a tensor of fixed shape never repeats one value throughout. */
  @Property(edgeCases = EdgeCasesMode.NONE)
  void withoutEdgeCasesAFixedShapeDrawsEveryElement(@ForAll @TensorShape({4, 3}) Tensor t) {
    assertTrue(Arrays.stream(t.rawData()).distinct().count() > 1, t::toString);
  }

  @Property
  void annotatedShapesRespectTheirBounds(@ForAll @TensorShape(minRank = 2, maxRank = 3, maxDim = 2) Shape s) {
    assertTrue(s.rank() >= 2 && s.rank() <= 3 && Arrays.stream(s.dims()).allMatch(d -> d <= 2), s::toString);
  }

  @Property
  void awayFromKeepsTheMarginFromEveryKink(@ForAll @TensorShape(maxRank = 3) @AwayFrom(value = {-1, 1}, margin = 0.1)
      @ValueRange(min = -2, max = 2) Tensor t) {
    for (double v : t.rawData()) {
      assertTrue(Math.abs(v - 1) >= 0.1 - 1e-12 && Math.abs(v + 1) >= 0.1 - 1e-12 && v >= -2 && v <= 2, t::toString);
    }
  }

  @Property
  void positiveValuesArePositive(@ForAll("positiveTensors") Tensor t) {
    assertTrue(Arrays.stream(t.rawData()).allMatch(v -> v >= 0.1), t::toString);
  }

  @Provide
  Arbitrary<Tensor> positiveTensors() {
    return Tensors.shaped(0, 3, 4).positive();
  }

  @Property
  void distinctValuesHaveNoTies(@ForAll @TensorShape(maxRank = 3) @DistinctValues Tensor t) {
    assertEquals(t.size(), Arrays.stream(t.rawData()).distinct().count(), t::toString);
  }

  @Property
  void distinctValuesStayInTheirValueRange(@ForAll @TensorShape(maxRank = 3) @DistinctValues
      @ValueRange(min = 0.5, max = 1.5) Tensor t) {
    assertEquals(t.size(), Arrays.stream(t.rawData()).distinct().count(), t::toString);
    assertTrue(Arrays.stream(t.rawData()).allMatch(v -> v >= 0.5 && v <= 1.5), t::toString);
  }

  @Property
  void probabilitiesArePositiveAndSumToOneAlongTheirAxis(@ForAll @TensorShape({3, 4, 2}) @Probabilities(axis = 1) Tensor p) {
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 2; k++) {
        double total = 0;
        for (int j = 0; j < 4; j++) {
          assertTrue(p.get(i, j, k) > 0);
          total += p.get(i, j, k);
        }
        assertEquals(1, total, 1e-12);
      }
    }
  }

  @Property
  void sparseTensorsHaveManyExactZeros(@ForAll("sparse") Tensor t) {
    long zeros = Arrays.stream(t.rawData()).filter(v -> v == 0).count();
    assertTrue(zeros >= 40, () -> zeros + " zeros in " + t); // about 70 of 100 expected
  }

  @Property
  void bindingsShareOneBatchSizeAcrossOpenDimensions(@ForAll("batches") Bindings b) {
    int n = b.get(X).orElseThrow().shape().dim(0);
    assertTrue(n >= 2 && n <= 6);
    assertEquals(Shape.of(n, 4), b.get(Y).orElseThrow().shape());
    assertEquals(Shape.of(3, 4), b.get(W).orElseThrow().shape());
    Tensor y = b.get(Y).orElseThrow();
    for (int r = 0; r < n; r++) {
      double total = 0;
      for (int c = 0; c < 4; c++) {
        total += y.get(r, c);
      }
      assertEquals(1, total, 1e-12, "row " + r + " of the probability targets");
    }
  }

  @Property
  void labelledBatchesHaveMatchingRowsAndOneHotTargets(@ForAll("labelled") LabelledBatch b) {
    assertEquals(b.inputs().shape().dim(0), b.targets().shape().dim(0));
    assertEquals(Shape.of(b.size(), 5), b.inputs().shape());
    for (int r = 0; r < b.size(); r++) {
      assertEquals(1.0, b.targets().get(r, b.label(r)));
      assertEquals(1.0, Arrays.stream(b.targets().toMatrix()[r]).sum());
    }
  }
}
