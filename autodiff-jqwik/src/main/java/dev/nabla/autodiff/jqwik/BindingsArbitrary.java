package dev.nabla.autodiff.jqwik;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * An arbitrary of {@link Bindings}: a value for each of a fixed list of variables, drawn from a default
 * {@link Domain} or one chosen per variable. Open dimensions ({@link Shape#ANY}, a batch) are all
 * fixed to one drawn batch size, so {@code x: [?, 784]} and {@code y: [?, 10]} get matching rows.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<Bindings> points() {
 *   return Tensors.bindingsFor(w, x, y).where(y, Domain.probabilities(-1)).batchSizes(1, 5);
 * }
 * }</pre>
 */
public final class BindingsArbitrary extends ArbitraryDecorator<Bindings> {
  private final ImmutableList<Variable> variables;
  private final Domain defaultDomain;
  private final Map<Variable, Domain> domains;
  private final int minBatch;
  private final int maxBatch;

  BindingsArbitrary(List<Variable> variables, Domain defaultDomain, Map<Variable, Domain> domains, int minBatch,
      int maxBatch) {
    this.variables = ImmutableList.copyOf(variables);
    this.defaultDomain = checkNotNull(defaultDomain, "default domain");
    this.domains = new IdentityHashMap<>(domains);
    this.minBatch = minBatch;
    this.maxBatch = maxBatch;
  }

  @Override
  protected Arbitrary<Bindings> arbitrary() {
    return Arbitraries.integers().between(minBatch, maxBatch).flatMap(batch -> {
      List<Arbitrary<Tensor>> values = new ArrayList<>();
      for (Variable v : variables) {
        values.add(domains.getOrDefault(v, defaultDomain).tensors(concrete(v.shape(), batch)));
      }
      return Combinators.combine(values).as(list -> {
        Bindings b = Bindings.empty();
        for (int i = 0; i < variables.size(); i++) {
          b = b.with(variables.get(i), list.get(i));
        }
        return b;
      });
    });
  }

  private static Shape concrete(Shape s, int batch) {
    int[] dims = s.dims();
    for (int i = 0; i < dims.length; i++) {
      dims[i] = dims[i] == Shape.ANY ? batch : dims[i];
    }
    return Shape.of(dims);
  }

  /** Values of {@code v} drawn from {@code domain} instead of the default. */
  public BindingsArbitrary where(Variable v, Domain domain) {
    checkArgument(variables.contains(v), "BindingsArbitrary.where: '%s' is not one of %s", v.name(), names());
    Map<Variable, Domain> copy = new IdentityHashMap<>(domains);
    copy.put(v, checkNotNull(domain, "domain for '%s'", v.name()));
    return new BindingsArbitrary(variables, defaultDomain, copy, minBatch, maxBatch);
  }

  /** Every variable without its own domain draws from {@code domain}. */
  public BindingsArbitrary withDefaultDomain(Domain domain) {
    return new BindingsArbitrary(variables, domain, domains, minBatch, maxBatch);
  }

  /** The range of the batch size that fixes open dimensions (default 1..4; shrinks toward the minimum). */
  public BindingsArbitrary batchSizes(int min, int max) {
    checkArgument(min >= 1 && min <= max, "BindingsArbitrary.batchSizes: need 1 <= min <= max, got %s and %s", min, max);
    return new BindingsArbitrary(variables, defaultDomain, domains, min, max);
  }

  private List<String> names() {
    return variables.stream().map(Variable::name).toList();
  }
}
