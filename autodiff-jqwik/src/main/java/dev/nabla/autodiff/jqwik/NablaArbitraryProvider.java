package dev.nabla.autodiff.jqwik;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
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
 * <pre>{@code
 * @Property
 * void p(@ForAll @TensorShape({3, 2}) @ValueRange(min = -1, max = 1) Tensor w) { ... }
 * }</pre>
 */
public final class NablaArbitraryProvider implements ArbitraryProvider {
  /** Creates the provider; jqwik calls this through the service loader. */
  public NablaArbitraryProvider() {}

  @Override
  public boolean canProvideFor(TypeUsage targetType) {
    return targetType.isOfType(Tensor.class) || targetType.isOfType(Shape.class);
  }

  @Override
  public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
    Optional<TensorShape> shape = targetType.findAnnotation(TensorShape.class);
    boolean fixed = shape.isPresent() && shape.get().value().length > 0;
    int minRank = shape.map(TensorShape::minRank).orElse(0);
    int maxRank = shape.map(TensorShape::maxRank).orElse(2);
    int maxDim = shape.map(TensorShape::maxDim).orElse(4);
    if (targetType.isOfType(Shape.class)) {
      return Set.of(fixed ? Arbitraries.just(Shape.of(shape.get().value())) : Shapes.shapes(minRank, maxRank, maxDim));
    }
    TensorArbitrary tensors = fixed ? Tensors.of(shape.get().value()) : Tensors.shaped(minRank, maxRank, maxDim);
    return Set.of(tensors.withDomain(domain(targetType)));
  }

  /** The domain the annotations ask for; the first of probabilities, distinct, away-from, range applies. */
  static Domain domain(TypeUsage t) {
    Optional<ValueRange> range = t.findAnnotation(ValueRange.class);
    if (t.findAnnotation(Probabilities.class).isPresent()) {
      return Domain.probabilities(t.findAnnotation(Probabilities.class).get().axis());
    }
    if (t.isAnnotated(DistinctValues.class)) {
      return Domain.distinct();
    }
    Optional<AwayFrom> away = t.findAnnotation(AwayFrom.class);
    if (away.isPresent()) {
      double min = range.map(ValueRange::min).orElse(-3.0);
      double max = range.map(ValueRange::max).orElse(3.0);
      return Domain.awayFrom(away.get().margin(), min, max, away.get().value());
    }
    return range.map(r -> Domain.between(r.min(), r.max())).orElse(Tensors.DEFAULT_DOMAIN);
  }
}
