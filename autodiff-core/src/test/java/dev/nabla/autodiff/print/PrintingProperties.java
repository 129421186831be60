package dev.nabla.autodiff.print;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.Nabla;
import dev.nabla.autodiff.graph.Binary;
import dev.nabla.autodiff.graph.BinaryOp;
import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Expand;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Numbers;
import dev.nabla.autodiff.graph.Reduce;
import dev.nabla.autodiff.graph.ReduceOp;
import dev.nabla.autodiff.graph.Reshape;
import dev.nabla.autodiff.graph.Unary;
import dev.nabla.autodiff.graph.UnaryOp;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * What prints identically is the same expression. Over random graphs of distinct variables: two graphs
 * that differ in structure never print the same, in text or in LaTeX. (Reshapes that only add or drop
 * axes of size 1, keep-dims flags and broadcasts are notation, implicit as in NumPy's broadcasting, and
 * are left out of the structure compared; so are the values of unnamed constants of more than six
 * elements, which print as their shape.) And numbers print so they read back exactly.
 */
class PrintingProperties {
  private static final Variable A = variable("a", 2, 2);
  private static final Variable B = variable("b", 2, 2);
  private static final Variable C = variable("c", 2, 2);
  private static final Expr[] LEAVES = {A, B, C, constant(2), constant(0.5), constant(1.0 / 3), constant(-1),
      constant("K", Tensor.of(new double[][] {{1, 2}, {3, 4}})), constant(Tensor.of(new double[][] {{1, 0}, {0, 2}}))};
  private static final BinaryOp[] BINARY = BinaryOp.values();
  private static final UnaryOp[] UNARY = UnaryOp.values();

  @Property(tries = 300)
  void structurallyDifferentGraphsNeverPrintTheSame(@ForAll long seed) {
    Random r = new Random(seed);
    List<Expr> pool = new ArrayList<>();
    Map<String, Expr> byText = new HashMap<>();
    Map<String, Expr> byLatex = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      Expr e = random(r, 3, pool);
      pool.add(e);
      assertUnambiguous(byText, e.toString(), e);
      assertUnambiguous(byLatex, LatexPrinter.print(e), e);
    }
  }

  private static void assertUnambiguous(Map<String, Expr> printed, String text, Expr e) {
    Expr earlier = printed.putIfAbsent(text, e);
    if (earlier != null) {
      assertEquals(structure(earlier), structure(e), "two different graphs print as " + text);
    }
  }

  /**
   * Every tree of at most two operations over a, b, c and two constants, with operations that bind
   * differently (+, −, ⊙, /, @, maximum, a comparison, −x, eˣ, xᵀ, x², a sum and a slice): each
   * bracketing and nesting of them prints differently from every other, in text and in LaTeX.
   */
  @Test
  void everyTreeOfUpToTwoOperationsPrintsDistinctly() {
    List<Function<Expr, Expr>> unary = List.of(Nabla::neg, Nabla::exp, Nabla::transpose, Nabla::square, Nabla::sigmoid,
        x -> sum(x, 0, true), x -> slice(x, 0, 0, 1), Nabla::stopGradient);
    List<BinaryOperator<Expr>> binary = List.of(Nabla::add, Nabla::sub, Nabla::mul, Nabla::div, Nabla::matmul,
        Nabla::maximum, Nabla::gt);
    List<Expr> leaves = List.of(A, B, C, constant(2), constant(-1));
    List<Expr> one = grow(leaves, leaves, unary, binary);
    List<Expr> all = new ArrayList<>(leaves);
    all.addAll(one);
    all.addAll(grow(one, leaves, unary, binary));
    Map<String, Expr> byText = new HashMap<>();
    Map<String, Expr> byLatex = new HashMap<>();
    for (Expr e : all) {
      assertUnambiguous(byText, e.toString(), e);
      assertUnambiguous(byLatex, LatexPrinter.print(e), e);
    }
    assertTrue(all.size() > 5000, all.size() + " trees");
  }

  /** Each operation applied to {@code inner} (and, for binary ones, {@code inner} with a leaf on either side). */
  private static List<Expr> grow(List<Expr> inner, List<Expr> leaves, List<Function<Expr, Expr>> unary,
      List<BinaryOperator<Expr>> binary) {
    List<Expr> out = new ArrayList<>();
    for (Expr x : inner) {
      for (Function<Expr, Expr> u : unary) {
        tryAdd(out, () -> u.apply(x));
      }
      for (Expr leaf : leaves) {
        for (BinaryOperator<Expr> b : binary) {
          tryAdd(out, () -> b.apply(x, leaf));
          tryAdd(out, () -> b.apply(leaf, x));
        }
      }
    }
    return out;
  }

  private static void tryAdd(List<Expr> out, java.util.function.Supplier<Expr> build) {
    try {
      out.add(build.get());
    } catch (IllegalArgumentException shapesDoNotFit) {
      // a sum or slice that no longer fits a matrix product: not a graph
    }
  }

  /** A random expression over the leaves, reusing earlier ones now and then so that some are shared. */
  private static Expr random(Random r, int depth, List<Expr> pool) {
    if (!pool.isEmpty() && r.nextInt(6) == 0) {
      return pool.get(r.nextInt(pool.size()));
    }
    if (depth == 0 || r.nextInt(5) == 0) {
      return LEAVES[r.nextInt(LEAVES.length)];
    }
    Expr x = random(r, depth - 1, pool);
    try {
      return switch (r.nextInt(9)) {
        case 0, 1, 2 -> Binary.of(BINARY[r.nextInt(BINARY.length)], x, random(r, depth - 1, pool));
        case 3 -> Unary.of(UNARY[r.nextInt(UNARY.length)], x);
        case 4 -> matmul(x, random(r, depth - 1, pool));
        case 5 -> r.nextBoolean() ? transpose(x) : pow(x, new double[] {2, 3, 0.5, -1}[r.nextInt(4)]);
        case 6 -> Reduce.of(r.nextBoolean() ? ReduceOp.SUM : ReduceOp.MAX,
            x, true, r.nextInt(2));
        case 7 -> r.nextBoolean() ? slice(x, r.nextInt(2), 0, 1) : where(gt(x, 0), x, random(r, depth - 1, pool));
        default -> r.nextBoolean() ? concat(r.nextInt(2), x, random(r, depth - 1, pool)).slice(0, 0, 2) : clip(x, -1, 1);
      };
    } catch (IllegalArgumentException shapesDoNotFit) {
      return x;
    }
  }

  /** The expression as a tree, with the notational nodes left out: equal exactly when the trees are equal. */
  static String structure(Expr e) {
    if (e instanceof Expand || e instanceof Reshape && sameWithoutUnitAxes(e, e.inputs().get(0))) {
      return structure(e.inputs().get(0));
    }
    if (e instanceof Variable v) {
      return v.name();
    }
    if (e instanceof Constant c) {
      // a large unnamed constant prints as its shape alone, by design: name it to tell it apart
      String values = c.value().size() > Constant.SHOWN_ELEMENTS ? "const" : Arrays.toString(c.value().rawData());
      return c.name().orElse(values + Arrays.toString(Arrays.stream(c.value().shape().dims()).filter(d -> d != 1).toArray()));
    }
    Object parameters = e instanceof Reduce red ? List.of(red.op(), Arrays.toString(red.axes())) : e.parameters();
    return e.getClass().getSimpleName() + parameters + e.inputs().stream().map(PrintingProperties::structure)
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private static boolean sameWithoutUnitAxes(Expr a, Expr b) {
    return Arrays.equals(Arrays.stream(a.shape().dims()).filter(d -> d != 1).toArray(),
        Arrays.stream(b.shape().dims()).filter(d -> d != 1).toArray());
  }

  @Property(tries = 2000)
  void numbersPrintSoThatTheyReadBackExactly(@ForAll double v, @ForAll("smallFractions") double f) {
    for (double x : new double[] {v, f}) {
      if (!Double.isFinite(x)) {
        continue;
      }
      String s = Numbers.text(x);
      int slash = s.indexOf('/', 1);
      double back = slash > 0 ? Double.parseDouble(s.substring(0, slash)) / Double.parseDouble(s.substring(slash + 1))
          : Double.parseDouble(s);
      assertEquals(Double.doubleToLongBits(x), Double.doubleToLongBits(back), s + " reads back as " + back + ", not " + x);
    }
  }

  @Provide
  Arbitrary<Double> smallFractions() {
    return Combinators.combine(Arbitraries.integers().between(-1000, 1000),
        Arbitraries.integers().between(1, 10_000)).as((p, q) -> (double) p / q);
  }
}
