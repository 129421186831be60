package dev.nabla.autodiff.jqwik;

import static com.google.common.base.Preconditions.checkArgument;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * Lets jqwik generate {@code @ForAll Tensor} and {@code @ForAll Shape} parameters, configured by
 * {@link TensorShape}, {@link ValueRange}, {@link AwayFrom}, {@link Probabilities} and {@link
 * DistinctValues}. Registered as a service ({@code META-INF/services/net.jqwik.api.providers.
 * ArbitraryProvider}), so having this module on the test classpath is enough.
 *
 * <p>Annotations combine where their meaning does: {@code @ValueRange} bounds {@code @AwayFrom} and
 * {@code @DistinctValues}. Combinations that cannot all hold ({@code @Probabilities} with a range that
 * excludes part of [0, 1], with {@code @DistinctValues} or with {@code @AwayFrom}; {@code @DistinctValues}
 * with {@code @AwayFrom}; fixed dimensions with bounds for a random shape) are rejected with an {@link
 * IllegalArgumentException} when the property starts, never silently ignored.
 *
 * <pre>{@code
 * @Property
 * void p(@ForAll @TensorShape({3, 2}) @ValueRange(min = -1, max = 1) Tensor w) { ... }
 * }</pre>
 */
public final class NablaArbitraryProvider implements ArbitraryProvider {
  private static final TensorShape DEFAULTS = Defaults.class.getDeclaredAnnotation(TensorShape.class);

  /** Creates the provider; jqwik calls this through the service loader. */
  public NablaArbitraryProvider() {}

  @Override
  public boolean canProvideFor(TypeUsage targetType) {
    return targetType.isOfType(Tensor.class) || targetType.isOfType(Shape.class);
  }

  @Override
  public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
    TensorShape shape = targetType.findAnnotation(TensorShape.class).orElse(DEFAULTS);
    Optional<Shape> fixed = fixedShape(shape);
    if (targetType.isOfType(Shape.class)) {
      return Set.of(fixed.<Arbitrary<Shape>>map(Arbitraries::just)
          .orElseGet(() -> Shapes.shapes(shape.minRank(), shape.maxRank(), shape.maxDim())));
    }
    TensorArbitrary tensors = fixed.map(Tensors::of)
        .orElseGet(() -> Tensors.shaped(shape.minRank(), shape.maxRank(), shape.maxDim()));
    return Set.of(tensors.withDomain(domain(targetType)));
  }

  /** The fixed shape {@code shape} asks for, or empty for a random one; rejects a mix of the two. */
  static Optional<Shape> fixedShape(TensorShape shape) {
    int[] dims = shape.value();
    boolean bounds = shape.minRank() != DEFAULTS.minRank() || shape.maxRank() != DEFAULTS.maxRank()
        || shape.maxDim() != DEFAULTS.maxDim();
    if (dims.length == 1 && dims[0] == TensorShape.RANDOM) {
      checkArgument(shape.minRank() >= 0 && shape.minRank() <= shape.maxRank() && shape.maxDim() >= 1,
          "@TensorShape(minRank = %s, maxRank = %s, maxDim = %s): need 0 <= minRank <= maxRank and maxDim >= 1",
          shape.minRank(), shape.maxRank(), shape.maxDim());
      return Optional.empty();
    }
    checkArgument(Arrays.stream(dims).allMatch(d -> d >= 1),
        "@TensorShape(%s): every dimension must be at least 1 (use {} for a scalar, or bounds for a random shape)",
        Arrays.toString(dims));
    checkArgument(!bounds, "@TensorShape(%s, minRank = %s, maxRank = %s, maxDim = %s): give fixed dimensions or bounds "
        + "for a random shape, not both", Arrays.toString(dims), shape.minRank(), shape.maxRank(), shape.maxDim());
    return Optional.of(Shape.of(dims));
  }

  /** The domain the annotations ask for; rejects combinations that cannot all hold. */
  static Domain domain(TypeUsage t) {
    Optional<ValueRange> range = t.findAnnotation(ValueRange.class);
    boolean uniform = range.map(ValueRange::uniform).orElse(false);
    checkArgument(!uniform || t.findAnnotation(Probabilities.class).isEmpty(), "@Probabilities cannot be drawn with "
        + "@ValueRange(uniform = true): probabilities are a softmax of random logits");
    Domain d = annotatedDomain(t, range);
    return uniform ? d.uniformly() : d;
  }

  private static Domain annotatedDomain(TypeUsage t, Optional<ValueRange> range) {
    Optional<AwayFrom> away = t.findAnnotation(AwayFrom.class);
    Optional<Probabilities> probabilities = t.findAnnotation(Probabilities.class);
    boolean distinct = t.isAnnotated(DistinctValues.class);
    if (probabilities.isPresent()) {
      checkArgument(!distinct && away.isEmpty(), "@Probabilities cannot be combined with %s: probabilities are "
          + "drawn as a softmax of random logits", distinct ? "@DistinctValues" : "@AwayFrom");
      range.ifPresent(r -> checkArgument(r.min() <= 0 && r.max() >= 1, "@Probabilities values lie in (0, 1) and sum "
          + "to 1, so @ValueRange(min = %s, max = %s) cannot hold for them; drop the @ValueRange", r.min(), r.max()));
      return Domain.probabilities(probabilities.get().axis());
    }
    if (distinct) {
      checkArgument(away.isEmpty(), "@DistinctValues cannot be combined with @AwayFrom: values pushed away from a "
          + "kink could tie; give a @ValueRange on one side of the kink instead");
      return range.map(r -> Domain.distinct(r.min(), r.max())).orElse(Domain.distinct());
    }
    if (away.isPresent()) {
      double min = range.map(ValueRange::min).orElse(-3.0);
      double max = range.map(ValueRange::max).orElse(3.0);
      return Domain.awayFrom(away.get().margin(), min, max, away.get().value());
    }
    return range.map(r -> Domain.between(r.min(), r.max())).orElse(Tensors.DEFAULT_DOMAIN);
  }

  /** Carries the annotation's defaults, so that a non-default bound can be recognised. */
  @TensorShape
  private static final class Defaults {}
}
