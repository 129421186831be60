package dev.nabla.autodiff.io;

import static dev.nabla.autodiff.io.NodeFormat.family;
import static dev.nabla.autodiff.io.NodeFormat.single;

import com.google.common.collect.ImmutableBiMap;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.nabla.autodiff.graph.Binary;
import dev.nabla.autodiff.graph.BinaryOp;
import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Concat;
import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expand;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Gather;
import dev.nabla.autodiff.graph.MatMul;
import dev.nabla.autodiff.graph.Pad;
import dev.nabla.autodiff.graph.Power;
import dev.nabla.autodiff.graph.Reduce;
import dev.nabla.autodiff.graph.ReduceOp;
import dev.nabla.autodiff.graph.Reshape;
import dev.nabla.autodiff.graph.ScatterAdd;
import dev.nabla.autodiff.graph.Slice;
import dev.nabla.autodiff.graph.Transpose;
import dev.nabla.autodiff.graph.Unary;
import dev.nabla.autodiff.graph.UnaryOp;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.graph.Where;
import java.util.HashMap;
import java.util.List;
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
      .put("sin", UnaryOp.SIN)
      .put("cos", UnaryOp.COS)
      .put("tan", UnaryOp.TAN)
      .put("sinh", UnaryOp.SINH)
      .put("cosh", UnaryOp.COSH)
      .put("log1p", UnaryOp.LOG1P)
      .put("expm1", UnaryOp.EXPM1)
      .put("softplus", UnaryOp.SOFTPLUS)
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
      .put("maximum", BinaryOp.MAXIMUM)
      .put("minimum", BinaryOp.MINIMUM)
      .buildOrThrow();

  static final ImmutableBiMap<String, ReduceOp> REDUCE = ImmutableBiMap.<String, ReduceOp>builder()
      .put("sum", ReduceOp.SUM)
      .put("max", ReduceOp.MAX)
      .put("argmax", ReduceOp.ARGMAX)
      .put("min", ReduceOp.MIN)
      .put("argmin", ReduceOp.ARGMIN)
      .buildOrThrow();

  /** Every primitive's format. */
  static final ImmutableList<NodeFormat<?>> ALL = ImmutableList.of(
      single(Variable.class, "variable", 0,
          (v, out) -> out.text("name", v.name()),
          (a, in) -> Variable.of(a.text("name"), a.declared())),
      single(Constant.class, "constant", 0,
          (c, out) -> c.name().ifPresentOrElse(name -> out.text("name", name).values(c.value()), () -> out.values(c.value())),
          (a, in) -> a.has("name") ? Constant.named(a.text("name"), a.values()) : Constant.of(a.values())),
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
          (a, in) -> Count.of(in.get(0), a.ints("axes"))),
      single(Slice.class, "slice", 1,
          (s, out) -> {
            if (s.keepsAxis()) {
              out.integer("axis", s.axis()).position("start", s.start()).position("stop", s.stop()).integer("step", s.step());
            } else {
              out.integer("axis", s.axis()).integer("index", s.start());
            }
          },
          (a, in) -> a.has("index") ? Slice.index(in.get(0), a.integer("axis"), a.integer("index"))
              : Slice.of(in.get(0), a.integer("axis"), a.position("start"), a.position("stop"), a.integer("step"))),
      single(Pad.class, "pad", 1, 2,
          (p, out) -> out.integer("axis", p.axis()).position("start", p.start()).position("stop", p.stop())
              .integer("step", p.step()).integer("size", p.size()),
          (a, in) -> pad(in, a.integer("axis"), a.position("start"), a.position("stop"), a.integer("step"),
              a.integer("size"))),
      single(Gather.class, "gather", 2,
          (g, out) -> out.integer("axis", g.axis()),
          (a, in) -> Gather.of(in.get(0), a.integer("axis"), in.get(1))),
      single(ScatterAdd.class, "scatter_add", 2,
          (s, out) -> out.integer("axis", s.axis()).integer("size", s.size()).bool("keepsAxis", s.keepsAxis()),
          (a, in) -> ScatterAdd.of(in.get(0), a.integer("axis"), in.get(1), a.integer("size"),
              a.bool("keepsAxis"))),
      single(Concat.class, "concat", 1, Integer.MAX_VALUE,
          (c, out) -> out.integer("axis", c.axis()).bool("stacks", c.stacks()),
          (a, in) -> a.bool("stacks") ? Concat.stack(a.integer("axis"), in) : Concat.of(a.integer("axis"), in)),
      single(Where.class, "where", 3,
          (w, out) -> { },
          (a, in) -> Where.of(in.get(0), in.get(1), in.get(2))));

  /** A pad of known size has one input; one along an open axis takes the size from its second input. */
  private static Expr pad(List<Expr> in, int axis, int start, int stop, int step, int size) {
    return in.size() == 2 ? Pad.of(in.get(0), axis, start, stop, step, in.get(1)) : Pad.of(in.get(0), axis, start, stop, step, size);
  }

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
