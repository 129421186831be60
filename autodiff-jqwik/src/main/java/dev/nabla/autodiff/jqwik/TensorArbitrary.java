package dev.nabla.autodiff.jqwik;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * An arbitrary of tensors: a source of shapes (one fixed shape or an arbitrary of shapes) and a value
 * {@link Domain}. Immutable: each configuring method returns a new arbitrary. A failing tensor shrinks
 * in shape (lower rank, dimensions toward 1) and in values (toward 0 or the domain's point nearest 0).
 *
 * <pre>{@code
 * Tensors.of(3, 2).between(-1, 1)               // [3, 2] in [-1, 1]
 * Tensors.shaped(1, 3, 4).awayFrom(0.01, 0)     // relu-safe, random shape of rank 1..3
 * Tensors.of(8, 10).probabilities(-1)           // rows sum to 1
 * }</pre>
 */
public final class TensorArbitrary extends ArbitraryDecorator<Tensor> {
  private final Arbitrary<Shape> shapes;
  private final int maxSize;
  private final Domain domain;

  /** {@code maxSize}: the largest size {@code shapes} can produce, or 0 when unknown. */
  TensorArbitrary(Arbitrary<Shape> shapes, int maxSize, Domain domain) {
    this.shapes = checkNotNull(shapes, "shapes");
    this.maxSize = maxSize;
    this.domain = checkNotNull(domain, "domain");
  }

  /**
   * With a bound on the size and an elementwise domain, shape and values are drawn independently: the
   * values as a list of 1 to {@code maxSize} elements, repeated cyclically to fill the shape. jqwik
   * then shrinks both together, dropping list elements before a failing one so that it moves to the
   * front, and the shape down to one element. (The list length is uniform in {@code 1..maxSize}, so
   * most tensors, which are smaller than the largest, get distinct draws; a shorter list repeats.)
   * Otherwise the values are drawn for each shape ({@code flatMap}), which shrinks the shape only while
   * the first elements still fail.
   */
  @Override
  protected Arbitrary<Tensor> arbitrary() {
    if (maxSize > 0 && domain.elements().isPresent()) {
      Arbitrary<List<Double>> values = domain.elements().get().list().ofMinSize(1).ofMaxSize(maxSize)
          .withSizeDistribution(RandomDistribution.uniform());
      return Combinators.combine(shapes, values).as(TensorArbitrary::fill);
    }
    return shapes.flatMap(domain::tensors);
  }

  private static Tensor fill(Shape shape, List<Double> values) {
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = values.get(i % values.size());
    }
    return Tensor.of(shape, data);
  }

  /** The value domain. */
  public Domain domain() {
    return domain;
  }

  /** The same shapes with values from {@code newDomain}. */
  public TensorArbitrary withDomain(Domain newDomain) {
    return new TensorArbitrary(shapes, maxSize, newDomain);
  }

  /** Values in {@code [min, max]} ({@link Domain#between}). */
  public TensorArbitrary between(double min, double max) {
    return withDomain(Domain.between(min, max));
  }

  /** The current domain's values drawn uniformly instead of biased toward 0 ({@link Domain#uniformly}). */
  public TensorArbitrary uniformly() {
    return withDomain(domain.uniformly());
  }

  /** Values in {@code [0.1, 4]} ({@link Domain#positive}). */
  public TensorArbitrary positive() {
    return withDomain(Domain.positive());
  }

  /** Any finite doubles ({@link Domain#anyFinite}); for fuzzing evaluation. */
  public TensorArbitrary anyFinite() {
    return withDomain(Domain.anyFinite());
  }

  /** Values in {@code [-3, 3]} at least {@code margin} from every kink ({@link Domain#awayFrom}). */
  public TensorArbitrary awayFrom(double margin, double... kinks) {
    return withDomain(Domain.awayFrom(margin, -3, 3, kinks));
  }

  /** Pairwise distinct values ({@link Domain#distinct}): no ties for max and argmax. */
  public TensorArbitrary distinct() {
    return withDomain(Domain.distinct());
  }

  /** Positive values summing to 1 along {@code axis} ({@link Domain#probabilities}). */
  public TensorArbitrary probabilities(int axis) {
    return withDomain(Domain.probabilities(axis));
  }

  /** About {@code zeroFraction} of the current domain's values replaced by exact zeros. */
  public TensorArbitrary sparse(double zeroFraction) {
    return withDomain(Domain.sparse(domain, zeroFraction));
  }
}
