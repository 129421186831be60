package dev.nabla.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An immutable, ordered assignment of values to a model's parameter variables: for a network, its
 * weights and biases in layer order ({@code w1, b1, w2, b2, …}). This is the view optimisers work
 * on: they read the variables and values, compute updates, and hand back a new map.
 *
 * <pre>{@code
 * Parameters p = network.parameters();
 * p.count();                                    // 23,860 for [784, 30, 10]
 * Bindings b = p.toBindings().with(x, batch);   // ready for an Evaluator
 * LinkedHashMap<Variable, Tensor> m = p.toMap(); // a mutable copy for an optimiser
 * }</pre>
 */
public final class Parameters {
  private final ImmutableMap<Variable, Tensor> values;

  private Parameters(ImmutableMap<Variable, Tensor> values) {
    this.values = values;
  }

  /**
   * Parameters from an ordered map; every value must have exactly its variable's (concrete) shape.
   *
   * <pre>{@code
   * Parameters p = Parameters.of(Map.of(w, Tensor.zeros(2, 3)));
   * }</pre>
   *
   * @throws IllegalArgumentException when a shape differs
   */
  public static Parameters of(Map<Variable, Tensor> values) {
    checkNotNull(values, "parameters");
    ImmutableMap.Builder<Variable, Tensor> b = ImmutableMap.builderWithExpectedSize(values.size());
    for (Map.Entry<Variable, Tensor> e : values.entrySet()) {
      checkValue(e.getKey(), e.getValue());
      b.put(e.getKey(), e.getValue());
    }
    return new Parameters(b.buildOrThrow());
  }

  private static void checkValue(Variable v, Tensor t) {
    checkNotNull(v, "parameter variable");
    checkNotNull(t, "value of parameter '%s'", v.name());
    checkArgument(v.shape().isConcrete() && v.shape().equals(t.shape()),
        "parameter '%s' has shape %s but its value has shape %s", v.name(), v.shape(), t.shape());
  }

  /**
   * The parameter variables, in order.
   *
   * <pre>{@code
   * network.parameters().variables();   // [w1, b1, w2, b2]
   * }</pre>
   */
  public ImmutableList<Variable> variables() {
    return values.keySet().asList();
  }

  /**
   * The value of {@code v}.
   *
   * <pre>{@code
   * Tensor w1 = p.get(p.variables().get(0));
   * }</pre>
   *
   * @throws IllegalArgumentException when {@code v} is not one of these parameters
   */
  public Tensor get(Variable v) {
    Tensor t = values.get(v);
    checkArgument(t != null, "'%s' %s is not one of the parameters %s", v.name(), v.shape(), this);
    return t;
  }

  /**
   * The variable with the given name (names are unique within a network).
   *
   * <pre>{@code
   * Variable w2 = network.parameters().variable("w2");
   * }</pre>
   *
   * @throws IllegalArgumentException when no parameter has that name
   */
  public Variable variable(String name) {
    for (Variable v : values.keySet()) {
      if (v.name().equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("no parameter is named '" + name + "'; the parameters are " + this);
  }

  /**
   * A read-only view in order.
   *
   * <pre>{@code
   * p.asMap().forEach((v, t) -> …);
   * }</pre>
   */
  public Map<Variable, Tensor> asMap() {
    return values;
  }

  /**
   * A mutable copy in order, e.g. for an optimiser to update in place and hand back to
   * {@link Network#withParameters(Map)}.
   *
   * <pre>{@code
   * LinkedHashMap<Variable, Tensor> m = p.toMap();
   * }</pre>
   */
  public LinkedHashMap<Variable, Tensor> toMap() {
    return new LinkedHashMap<>(values);
  }

  /**
   * The parameters as evaluator bindings; add the inputs with {@link Bindings#with}.
   *
   * <pre>{@code
   * Tensor out = Evaluator.of(List.of(net.output(x))).run(p.toBindings().with(x, batch)).get(0);
   * }</pre>
   */
  public Bindings toBindings() {
    return Bindings.of(values);
  }

  /**
   * These parameters with new values for some of them (every key must be a parameter here).
   *
   * <pre>{@code
   * Parameters q = p.with(Map.of(w1, newW1));
   * }</pre>
   *
   * @throws IllegalArgumentException for an unknown variable or a value of the wrong shape
   */
  public Parameters with(Map<Variable, Tensor> updates) {
    checkNotNull(updates, "updates");
    for (Map.Entry<Variable, Tensor> e : updates.entrySet()) {
      checkArgument(values.containsKey(e.getKey()), "'%s' %s is not one of the parameters %s",
          e.getKey().name(), e.getKey().shape(), this);
      checkValue(e.getKey(), e.getValue());
    }
    LinkedHashMap<Variable, Tensor> copy = toMap();
    copy.putAll(updates);
    return new Parameters(ImmutableMap.copyOf(copy));
  }

  /**
   * The number of parameter tensors.
   *
   * <pre>{@code
   * Network.builder(784, 30, 10).build().parameters().size();   // 4
   * }</pre>
   */
  public int size() {
    return values.size();
  }

  /**
   * The total number of scalar parameters.
   *
   * <pre>{@code
   * Network.builder(784, 30, 10).build().parameters().count();   // 23,860
   * }</pre>
   */
  public long count() {
    long n = 0;
    for (Tensor t : values.values()) {
      n += t.size();
    }
    return n;
  }

  /** Names and shapes, e.g. {@code {w1: [30, 784], b1: [30]} (23,580 values)}. */
  @Override
  public String toString() {
    return values.entrySet().stream()
        .map(e -> e.getKey().name() + ": " + e.getValue().shape())
        .collect(Collectors.joining(", ", "{", "}"))
        + String.format(Locale.ROOT, " (%,d values)", count());
  }
}
