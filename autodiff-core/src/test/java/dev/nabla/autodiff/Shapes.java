package dev.nabla.autodiff;

import dev.nabla.autodiff.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** jqwik generators of shapes for the gradient properties; they shrink toward low rank and size 1. */
final class Shapes {
  private Shapes() {}

  /** Shapes of rank {@code minRank..maxRank} with dimensions 1..maxDim. */
  static Arbitrary<Shape> shapes(int minRank, int maxRank, int maxDim) {
    return Arbitraries.integers().between(1, maxDim).list().ofMinSize(minRank).ofMaxSize(maxRank)
        .map(l -> Shape.of(l.stream().mapToInt(Integer::intValue).toArray()));
  }

  /**
   * Pairs of shapes that broadcast against each other: a full shape and a partner with some leading
   * axes dropped and some others set to 1, in either order.
   */
  static Arbitrary<Shape[]> broadcastPairs() {
    return shapes(0, 3, 4).flatMap(full -> Arbitraries.integers().between(0, full.rank()).flatMap(drop ->
        Arbitraries.of(true, false).list().ofSize(full.rank() - drop).flatMap(ones ->
            Arbitraries.of(true, false).map(swap -> {
              List<Integer> dims = new ArrayList<>();
              for (int i = drop; i < full.rank(); i++) {
                dims.add(ones.get(i - drop) ? 1 : full.dim(i));
              }
              Shape partner = Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
              return swap ? new Shape[] {partner, full} : new Shape[] {full, partner};
            }))));
  }
}
