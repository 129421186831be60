package dev.nabla.autodiff;

import static dev.nabla.autodiff.Nabla.*;
import static dev.nabla.autodiff.OpCheck.check;

import dev.nabla.autodiff.SelectionCases.ConcatCase;
import dev.nabla.autodiff.SelectionCases.GatherCase;
import dev.nabla.autodiff.SelectionCases.IndexCase;
import dev.nabla.autodiff.SelectionCases.SliceCase;
import dev.nabla.autodiff.graph.ScatterAdd;
import dev.nabla.autodiff.jqwik.DistinctValues;
import dev.nabla.autodiff.jqwik.TensorShape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Gradients of the selecting operations (index, slice with a step, gather, concat, stack, pad, and the
 * scatter-add that gather's gradient uses) and of the min reduction, against central differences, on
 * random shapes with positions counted from either end. Second order: {@link OperationSecondOrderProperties}.
 */
class SelectionGradientProperties {
  private static final int TRIES = 100;

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
  void gradientOfSliceMatchesFiniteDifferences(@ForAll("slices") SliceCase c) {
    check(v -> slice(v.get(0), c.axis(), c.start(), c.stop(), c.step()), c.x());
  }

  @Property(tries = TRIES)
  void gradientOfIndexMatchesFiniteDifferences(@ForAll("indexings") IndexCase c) {
    check(v -> index(v.get(0), c.indices()), c.x());
  }

  @Property(tries = TRIES)
  void gradientOfGatherMatchesFiniteDifferences(@ForAll("gathers") GatherCase c) {
    check(v -> gather(v.get(0), c.axis(), constant(c.indices())), c.x());
  }

  /** Indices may repeat, so contributions to one position must add up. */
  @Property(tries = TRIES)
  void gradientOfScatterAddMatchesFiniteDifferences(@ForAll("gathers") GatherCase c) {
    boolean keeps = c.indices().shape().rank() == c.x().shape().rank();
    int size = c.x().shape().dim(c.axis());
    check(v -> ScatterAdd.of(v.get(0), c.axis(), constant(c.indices()), size, keeps), Tensor.randomNormal(
        c.indices().shape(), 0, 1, c.indices().hashCode()));
  }

  @Property(tries = TRIES)
  void gradientOfConcatMatchesFiniteDifferences(@ForAll("concatenations") ConcatCase c) {
    check(v -> concat(c.axis(), v), c.xs().toArray(new Tensor[0]));
  }

  @Property(tries = TRIES)
  void gradientOfStackMatchesFiniteDifferences(@ForAll("stackable") List<Tensor> xs, @ForAll @IntRange(max = 9) int axisSeed) {
    int axis = axisSeed % (xs.get(0).shape().rank() + 1);
    check(v -> stack(axis, v), xs.toArray(new Tensor[0]));
  }

  @Property(tries = TRIES)
  void gradientOfPadMatchesFiniteDifferences(@ForAll @TensorShape(minRank = 1, maxRank = 3) Tensor x,
      @ForAll @IntRange(max = 9) int axisSeed, @ForAll @IntRange(max = 2) int before, @ForAll @IntRange(max = 2) int after) {
    check(v -> pad(v.get(0), axisSeed % x.shape().rank(), before, after), x);
  }

  @Property(tries = TRIES)
  void gradientOfMinMatchesFiniteDifferences(@ForAll @TensorShape(minRank = 1, maxRank = 3) @DistinctValues Tensor x,
      @ForAll @IntRange(max = 2) int axisSeed, @ForAll boolean keepDims) {
    int axis = axisSeed % x.shape().rank();
    check(v -> min(v.get(0)), x);
    check(v -> min(v.get(0), axis, keepDims), x);
  }

  @Property(tries = 50)
  void argminPassesNoGradient(@ForAll @TensorShape(minRank = 1, maxRank = 3) @DistinctValues Tensor x) {
    check(v -> argmin(v.get(0), 0), x);
  }
}
