package dev.nabla.autodiff;

import static dev.nabla.autodiff.Nabla.*;
import static dev.nabla.autodiff.OpCheck.checkSecondOrder;

import dev.nabla.autodiff.SelectionCases.ConcatCase;
import dev.nabla.autodiff.SelectionCases.GatherCase;
import dev.nabla.autodiff.SelectionCases.IndexCase;
import dev.nabla.autodiff.SelectionCases.SliceCase;
import dev.nabla.autodiff.graph.Expand;
import dev.nabla.autodiff.graph.ScatterAdd;
import dev.nabla.autodiff.jqwik.DistinctValues;
import dev.nabla.autodiff.jqwik.TensorShape;
import dev.nabla.autodiff.jqwik.ValueRange;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Second order for the shape, selecting and reducing operations and the composites built on them:
 * Hessian-vector products of {@code Σ op(x)² ⊙ R} against central differences of the gradient. Most of
 * these operations are linear, so what is checked is that their VJPs (pads, scatters, slices, gathers,
 * broadcasts) differentiate again to the right transposes.
 */
class StructuralSecondOrderProperties {
  private static final int TRIES = 60;

  @Provide
  Arbitrary<List<Tensor>> expansions() {
    return OperationCases.expansions();
  }

  @Provide
  Arbitrary<SliceCase> slices() {
    return SelectionCases.slices();
  }

  @Provide
  Arbitrary<IndexCase> indexings() {
    return SelectionCases.indexings();
  }

  @Provide
  Arbitrary<GatherCase> gathers() {
    return SelectionCases.gathers();
  }

  @Provide
  Arbitrary<ConcatCase> concatenations() {
    return SelectionCases.concatenations();
  }

  @Provide
  Arbitrary<List<Tensor>> stackable() {
    return SelectionCases.stackable();
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfTransposeMatches(@ForAll @TensorShape(minRank = 1, maxRank = 3) Tensor x) {
    checkSecondOrder(v -> transpose(v.get(0)), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfReshapeMatches(@ForAll @TensorShape(maxRank = 3) Tensor x) {
    checkSecondOrder(v -> reshape(v.get(0), Shape.of(x.size())), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfExpandMatches(@ForAll("expansions") List<Tensor> x) {
    checkSecondOrder(v -> Expand.of(v.get(0), v.get(1)), x.get(0), x.get(1));
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfSumMatches(@ForAll @TensorShape(minRank = 1, maxRank = 3) Tensor x,
      @ForAll @IntRange(max = 2) int axisSeed, @ForAll boolean keepDims) {
    checkSecondOrder(v -> sum(v.get(0), axisSeed % x.shape().rank(), keepDims), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfMeanMatches(@ForAll @TensorShape(minRank = 1, maxRank = 3) Tensor x,
      @ForAll @IntRange(max = 2) int axisSeed) {
    checkSecondOrder(v -> mean(v.get(0), axisSeed % x.shape().rank()), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfMaxMatches(@ForAll @TensorShape(minRank = 1, maxRank = 3) @DistinctValues Tensor x,
      @ForAll @IntRange(max = 2) int axisSeed) {
    checkSecondOrder(v -> max(v.get(0), axisSeed % x.shape().rank()), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfMinMatches(@ForAll @TensorShape(minRank = 1, maxRank = 3) @DistinctValues Tensor x,
      @ForAll @IntRange(max = 2) int axisSeed) {
    checkSecondOrder(v -> min(v.get(0), axisSeed % x.shape().rank()), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfSoftmaxMatches(@ForAll @TensorShape(minRank = 1, maxRank = 3) @ValueRange(min = -3, max = 3)
      Tensor x, @ForAll @IntRange(max = 2) int axisSeed) {
    checkSecondOrder(v -> softmax(v.get(0), axisSeed % x.shape().rank()), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfLogSumExpMatches(@ForAll @TensorShape(minRank = 1, maxRank = 3) @ValueRange(min = -3, max = 3)
      Tensor x, @ForAll @IntRange(max = 2) int axisSeed) {
    checkSecondOrder(v -> logSumExp(v.get(0), axisSeed % x.shape().rank()), x);
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfSliceMatches(@ForAll("slices") SliceCase c) {
    checkSecondOrder(v -> slice(v.get(0), c.axis(), c.start(), c.stop(), c.step()), c.x());
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfIndexMatches(@ForAll("indexings") IndexCase c) {
    checkSecondOrder(v -> index(v.get(0), c.indices()), c.x());
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfGatherMatches(@ForAll("gathers") GatherCase c) {
    checkSecondOrder(v -> gather(v.get(0), c.axis(), constant(c.indices())), c.x());
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfScatterAddMatches(@ForAll("gathers") GatherCase c) {
    boolean keeps = c.indices().shape().rank() == c.x().shape().rank();
    int size = c.x().shape().dim(c.axis());
    checkSecondOrder(v -> ScatterAdd.of(v.get(0), c.axis(), constant(c.indices()), size, keeps),
        Tensor.randomNormal(c.indices().shape(), 0, 1, c.indices().hashCode()));
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfConcatMatches(@ForAll("concatenations") ConcatCase c) {
    checkSecondOrder(v -> concat(c.axis(), v), c.xs().toArray(new Tensor[0]));
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfStackMatches(@ForAll("stackable") List<Tensor> xs, @ForAll @IntRange(max = 9) int axisSeed) {
    int axis = axisSeed % (xs.get(0).shape().rank() + 1);
    checkSecondOrder(v -> stack(axis, v), xs.toArray(new Tensor[0]));
  }

  @Property(tries = TRIES)
  void hessianVectorProductOfPadMatches(@ForAll @TensorShape(minRank = 1, maxRank = 3) Tensor x,
      @ForAll @IntRange(max = 9) int axisSeed, @ForAll @IntRange(max = 2) int before, @ForAll @IntRange(max = 2) int after) {
    checkSecondOrder(v -> pad(v.get(0), axisSeed % x.shape().rank(), before, after), x);
  }
}
