package dev.nabla.autodiff.eval;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An immutable assignment of values to variables. Each value's shape is checked against its
 * variable's (open dimensions accept any size) when it is bound.
 *
 * <pre>{@code
 * Bindings b = Bindings.of(w, Tensor.randomNormal(Shape.of(30, 784), 0, 1, 1), x, batch);
 * Bindings b2 = b.with(x, otherBatch);
 * }</pre>
 */
public final class Bindings {
  private static final Bindings EMPTY = new Bindings(new LinkedHashMap<>());

  private final Map<Variable, Tensor> values;

  private Bindings(Map<Variable, Tensor> values) {
    this.values = values;
  }

  /** No bindings. */
  public static Bindings empty() {
    return EMPTY;
  }

  /** One binding. */
  public static Bindings of(Variable v, Tensor t) {
    return EMPTY.with(v, t);
  }

  /** Two bindings. */
  public static Bindings of(Variable v1, Tensor t1, Variable v2, Tensor t2) {
    return EMPTY.with(v1, t1).with(v2, t2);
  }

  /** Three bindings. */
  public static Bindings of(Variable v1, Tensor t1, Variable v2, Tensor t2, Variable v3, Tensor t3) {
    return EMPTY.with(v1, t1).with(v2, t2).with(v3, t3);
  }

  /** Bindings from a map. */
  public static Bindings of(Map<Variable, Tensor> map) {
    Bindings b = EMPTY;
    for (Map.Entry<Variable, Tensor> e : map.entrySet()) {
      b = b.with(e.getKey(), e.getValue());
    }
    return b;
  }

  /**
   * These bindings plus (or with a new value for) {@code v}.
   *
   * @throws IllegalArgumentException when the value's shape does not fit the variable's
   */
  public Bindings with(Variable v, Tensor t) {
    checkNotNull(v, "variable");
    checkNotNull(t, "value for variable '%s'", v.name());
    checkArgument(v.shape().accepts(t.shape()),
        "variable '%s' has shape %s but is bound to a tensor of shape %s", v.name(), v.shape(), t.shape());
    Map<Variable, Tensor> copy = new LinkedHashMap<>(values);
    copy.put(v, t);
    return new Bindings(copy);
  }

  /** The value of {@code v}, if bound. */
  public Optional<Tensor> get(Variable v) {
    return Optional.ofNullable(valueOf(v));
  }

  /** The value bound to {@code v}, or null: {@link #get} without the {@code Optional}, for hot loops. */
  Tensor valueOf(Variable v) {
    return values.get(v);
  }

  /** A read-only view of all bindings, in the order they were made. */
  public Map<Variable, Tensor> asMap() {
    return Collections.unmodifiableMap(values);
  }

  /** {@code {w: [30, 784], x: [10, 784]}}: names and shapes. */
  @Override
  public String toString() {
    return values.entrySet().stream()
        .map(e -> e.getKey().name() + ": " + e.getValue().shape())
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
