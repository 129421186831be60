package dev.nabla.autodiff.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.autodiff.graph.Binary;
import dev.nabla.autodiff.graph.BinaryOp;
import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Concat;
import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expand;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Gather;
import dev.nabla.autodiff.graph.Graph;
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
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random expression graphs built through the primitives' factories, from a seed: every primitive,
 * awkward names (quotes, escapes, line breaks, lone surrogates) and awkward values (±0, subnormals,
 * ±∞, NaNs with payloads), open batch dimensions, shared subexpressions and same-named variables.
 */
final class RandomGraphs {
  private static final String[] NAMES = {"x", "w1", "b", "a b", "q\"uote", "back\\slash", "π", "new\nline", "tab\t",
      "\ud83d\ude00", "lone\ud800", "%3", "end", "output"};
  private static final double[] AWKWARD = {0.0, -0.0, 1.0, -1.5, Double.MIN_VALUE, -Double.MIN_NORMAL, Double.MAX_VALUE,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L),
      Double.longBitsToDouble(0xfff8000000000000L), Double.longBitsToDouble(0x7ff8000000000123L), 0.1, 1e-300, 1e300};

  private final SplittableRandom random;
  private final List<Expr> pool = new ArrayList<>();

  private RandomGraphs(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A graph of one to three named outputs over up to {@code maxOps} operations. */
  static GraphFile build(long seed, int maxOps) {
    return new RandomGraphs(seed).graph(maxOps);
  }

  private GraphFile graph(int maxOps) {
    int leaves = 1 + random.nextInt(4);
    for (int i = 0; i < leaves; i++) {
      pool.add(leaf());
    }
    int ops = random.nextInt(maxOps + 1);
    for (int i = 0; i < ops; i++) {
      try {
        pool.add(op());
      } catch (IllegalArgumentException shapesDoNotFit) {
        // the factory said no, as it would to a user: try another
      }
    }
    Map<String, Expr> outputs = new LinkedHashMap<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      outputs.put(i == 0 ? "cost" : NAMES[random.nextInt(NAMES.length)] + i, pool.get(pool.size() - 1 - random.nextInt(
          Math.min(pool.size(), 4))));
    }
    GraphFile g = GraphFile.of(outputs);
    return random.nextInt(4) == 0 ? g.withVariables(List.of(Variable.of("unused", shape(true)))) : g;
  }

  private Expr leaf() {
    if (random.nextBoolean()) {
      return Variable.of(NAMES[random.nextInt(NAMES.length)], shape(true));
    }
    return constant(shape(false));
  }

  private Constant constant(Shape s) {
    double[] d = new double[s.size()];
    for (int i = 0; i < d.length; i++) {
      int pick = random.nextInt(3);
      d[i] = pick == 0 ? AWKWARD[random.nextInt(AWKWARD.length)]
          : pick == 1 ? random.nextGaussian() : Double.longBitsToDouble(random.nextLong());
    }
    Tensor t = Tensor.of(s, d);
    return random.nextInt(4) == 0 ? Constant.named(NAMES[random.nextInt(NAMES.length)], t) : Constant.of(t);
  }

  /** A constant of {@code s} holding indices in {@code [0, n)}, as a batch's labels. */
  private Constant indices(Shape s, int n) {
    double[] d = new double[s.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = random.nextInt(n);
    }
    return Constant.of(Tensor.of(s, d));
  }

  private Shape shape(boolean mayBeOpen) {
    int rank = random.nextInt(4);
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = 1 + random.nextInt(3);
    }
    if (mayBeOpen && rank > 0 && random.nextInt(3) == 0) {
      dims[0] = Shape.ANY;
    }
    return Shape.of(dims);
  }

  private Expr pick() {
    // favour recent nodes, so graphs grow deep as well as wide
    return pool.get(pool.size() - 1 - random.nextInt(Math.min(pool.size(), 1 + random.nextInt(pool.size()))));
  }

  private <T> T any(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private Expr op() {
    Expr a = pick();
    int rank = a.shape().rank();
    switch (random.nextInt(18)) {
      case 0:
        return Unary.of(any(UnaryOp.values()), a);
      case 1:
        return Binary.of(any(BinaryOp.values()), a, random.nextInt(4) == 0 ? leaf() : pick());
      case 2:
        return Power.of(a, random.nextBoolean() ? 2 : random.nextGaussian() * 3);
      case 3: {
        boolean ta = random.nextBoolean();
        boolean tb = random.nextBoolean();
        if (rank != 2) {
          return MatMul.of(a, a, true, false);
        }
        int k = a.shape().dim(ta ? 0 : 1);
        int n = 1 + random.nextInt(3);
        Shape bs = tb ? Shape.of(n, k) : Shape.of(k, n);
        return MatMul.of(a, random.nextBoolean() ? Variable.of("m", bs) : pick(), ta, tb);
      }
      case 4:
        return Transpose.of(a, permutation(rank));
      case 5:
        return Reshape.of(a, reshaped(a.shape()));
      case 6: {
        ReduceOp op = any(ReduceOp.values());
        int[] axes = op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN ? new int[] {random.nextInt(Math.max(rank, 1))}
            : subset(rank);
        return Reduce.of(op, a, random.nextBoolean(), axes);
      }
      case 7:
        return Expand.of(random.nextBoolean() ? Constant.of(random.nextGaussian()) : pick(), a);
      case 8:
        return Count.of(a, subset(rank));
      case 9:
        return Reduce.of(ReduceOp.SUM, a, true, subset(rank));
      case 10: { // x[start:stop:step], or (open axis) from 1 on
        int axis = random.nextInt(Math.max(rank, 1));
        int n = rank == 0 ? 1 : a.shape().dim(axis);
        if (n == Shape.ANY) {
          return Slice.of(a, axis, random.nextBoolean() ? 1 : -1, Slice.END, 1);
        }
        int start = random.nextInt(n);
        return Slice.of(a, axis, random.nextBoolean() ? start : start - n, random.nextBoolean() ? Slice.END : n,
            1 + random.nextInt(2));
      }
      case 11: {
        int axis = random.nextInt(Math.max(rank, 1));
        int n = rank == 0 ? 1 : a.shape().dim(axis);
        return Slice.index(a, axis, n == Shape.ANY ? -1 : random.nextInt(n));
      }
      case 12: {
        int axis = random.nextInt(Math.max(rank, 1));
        if (rank > 0 && a.shape().dim(axis) == Shape.ANY) { // the transpose of a slice along an open axis
          Expr like = random.nextBoolean() ? a.mul(a) : a;
          return Pad.of(Slice.of(like, axis, 1, Slice.END, 1), axis, 1, Slice.END, 1, like);
        }
        return random.nextBoolean() ? Pad.zeros(a, axis, random.nextInt(3), random.nextInt(3))
            : Pad.of(a, axis, 1, Slice.END, 2, 2 * (rank == 0 ? 1 : a.shape().dim(axis)));
      }
      case 13: { // take-along-axis: one index per row, or indices of x's rank
        int axis = random.nextInt(Math.max(rank, 1));
        int n = rank == 0 ? 1 : a.shape().dim(axis);
        Shape at = random.nextBoolean() ? a.shape().withoutAxis(axis) : a.shape().withDim(axis, 1 + random.nextInt(3));
        return Gather.of(a, axis, at.isConcrete() ? indices(at, n) : Variable.of("labels", at));
      }
      case 14: {
        boolean keeps = random.nextBoolean();
        int axis = random.nextInt(keeps ? Math.max(rank, 1) : rank + 1);
        Expr at = a.shape().isConcrete() ? indices(a.shape(), 3) : Variable.of("labels", a.shape());
        return ScatterAdd.of(a, axis, at, 3, keeps);
      }
      case 15: {
        List<Expr> parts = List.of(a, random.nextBoolean() ? a : a.neg(), pick());
        int n = 1 + random.nextInt(3);
        return random.nextBoolean() ? Concat.of(random.nextInt(Math.max(rank, 1)), parts.subList(0, n))
            : Concat.stack(random.nextInt(rank + 1), parts.subList(0, n));
      }
      case 16:
        return Where.of(Binary.of(BinaryOp.GT, a, pick()), a, random.nextInt(3) == 0 ? leaf() : pick());
      default:
        return a.sub(pick()).mul(a); // a shared node used twice
    }
  }

  private int[] permutation(int rank) {
    int[] p = new int[rank];
    for (int i = 0; i < rank; i++) {
      p[i] = i;
    }
    for (int i = rank - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private int[] subset(int rank) {
    List<Integer> axes = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      if (random.nextBoolean()) {
        axes.add(i);
      }
    }
    return axes.stream().mapToInt(Integer::intValue).toArray();
  }

  private Shape reshaped(Shape s) {
    if (s.isConcrete()) {
      return random.nextBoolean() ? Shape.of(s.size()) : Shape.of(1, s.size());
    }
    int known = 1;
    for (int d : s.dims()) {
      known *= d == Shape.ANY ? 1 : d;
    }
    return random.nextBoolean() ? Shape.of(Shape.ANY, known) : Shape.of(known, Shape.ANY, 1);
  }

  /** Fails unless {@code b} has the structure of {@code a}: the same nodes, sharing, names, shapes and bits. */
  static void assertSameGraph(GraphFile a, GraphFile b) {
    assertEquals(a.outputs().keySet().stream().toList(), b.outputs().keySet().stream().toList(), "output names");
    List<Expr> roots = new ArrayList<>(a.variables());
    roots.addAll(a.outputs().values());
    List<Expr> rootsB = new ArrayList<>(b.variables());
    rootsB.addAll(b.outputs().values());
    List<Expr> na = Graph.topologicalOrder(roots);
    List<Expr> nb = Graph.topologicalOrder(rootsB);
    assertEquals(na.size(), nb.size(), "node count");
    Map<Expr, Integer> ia = index(na);
    Map<Expr, Integer> ib = index(nb);
    for (int i = 0; i < na.size(); i++) {
      Expr x = na.get(i);
      Expr y = nb.get(i);
      String where = "node " + i + " (" + x.opName() + ")";
      assertEquals(x.getClass(), y.getClass(), where);
      assertEquals(x.shape(), y.shape(), where);
      assertEquals(x.inputs().stream().map(ia::get).toList(), y.inputs().stream().map(ib::get).toList(), where);
      if (x instanceof Variable v) {
        assertEquals(v.name(), ((Variable) y).name(), where);
      } else if (x instanceof Constant c) {
        assertEquals(c.name(), ((Constant) y).name(), where);
        double[] p = c.value().rawData();
        double[] q = ((Constant) y).value().rawData();
        assertEquals(p.length, q.length, where);
        for (int k = 0; k < p.length; k++) {
          assertEquals(Double.doubleToRawLongBits(p[k]), Double.doubleToRawLongBits(q[k]), where + " value " + k);
        }
      } else {
        assertEquals(x.parameters(), y.parameters(), where);
      }
    }
    assertEquals(a.variables().stream().map(ia::get).toList(), b.variables().stream().map(ib::get).toList(), "variables");
    assertEquals(a.outputs().values().stream().map(ia::get).toList(), b.outputs().values().stream().map(ib::get).toList(),
        "outputs");
  }

  private static Map<Expr, Integer> index(List<Expr> nodes) {
    Map<Expr, Integer> m = new IdentityHashMap<>();
    for (Expr e : nodes) {
      m.put(e, m.size());
    }
    return m;
  }
}
