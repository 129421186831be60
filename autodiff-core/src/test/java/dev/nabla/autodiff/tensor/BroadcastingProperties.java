package dev.nabla.autodiff.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Every broadcast (same size, scalar, one operand repeating along the other's leading axes, and the
 * general odometer) agrees with a naive loop that maps each output index to both inputs.
 */
class BroadcastingProperties {
  @Property(tries = 300)
  void applyAgreesWithANaiveIndexMapping(@ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 4) Integer> dims,
      @ForAll @IntRange(min = 0, max = 4) int dropA, @ForAll @IntRange(min = 0, max = 4) int dropB,
      @ForAll @IntRange(min = 0, max = 15) int onesA, @ForAll @IntRange(min = 0, max = 15) int onesB, @ForAll long seed) {
    int[] full = dims.stream().mapToInt(Integer::intValue).toArray();
    Shape sa = part(full, dropA, onesA);
    Shape sb = part(full, dropB, onesB);
    Tensor a = Tensor.randomNormal(sa, 0, 1, seed);
    Tensor b = Tensor.randomNormal(sb, 0, 1, seed + 1);
    Shape out = Broadcasting.shape("f", sa, sb);
    double[] expected = new double[out.size()];
    int[] idx = new int[out.rank()];
    for (int o = 0; o < expected.length; o++) {
      expected[o] = f(a.rawData()[offset(sa, idx)], b.rawData()[offset(sb, idx)]);
      for (int axis = out.rank() - 1; axis >= 0 && ++idx[axis] == out.dim(axis); axis--) {
        idx[axis] = 0;
      }
    }
    assertArrayEquals(expected, Broadcasting.apply("f", a, b, BroadcastingProperties::f).toArray());
  }

  /** Not symmetric, so swapped operands are caught. */
  private static double f(double p, double q) {
    return 3 * p - q;
  }

  /** {@code full} without its first {@code drop} axes, and with the axes in bit mask {@code ones} set to 1. */
  private static Shape part(int[] full, int drop, int ones) {
    int rank = Math.max(0, full.length - drop);
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = (ones >> i & 1) == 1 ? 1 : full[full.length - rank + i];
    }
    return Shape.of(dims);
  }

  /** The flat offset in {@code s} of output index {@code idx}: aligned at the last axis, stretched axes read index 0. */
  private static int offset(Shape s, int[] idx) {
    int off = 0;
    for (int i = 0; i < s.rank(); i++) {
      int d = s.dim(i);
      off = off * d + (d == 1 ? 0 : idx[idx.length - s.rank() + i]);
    }
    return off;
  }
}
