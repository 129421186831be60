package dev.nabla.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Reduce;
import dev.nabla.autodiff.graph.ReduceOp;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Sums over any set of axes, and max, min, arg-max and arg-min over any one axis, agree bit for bit with a naive loop
 * that visits the input in row-major order (the order the kernels add in), ties going to the first.
 */
class ReduceKernelsProperties {
  @Property(tries = 300)
  void reductionsAgreeWithANaiveLoop(@ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 4) Integer> dims,
      @ForAll @IntRange(min = 1, max = 15) int axesMask, @ForAll ReduceOp op, @ForAll boolean ties, @ForAll long seed) {
    Shape shape = Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
    int rank = shape.rank();
    int[] axes = op == ReduceOp.SUM
        ? java.util.stream.IntStream.range(0, rank).filter(i -> (axesMask >> i & 1) == 1).toArray()
        : new int[] {axesMask % rank};
    if (axes.length == 0) {
      axes = new int[] {rank - 1};
    }
    Tensor x = Tensor.randomNormal(shape, 0, 1, seed);
    if (ties) { // few distinct values, so max and arg-max meet equal candidates
      x = Tensor.of(shape, java.util.Arrays.stream(x.rawData()).map(Math::round).toArray());
    }
    double[] expected = naive(op, x, axes);
    Tensor got = Reduce.of(op, Constant.of(x), false, axes).evaluate(List.of(x));
    assertArrayEquals(expected, got.rawData());
  }

  private static double[] naive(ReduceOp op, Tensor x, int[] axes) {
    Shape s = x.shape();
    int rank = s.rank();
    boolean[] reduced = new boolean[rank];
    for (int a : axes) {
      reduced[a] = true;
    }
    int outSize = 1;
    for (int i = 0; i < rank; i++) {
      outSize *= reduced[i] ? 1 : s.dim(i);
    }
    double[] out = new double[outSize];
    double[] best = new double[outSize];
    boolean[] seen = new boolean[outSize];
    int[] idx = new int[rank];
    for (int flat = 0; flat < x.size(); flat++) {
      int o = 0;
      for (int i = 0; i < rank; i++) {
        if (!reduced[i]) {
          o = o * s.dim(i) + idx[i];
        }
      }
      double v = x.rawData()[flat];
      if (op == ReduceOp.SUM) {
        out[o] += v;
      } else if (!seen[o] || (op == ReduceOp.MIN || op == ReduceOp.ARGMIN ? v < best[o] : v > best[o])) {
        seen[o] = true;
        best[o] = v;
        out[o] = op == ReduceOp.MAX || op == ReduceOp.MIN ? v : idx[axes[0]];
      }
      for (int axis = rank - 1; axis >= 0 && ++idx[axis] == s.dim(axis); axis--) {
        idx[axis] = 0;
      }
    }
    return out;
  }
}
