package dev.nabla.autodiff.graph;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The linear primitives and their VJPs are transpose pairs: for a linear {@code L} and its VJP
 * {@code Lᵀ}, {@code ⟨L(x), y⟩ = ⟨x, Lᵀ(y)⟩} for all x and y (the adjoint identity). Checked for slice ↔
 * pad, index ↔ pad, gather ↔ scatter-add, concat and stack ↔ slices, sum ↔ broadcast, transpose ↔
 * inverse transpose, and in both directions (the VJP of the VJP is the operation again).
 */
class TransposePairProperties {

  /**
   * {@code ⟨node(x₀), y₀⟩ = ⟨x₀, vjp(y)(y₀)⟩} for the input {@code x} of {@code node}, linear in it
   * once its other inputs are bound to zeros; and the same for the VJP.
   */
  private static void assertAdjoint(Expr node, Variable x, long seed) {
    Tensor x0 = Tensor.randomNormal(x.shape(), 0, 1, seed);
    Tensor y0 = Tensor.randomNormal(node.shape(), 0, 1, seed + 1);
    Variable y = variable("y", node.shape());
    // Lᵀ(y) = ∇ₓ⟨L(x), y⟩: the node's VJP, summed down by the driver where it broadcast
    Expr transposed = grad(sum(mul(node, y)), x).get(0);
    Bindings.Builder bindings = Bindings.builder();
    for (Variable other : Graph.variables(List.of(node))) {
      bindings.bind(other, Tensor.zeros(other.shape()));
    }
    Bindings at = bindings.bind(x, x0).bind(y, y0).build();
    double left = dot(evaluate(node, at), y0);
    double right = dot(x0, evaluate(transposed, at));
    assertEquals(left, right, 1e-12 * (1 + Math.abs(left)), node + " against its VJP " + transposed);
    // the transpose of the transpose is the operation again: the gradient of ⟨Lᵀ(y), x⟩ with respect to y
    Expr back = grad(sum(mul(transposed, x)), y).get(0);
    assertEquals(evaluate(node, at), evaluate(back, at), "VJP of the VJP of " + node);
  }

  private static double dot(Tensor a, Tensor b) {
    double s = 0;
    for (int i = 0; i < a.size(); i++) {
      s += a.rawData()[i] * b.rawData()[i];
    }
    return s;
  }

  private static Shape shape(Random r, int minRank) {
    int[] dims = new int[minRank + r.nextInt(4 - minRank)];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = 1 + r.nextInt(4);
    }
    return Shape.of(dims);
  }

  @Property(tries = 200)
  void sliceAndPadAreTransposes(@ForAll long seed, @ForAll @IntRange(max = 99) int a, @ForAll @IntRange(max = 99) int b,
      @ForAll @IntRange(min = 1, max = 3) int step) {
    Random r = new Random(seed);
    Variable x = variable("x", shape(r, 1));
    int axis = r.nextInt(x.shape().rank());
    int n = x.shape().dim(axis);
    int start = a % n;
    int stop = start + 1 + b % (n - start);
    Expr s = slice(x, axis, start - n, stop, step);
    if (s != x) {
      assertAdjoint(s, x, seed);
    }
    assertAdjoint(Slice.index(x, axis, start), x, seed);
  }

  @Property(tries = 200)
  void gatherAndScatterAddAreTransposes(@ForAll long seed, @ForAll boolean keepsAxis) {
    Random r = new Random(seed);
    Variable x = variable("x", shape(r, 1));
    int axis = r.nextInt(x.shape().rank());
    int n = x.shape().dim(axis);
    Shape is = keepsAxis ? x.shape().withDim(axis, 1 + r.nextInt(3)) : x.shape().withoutAxis(axis);
    double[] idx = new double[is.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = r.nextInt(2 * n) - n;
    }
    assertAdjoint(gather(x, axis, constant(Tensor.of(is, idx))), x, seed);
  }

  @Property(tries = 200)
  void concatAndStackAreTransposesOfSlices(@ForAll long seed) {
    Random r = new Random(seed);
    Variable x = variable("x", shape(r, 1));
    int axis = r.nextInt(x.shape().rank());
    Variable other = variable("other", x.shape().withDim(axis, 1 + r.nextInt(3)));
    assertAdjoint(concat(axis, other, x), x, seed);
    assertAdjoint(stack(r.nextInt(x.shape().rank() + 1), x, variable("same", x.shape())), x, seed);
  }

  @Property(tries = 200)
  void padIsTheTransposeOfASlice(@ForAll long seed, @ForAll @IntRange(max = 2) int before, @ForAll @IntRange(max = 2) int after) {
    Random r = new Random(seed);
    Variable x = variable("x", shape(r, 1));
    Expr p = pad(x, r.nextInt(x.shape().rank()), before, after);
    if (p != x) {
      assertAdjoint(p, x, seed);
    }
  }

  @Property(tries = 200)
  void sumAndBroadcastAndTransposeAreTransposes(@ForAll long seed) {
    Random r = new Random(seed);
    Variable x = variable("x", shape(r, 2));
    assertAdjoint(Reduce.of(ReduceOp.SUM, x, r.nextBoolean(), r.nextInt(x.shape().rank())), x, seed);
    assertAdjoint(Transpose.reverse(x), x, seed);
    Variable row = variable("row", x.shape().withDim(0, 1));
    Expr broadcast = Expand.of(row, x);
    if (broadcast != row) {
      assertAdjoint(broadcast, row, seed);
    }
  }
}
