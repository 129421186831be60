package dev.nabla.autodiff.io;

import com.google.common.collect.ImmutableBiMap;
import com.google.common.collect.ImmutableList;
import dev.nabla.autodiff.graph.Expr;
import java.util.List;
import java.util.function.Function;

/**
 * How one kind of node ({@code Expr} subclass) is written to a graph file and rebuilt from one: the
 * operation names it owns, how many inputs it takes, the attributes it writes, and how it is rebuilt
 * through the primitive's public factory (so shapes are checked again on reading). {@link NodeFormats}
 * lists one per primitive.
 *
 * @param <E> the node class
 */
final class NodeFormat<E extends Expr> {
  /** Writes a node's attributes (its parameters other than its inputs). */
  interface Writer<E> {
    void write(E node, Attributes.Out out);
  }

  /** Rebuilds a node of a single-operation kind from its attributes and inputs. */
  interface Builder {
    Expr build(Attributes.In attributes, List<Expr> inputs);
  }

  /** Rebuilds a node of an operation family (an op enum) from the op, its attributes and inputs. */
  interface FamilyBuilder<O> {
    Expr build(O op, Attributes.In attributes, List<Expr> inputs);
  }

  private final Class<E> type;
  private final ImmutableBiMap<String, ?> operations; // file name -> op constant (the name itself for a single op)
  private final Function<E, ?> opOf;
  private final int minInputs;
  private final int maxInputs;
  private final Writer<E> writer;
  private final FamilyBuilder<Object> builder;

  @SuppressWarnings("unchecked")
  private NodeFormat(Class<E> type, ImmutableBiMap<String, ?> operations, Function<E, ?> opOf, int minInputs,
      int maxInputs, Writer<E> writer, FamilyBuilder<?> builder) {
    this.type = type;
    this.operations = operations;
    this.opOf = opOf;
    this.minInputs = minInputs;
    this.maxInputs = maxInputs;
    this.writer = writer;
    this.builder = (FamilyBuilder<Object>) builder;
  }

  /** A kind with one operation name, such as {@code matmul}, and {@code arity} inputs. */
  static <E extends Expr> NodeFormat<E> single(Class<E> type, String operation, int arity, Writer<E> writer,
      Builder builder) {
    return single(type, operation, arity, arity, writer, builder);
  }

  /** A kind with one operation name and {@code minInputs} to {@code maxInputs} inputs (such as {@code concat}). */
  static <E extends Expr> NodeFormat<E> single(Class<E> type, String operation, int minInputs, int maxInputs,
      Writer<E> writer, Builder builder) {
    return new NodeFormat<>(type, ImmutableBiMap.of(operation, operation), node -> operation, minInputs, maxInputs,
        writer, (FamilyBuilder<String>) (op, a, in) -> builder.build(a, in));
  }

  /** A kind whose nodes carry an op constant, each written under its own name ({@code sigmoid}, {@code add}). */
  static <E extends Expr, O extends Enum<O>> NodeFormat<E> family(Class<E> type, ImmutableBiMap<String, O> names,
      Function<E, O> opOf, int arity, Writer<E> writer, FamilyBuilder<O> builder) {
    return new NodeFormat<>(type, names, opOf, arity, arity, writer, builder);
  }

  Class<E> type() {
    return type;
  }

  /** The names this kind is written under. */
  ImmutableList<String> operations() {
    return operations.keySet().asList();
  }

  /** Whether a node of this kind may have {@code n} inputs. */
  boolean takes(int n) {
    return n >= minInputs && n <= maxInputs;
  }

  /** The input counts this kind takes, for messages: {@code 2 inputs}, {@code 1 or 2 inputs}, {@code 1 or more inputs}. */
  String inputCounts() {
    String count = minInputs == maxInputs ? Integer.toString(minInputs)
        : maxInputs == Integer.MAX_VALUE ? minInputs + " or more"
        : maxInputs == minInputs + 1 ? minInputs + " or " + maxInputs : minInputs + " to " + maxInputs;
    return count + (minInputs == 1 && maxInputs == 1 ? " input" : " inputs");
  }

  /** The name {@code node} is written under. */
  String operation(Expr node) {
    Object op = opOf.apply(type.cast(node));
    String name = operations.inverse().get(op);
    if (name == null) {
      throw new IllegalStateException("graph format: " + type.getSimpleName() + " " + op
          + " has no name in NodeFormats; add one there");
    }
    return name;
  }

  void write(Expr node, Attributes.Out out) {
    writer.write(type.cast(node), out);
  }

  Expr build(String operation, Attributes.In attributes, List<Expr> inputs) {
    return builder.build(operations.get(operation), attributes, inputs);
  }
}
