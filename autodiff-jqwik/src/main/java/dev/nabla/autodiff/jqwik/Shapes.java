package dev.nabla.autodiff.jqwik;

import static com.google.common.base.Preconditions.checkArgument;

import dev.nabla.autodiff.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Arbitraries of tensor shapes. They shrink toward low rank and dimensions of 1, so a failing property
 * is reported on the smallest shape that still fails.
 *
 * <pre>{@code
 * Shapes.shapes(0, 3, 4)          // rank 0..3, each dimension 1..4
 * Shapes.shapes(1, 4, 8, 64)      // ... and at most 64 elements
 * Shapes.broadcastPairs(3, 4)     // ([3, 4], [4]), ([2, 1], [2, 5]), ...
 * }</pre>
 */
public final class Shapes {
  private Shapes() {}

  /** Shapes of rank {@code minRank..maxRank} with every dimension in {@code 1..maxDim}. */
  public static Arbitrary<Shape> shapes(int minRank, int maxRank, int maxDim) {
    checkArgument(minRank >= 0 && minRank <= maxRank, "Shapes.shapes: need 0 <= minRank <= maxRank, got %s and %s",
        minRank, maxRank);
    checkArgument(maxDim >= 1, "Shapes.shapes: maxDim must be at least 1, got %s", maxDim);
    return Arbitraries.integers().between(1, maxDim).list().ofMinSize(minRank).ofMaxSize(maxRank)
        .map(dims -> Shape.of(dims.stream().mapToInt(Integer::intValue).toArray()));
  }

  /**
   * Shapes as {@link #shapes(int, int, int)} with at most {@code maxSize} elements: while the product is
   * too large, the largest dimension is lowered (a mapping, not a filter, so no draw is wasted).
   */
  public static Arbitrary<Shape> shapes(int minRank, int maxRank, int maxDim, int maxSize) {
    checkArgument(maxSize >= 1, "Shapes.shapes: maxSize must be at least 1, got %s", maxSize);
    return shapes(minRank, maxRank, maxDim).map(s -> capSize(s, maxSize));
  }

  private static Shape capSize(Shape s, int maxSize) {
    int[] dims = s.dims();
    while (s.rank() > 0 && product(dims) > maxSize) {
      int largest = 0;
      for (int i = 1; i < dims.length; i++) {
        largest = dims[i] > dims[largest] ? i : largest;
      }
      dims[largest]--;
    }
    return Shape.of(dims);
  }

  private static long product(int[] dims) {
    long p = 1;
    for (int d : dims) {
      p *= d;
    }
    return p;
  }

  /**
   * Pairs of shapes that broadcast: a full shape of rank {@code 0..maxRank} and a partner with some
   * leading axes dropped and some others set to 1, in either order.
   */
  public static Arbitrary<ShapePair> broadcastPairs(int maxRank, int maxDim) {
    return shapes(0, maxRank, maxDim).flatMap(full -> {
      Arbitrary<Integer> drop = Arbitraries.integers().between(0, full.rank());
      Arbitrary<List<Boolean>> ones = Arbitraries.of(false, true).list().ofSize(full.rank());
      Arbitrary<Boolean> swap = Arbitraries.of(false, true);
      return Combinators.combine(drop, ones, swap).as((d, o, sw) -> {
        List<Integer> dims = new ArrayList<>();
        for (int i = d; i < full.rank(); i++) {
          dims.add(o.get(i) ? 1 : full.dim(i));
        }
        Shape partner = Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
        return sw ? new ShapePair(partner, full) : new ShapePair(full, partner);
      });
    });
  }

  /** {@link #broadcastPairs(int, int)} of rank up to 3 and dimensions up to 4. */
  public static Arbitrary<ShapePair> broadcastPairs() {
    return broadcastPairs(3, 4);
  }

  /**
   * Triples {@code [m, k, n]} of matrix-product dimensions in {@code 1..maxDim}: {@code [m, k]·[k, n]}.
   */
  public static Arbitrary<int[]> matmulDims(int maxDim) {
    checkArgument(maxDim >= 1, "Shapes.matmulDims: maxDim must be at least 1, got %s", maxDim);
    return Arbitraries.integers().between(1, maxDim).array(int[].class).ofSize(3);
  }
}
