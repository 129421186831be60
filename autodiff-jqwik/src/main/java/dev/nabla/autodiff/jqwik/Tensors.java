package dev.nabla.autodiff.jqwik;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Entry point for tensor arbitraries: tensors of a given or random shape, bindings for a cost's
 * variables, and labelled batches. Values default to {@link Domain#between between(-2, 2)}.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<Tensor> weights() {
 *   return Tensors.of(3, 2).between(-1, 1);
 * }
 *
 * @Provide
 * Arbitrary<Bindings> points() {
 *   return Tensors.bindingsFor(cost).where(y, Domain.probabilities(-1));
 * }
 * }</pre>
 */
public final class Tensors {
  /** The default value domain, [-2, 2]: where the usual activations are neither flat nor linear. */
  public static final Domain DEFAULT_DOMAIN = Domain.between(-2, 2);

  /** Up to this many elements, random shapes and their values are drawn (and shrunk) jointly. */
  private static final int MAX_JOINT_SIZE = 4096;

  private Tensors() {}

  /** Tensors of the given dimensions (none: a scalar). */
  public static TensorArbitrary of(int... dims) {
    return of(Shape.of(dims));
  }

  /** Tensors of the given concrete shape. */
  public static TensorArbitrary of(Shape shape) {
    checkNotNull(shape, "shape");
    checkArgument(shape.isConcrete(), "Tensors.of: shape %s has open dimensions; give concrete ones", shape);
    return new TensorArbitrary(Arbitraries.just(shape), 0, DEFAULT_DOMAIN);
  }

  /**
   * Tensors whose shape is drawn from {@code shapes}. Prefer {@link #shaped(int, int, int)} when the
   * shapes are bounds on rank and dimensions: knowing the largest size, it shrinks better.
   */
  public static TensorArbitrary shaped(Arbitrary<Shape> shapes) {
    return new TensorArbitrary(shapes, 0, DEFAULT_DOMAIN);
  }

  /**
   * Tensors of random shape, rank {@code minRank..maxRank} and dimensions {@code 1..maxDim} ({@link
   * Shapes#shapes(int, int, int)}); a failing tensor shrinks in shape and values together, toward one
   * element holding the failing value.
   */
  public static TensorArbitrary shaped(int minRank, int maxRank, int maxDim) {
    long max = Math.round(Math.pow(maxDim, maxRank));
    return new TensorArbitrary(Shapes.shapes(minRank, maxRank, maxDim), max <= MAX_JOINT_SIZE ? (int) max : 0,
        DEFAULT_DOMAIN);
  }

  /** Tensors of random shape: rank 0 to 2, dimensions 1 to 4. */
  public static TensorArbitrary tensors() {
    return shaped(0, 2, 4);
  }

  /** Bindings for the given variables (see {@link BindingsArbitrary}). */
  public static BindingsArbitrary bindingsFor(Variable... variables) {
    checkArgument(variables.length > 0, "Tensors.bindingsFor: name at least one variable");
    return new BindingsArbitrary(List.of(variables), DEFAULT_DOMAIN, Map.of(), 1, 4);
  }

  /** Bindings for every variable {@code cost} depends on. */
  public static BindingsArbitrary bindingsFor(Expr cost) {
    List<Variable> vars = Graph.variables(List.of(checkNotNull(cost, "cost")));
    checkArgument(!vars.isEmpty(), "Tensors.bindingsFor: %s has no variables", cost);
    return new BindingsArbitrary(vars, DEFAULT_DOMAIN, Map.of(), 1, 4);
  }

  /**
   * Batches of {@code minBatch..maxBatch} examples: inputs {@code [n, features]} from {@code inputs} and
   * one-hot targets {@code [n, classes]}. Shrinks toward one example of class 0.
   */
  public static Arbitrary<LabelledBatch> labelledBatches(int minBatch, int maxBatch, int features, int classes,
      Domain inputs) {
    checkArgument(minBatch >= 1 && minBatch <= maxBatch, "labelledBatches: need 1 <= minBatch <= maxBatch, got %s and %s",
        minBatch, maxBatch);
    checkArgument(features >= 1 && classes >= 1, "labelledBatches: features %s and classes %s must be positive", features,
        classes);
    checkNotNull(inputs, "labelledBatches: input domain");
    return Arbitraries.integers().between(minBatch, maxBatch).flatMap(n -> Combinators.combine(
        inputs.tensors(Shape.of(n, features)),
        Arbitraries.integers().between(0, classes - 1).list().ofSize(n))
        .as((x, labels) -> new LabelledBatch(x, oneHot(labels, classes))));
  }

  /** {@link #labelledBatches(int, int, int, int, Domain)} of 1 to 4 examples with inputs in [0, 1]. */
  public static Arbitrary<LabelledBatch> labelledBatches(int features, int classes) {
    return labelledBatches(1, 4, features, classes, Domain.between(0, 1));
  }

  private static Tensor oneHot(List<Integer> labels, int classes) {
    double[] t = new double[labels.size() * classes];
    for (int r = 0; r < labels.size(); r++) {
      t[r * classes + labels.get(r)] = 1;
    }
    return Tensor.of(Shape.of(labels.size(), classes), t);
  }
}
