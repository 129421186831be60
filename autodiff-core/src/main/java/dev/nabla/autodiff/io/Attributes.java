package dev.nabla.autodiff.io;

import dev.nabla.autodiff.io.GraphFormatException.Problem;
import dev.nabla.autodiff.graph.Slice;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A node's parameters in a graph file: {@code key=value} pairs, where a value is a word ({@code true},
 * {@code 2.0}), a quoted string or a bracketed list ({@code [0, 1]}, {@code [?, 784]}), plus a
 * constant's values on the lines that follow it. {@link Out} collects them for the writer; {@link In}
 * hands them to a format's builder, which asks for each by key and type.
 */
final class Attributes {
  private Attributes() {}

  /** A parsed attribute value: a word, a string, or a list of words. */
  record Value(boolean isString, String text, List<String> items) {
    static Value word(String w) {
      return new Value(false, w, null);
    }

    static Value string(String s) {
      return new Value(true, s, null);
    }

    static Value list(List<String> items) {
      return new Value(false, null, List.copyOf(items));
    }

    @Override
    public String toString() {
      return items != null ? "[" + String.join(", ", items) + "]" : isString ? GraphWriter.quote(text) : text;
    }
  }

  /** A fault in an attribute, turned into a {@link GraphFormatException} with the line by the reader. */
  static final class Fault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Problem problem;

    Fault(Problem problem, String message) {
      super(message, null, false, false);
      this.problem = problem;
    }
  }

  /** The attributes a writer gives a node, in order, already spelled. */
  static final class Out {
    final Map<String, String> spelled = new LinkedHashMap<>();
    Tensor values;

    Out real(String key, double v) {
      spelled.put(key, Values.format(v));
      return this;
    }

    Out bool(String key, boolean v) {
      spelled.put(key, Boolean.toString(v));
      return this;
    }

    Out ints(String key, int[] v) {
      spelled.put(key, Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]")));
      return this;
    }

    Out integer(String key, int v) {
      spelled.put(key, Integer.toString(v));
      return this;
    }

    /** A position along an axis; {@link Slice#END} is written {@code end}. */
    Out position(String key, int v) {
      spelled.put(key, v == Slice.END ? "end" : Integer.toString(v));
      return this;
    }

    Out shape(String key, Shape s) {
      spelled.put(key, s.toString());
      return this;
    }

    Out text(String key, String s) {
      spelled.put(key, GraphWriter.quote(s));
      return this;
    }

    /** A constant's values, written on the lines after its node. */
    Out values(Tensor t) {
      values = t;
      return this;
    }
  }

  /** The attributes read for one node; each getter removes its key, so leftovers are unknown keys. */
  static final class In {
    private final String operation;
    private final Map<String, Value> values;
    private final List<String> valueTokens; // a constant's values; null when the node has none
    private final Shape declared;
    private boolean valuesTaken;

    In(String operation, Map<String, Value> values, List<String> valueTokens, Shape declared) {
      this.operation = operation;
      this.values = new LinkedHashMap<>(values);
      this.valueTokens = valueTokens;
      this.declared = declared;
    }

    /** The shape written after the colon. */
    Shape declared() {
      return declared;
    }

    private Value take(String key) {
      Value v = values.remove(key);
      if (v == null) {
        throw new Fault(Problem.BAD_ATTRIBUTE, operation + " needs the attribute " + key + "=…");
      }
      return v;
    }

    private Fault wrongType(String key, Value v, String expected) {
      return new Fault(Problem.BAD_ATTRIBUTE, operation + ": " + key + "=" + v + " is not " + expected);
    }

    double real(String key) {
      Value v = take(key);
      Double d = v.items() == null && !v.isString() ? Values.parse(v.text()) : null;
      if (d == null) {
        throw wrongType(key, v, "a number");
      }
      return d;
    }

    boolean bool(String key) {
      Value v = take(key);
      if (v.items() == null && !v.isString() && (v.text().equals("true") || v.text().equals("false"))) {
        return v.text().equals("true");
      }
      throw wrongType(key, v, "true or false");
    }

    String text(String key) {
      Value v = take(key);
      if (!v.isString()) {
        throw wrongType(key, v, "a quoted string");
      }
      return v.text();
    }

    int[] ints(String key) {
      Value v = take(key);
      if (v.items() == null) {
        throw wrongType(key, v, "a list of integers such as [0, 1]");
      }
      int[] out = new int[v.items().size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = Attributes.integer(v.items().get(i), operation + ": " + key);
      }
      return out;
    }

    int integer(String key) {
      Value v = take(key);
      if (v.items() != null || v.isString()) {
        throw wrongType(key, v, "an integer");
      }
      return Attributes.integer(v.text(), operation + ": " + key);
    }

    /** A position written by {@link Out#position}. */
    int position(String key) {
      Value v = take(key);
      if (v.items() != null || v.isString()) {
        throw wrongType(key, v, "an integer or end");
      }
      return v.text().equals("end") ? Slice.END : Attributes.integer(v.text(), operation + ": " + key);
    }

    /** An attribute that may be absent. */
    boolean has(String key) {
      return values.containsKey(key);
    }

    Shape shape(String key) {
      Value v = take(key);
      if (v.items() == null) {
        throw wrongType(key, v, "a shape such as [?, 784]");
      }
      return Attributes.shape(v.items(), operation + ": " + key);
    }

    /** A constant's values: as many as {@link #declared()} has elements, checked before anything is allocated. */
    Tensor values() {
      valuesTaken = true;
      if (!declared.isConcrete()) {
        throw new Fault(Problem.SHAPE_MISMATCH, "a constant's shape must be concrete, got " + declared);
      }
      int size = declared.size();
      int given = valueTokens == null ? 0 : valueTokens.size();
      if (given != size) {
        throw new Fault(Problem.SHAPE_MISMATCH, "a constant of shape " + declared + " needs " + size
            + " values on the lines after it, found " + given);
      }
      double[] data = new double[size];
      for (int i = 0; i < size; i++) {
        Double d = Values.parse(valueTokens.get(i));
        if (d == null) {
          throw new Fault(Problem.BAD_NUMBER, "value " + i + " of the constant, '" + valueTokens.get(i)
              + "', is not a number (write e.g. 0.5, -1.0E-7, NaN, Infinity)");
        }
        data[i] = d;
      }
      return Tensor.wrap(declared, data);
    }

    /** Fails on any attribute no getter asked for. */
    void checkAllUsed() {
      if (!values.isEmpty()) {
        throw new Fault(Problem.BAD_ATTRIBUTE, operation + " has no attribute " + String.join(", ", values.keySet()));
      }
      if (valueTokens != null && !valueTokens.isEmpty() && !valuesTaken) {
        throw new Fault(Problem.SYNTAX, operation + " takes no values on the lines after it, found "
            + valueTokens.size());
      }
    }
  }

  static int integer(String s, String what) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new Fault(Problem.BAD_NUMBER, what + ": '" + s + "' is not an integer");
    }
  }

  /** A shape from its items: positive integers or {@code ?}. */
  static Shape shape(List<String> items, String what) {
    int[] dims = new int[items.size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = items.get(i).equals("?") ? Shape.ANY : integer(items.get(i), what);
      if (dims[i] <= 0 && dims[i] != Shape.ANY || dims[i] == Shape.ANY && !items.get(i).equals("?")) {
        throw new Fault(Problem.BAD_NUMBER, what + ": dimension " + i + " is " + items.get(i)
            + "; dimensions are positive integers, or ? for an open one");
      }
    }
    return Shape.of(dims);
  }
}
