package dev.nabla.autodiff.io;

import static dev.nabla.autodiff.io.NodeFormat.family;
import static dev.nabla.autodiff.io.NodeFormat.single;

import com.google.common.collect.ImmutableBiMap;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.nabla.autodiff.graph.Binary;
import dev.nabla.autodiff.graph.BinaryOp;
import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expand;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.MatMul;
import dev.nabla.autodiff.graph.Power;
import dev.nabla.autodiff.graph.Reduce;
import dev.nabla.autodiff.graph.ReduceOp;
import dev.nabla.autodiff.graph.Reshape;
import dev.nabla.autodiff.graph.Transpose;
import dev.nabla.autodiff.graph.Unary;
import dev.nabla.autodiff.graph.UnaryOp;
import dev.nabla.autodiff.graph.Variable;
import java.util.HashMap;
import java.util.Map;

/**
 * The graph format's table of primitives: one entry per {@code Expr} subclass, and one file name per
 * op constant. <b>Supporting a new primitive is one entry here</b> (its class, its name, its input
 * count, the attributes it writes and the factory that rebuilds it); a new op constant of an existing
 * family is one {@code put} in its name table. The names are part of the file format: never rename
 * one (add the new spelling instead). {@code NodeFormatsTest} fails for any primitive or op constant
 * left out.
 */
final class NodeFormats {
  private NodeFormats() {}

  static final ImmutableBiMap<String, UnaryOp> UNARY = ImmutableBiMap.<String, UnaryOp>builder()
      .put("neg", UnaryOp.NEG)
      .put("exp", UnaryOp.EXP)
      .put("log", UnaryOp.LOG)
      .put("sqrt", UnaryOp.SQRT)
      .put("abs", UnaryOp.ABS)
      .put("sigmoid", UnaryOp.SIGMOID)
      .put("tanh", UnaryOp.TANH)
      .put("relu", UnaryOp.RELU)
      .put("stop_gradient", UnaryOp.STOP_GRADIENT)
      .put("sign", UnaryOp.SIGN)
      .put("step", UnaryOp.STEP)
      .buildOrThrow();

  static final ImmutableBiMap<String, BinaryOp> BINARY = ImmutableBiMap.<String, BinaryOp>builder()
      .put("add", BinaryOp.ADD)
      .put("sub", BinaryOp.SUB)
      .put("mul", BinaryOp.MUL)
      .put("div", BinaryOp.DIV)
      .put("gt", BinaryOp.GT)
      .put("ge", BinaryOp.GE)
      .put("lt", BinaryOp.LT)
      .put("le", BinaryOp.LE)
      .put("eq", BinaryOp.EQ)
      .buildOrThrow();

  static final ImmutableBiMap<String, ReduceOp> REDUCE = ImmutableBiMap.<String, ReduceOp>builder()
      .put("sum", ReduceOp.SUM)
      .put("max", ReduceOp.MAX)
      .put("argmax", ReduceOp.ARGMAX)
      .buildOrThrow();

  /** Every primitive's format. */
  static final ImmutableList<NodeFormat<?>> ALL = ImmutableList.of(
      single(Variable.class, "variable", 0,
          (v, out) -> out.text("name", v.name()),
          (a, in) -> Variable.of(a.text("name"), a.declared())),
      single(Constant.class, "constant", 0,
          (c, out) -> out.values(c.value()),
          (a, in) -> Constant.of(a.values())),
      family(Unary.class, UNARY, Unary::op, 1,
          (u, out) -> { },
          (op, a, in) -> Unary.of(op, in.get(0))),
      family(Binary.class, BINARY, Binary::op, 2,
          (b, out) -> { },
          (op, a, in) -> Binary.of(op, in.get(0), in.get(1))),
      single(Power.class, "pow", 1,
          (p, out) -> out.real("exponent", p.exponent()),
          (a, in) -> Power.of(in.get(0), a.real("exponent"))),
      single(MatMul.class, "matmul", 2,
          (m, out) -> out.bool("transA", m.transA()).bool("transB", m.transB()),
          (a, in) -> MatMul.of(in.get(0), in.get(1), a.bool("transA"), a.bool("transB"))),
      single(Transpose.class, "transpose", 1,
          (t, out) -> out.ints("permutation", t.permutation()),
          (a, in) -> Transpose.of(in.get(0), a.ints("permutation"))),
      single(Reshape.class, "reshape", 1,
          (r, out) -> out.shape("to", r.shape()),
          (a, in) -> Reshape.of(in.get(0), a.shape("to"))),
      family(Reduce.class, REDUCE, Reduce::op, 1,
          (r, out) -> out.ints("axes", r.axes()).bool("keepDims", r.keepDims()),
          (op, a, in) -> Reduce.of(op, in.get(0), a.bool("keepDims"), a.ints("axes"))),
      single(Expand.class, "expand", 2,
          (e, out) -> { },
          (a, in) -> Expand.of(in.get(0), in.get(1))),
      single(Count.class, "count", 1,
          (c, out) -> out.ints("axes", c.axes()),
          (a, in) -> Count.of(in.get(0), a.ints("axes"))));

  private static final ImmutableMap<Class<?>, NodeFormat<?>> BY_TYPE;
  private static final ImmutableMap<String, NodeFormat<?>> BY_OPERATION;

  static {
    Map<String, NodeFormat<?>> byOperation = new HashMap<>();
    ImmutableMap.Builder<Class<?>, NodeFormat<?>> byType = ImmutableMap.builder();
    for (NodeFormat<?> f : ALL) {
      byType.put(f.type(), f);
      for (String op : f.operations()) {
        NodeFormat<?> clash = byOperation.put(op, f);
        if (clash != null) {
          throw new IllegalStateException("graph format: the name '" + op + "' is used by both "
              + clash.type().getSimpleName() + " and " + f.type().getSimpleName());
        }
      }
    }
    BY_TYPE = byType.buildOrThrow();
    BY_OPERATION = ImmutableMap.copyOf(byOperation);
  }

  /** The format of {@code node}'s class. */
  static NodeFormat<?> of(Expr node) {
    NodeFormat<?> f = BY_TYPE.get(node.getClass());
    if (f == null) {
      throw new IllegalStateException("graph format: no entry for " + node.getClass().getSimpleName()
          + " in NodeFormats; add one there");
    }
    return f;
  }

  /** The format that reads {@code operation}, or null. */
  static NodeFormat<?> reading(String operation) {
    return BY_OPERATION.get(operation);
  }

  /** Every operation name, sorted, for messages. */
  static String known() {
    return String.join(", ", BY_OPERATION.keySet().stream().sorted().toList());
  }
}
