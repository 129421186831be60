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
 * Bindings many = Bindings.builder().bind(w1, t1).bind(b1, u1).bind(w2, t2).bind(b2, u2).bind(x, batch).build();
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
    return builder().bind(v, t).build();
  }

  /** Two bindings. */
  public static Bindings of(Variable v1, Tensor t1, Variable v2, Tensor t2) {
    checkPair(v1, t1, 1);
    checkPair(v2, t2, 2);
    return builder().bind(v1, t1).bind(v2, t2).build();
  }

  private static void checkPair(Variable v, Tensor t, int k) {
    checkNotNull(v, "Bindings.of: v%s is null", k);
    checkNotNull(t, "Bindings.of: t%s (the value for '%s') is null", k, v.name());
  }

  /** Three bindings. */
  public static Bindings of(Variable v1, Tensor t1, Variable v2, Tensor t2, Variable v3, Tensor t3) {
    checkPair(v1, t1, 1);
    checkPair(v2, t2, 2);
    checkPair(v3, t3, 3);
    return builder().bind(v1, t1).bind(v2, t2).bind(v3, t3).build();
  }

  /** Bindings from a map. */
  public static Bindings of(Map<Variable, Tensor> map) {
    checkNotNull(map, "Bindings.of: map is null");
    Builder b = builder();
    map.forEach(b::bind);
    return b.build();
  }

  /** A builder for any number of bindings: {@code Bindings.builder().bind(x, t).bind(y, u).build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects bindings, each checked as {@link Bindings#with} checks it; a later value for a variable replaces an earlier one. */
  public static final class Builder {
    private final Map<Variable, Tensor> values = new LinkedHashMap<>();

    private Builder() {}

    /** Binds {@code v} to {@code t}. */
    public Builder bind(Variable v, Tensor t) {
      check(v, t);
      values.put(v, t);
      return this;
    }

    /** The bindings made so far; the builder may go on. */
    public Bindings build() {
      return new Bindings(new LinkedHashMap<>(values));
    }
  }

  private static void check(Variable v, Tensor t) {
    checkNotNull(v, "Bindings: v is null");
    checkNotNull(t, "Bindings: t (the value for variable '%s') is null", v.name());
    checkArgument(v.shape().accepts(t.shape()),
        "variable '%s' has shape %s but is bound to a tensor of shape %s", v.name(), v.shape(), t.shape());
  }

  /**
   * These bindings plus (or with a new value for) {@code v}.
   *
   * @throws IllegalArgumentException when the value's shape does not fit the variable's
   */
  public Bindings with(Variable v, Tensor t) {
    check(v, t);
    Map<Variable, Tensor> copy = new LinkedHashMap<>(values);
    copy.put(v, t);
    return new Bindings(copy);
  }

  /** The value of {@code v}, if bound. */
  public Optional<Tensor> get(Variable v) {
    checkNotNull(v, "Bindings.get: v is null");
    return Optional.ofNullable(valueOf(v));
  }

  /**
   * The value of {@code v}, or an {@link IllegalArgumentException} naming it and what is bound, and
   * saying so when a different variable of the same name is bound (two variables share the name).
   */
  public Tensor require(Variable v, String op) {
    checkNotNull(op, "Bindings.require: op is null");
    Tensor t = valueOf(checkNotNull(v, "%s: v is null", op));
    if (t == null) {
      throw unbound(v, op);
    }
    return t;
  }

  /** The error {@link #require} throws for an unbound {@code v}. */
  IllegalArgumentException unbound(Variable v, String op) {
    String namesake = values.keySet().stream().filter(u -> u.name().equals(v.name())).findFirst()
        .map(u -> String.format("; a different variable also named '%s' %s is bound: two variables share the name '%s'. "
            + "Bind the variable object the expression was built from", u.name(), u.shape(), v.name()))
        .orElse("; bound are " + this);
    return new IllegalArgumentException(String.format("%s: variable '%s' %s is not bound%s", op, v.name(), v.shape(),
        namesake));
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
