package dev.nabla.autodiff;

import dev.nabla.autodiff.jqwik.Domain;
import dev.nabla.autodiff.jqwik.ShapePair;
import dev.nabla.autodiff.jqwik.Shapes;
import dev.nabla.autodiff.jqwik.Tensors;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Inputs shared by the first- and second-order operation properties, drawn with autodiff-jqwik's
 * public generators: broadcast pairs, divisors away from 0, broadcasts, and matrix products.
 */
final class OperationCases {
  /** The default value range: where the usual functions are neither flat nor linear. */
  static final Domain STANDARD = Domain.between(-2, 2);

  private OperationCases() {}

  /** A matrix product case: operands as stored, and whether each is used transposed. */
  record MatMulCase(Tensor a, Tensor b, boolean transA, boolean transB) {}

  static Arbitrary<List<Tensor>> pairs() {
    return OpCheck.broadcastPairs(STANDARD, STANDARD);
  }

  static Arbitrary<List<Tensor>> quotients() {
    return OpCheck.broadcastPairs(STANDARD, Domain.awayFrom(0.5, -2, 2, 0));
  }

  /** A value and a larger shape it broadcasts to. */
  static Arbitrary<List<Tensor>> expansions() {
    return Shapes.broadcastPairs().flatMap(p -> {
      ShapePair pair = p;
      return Combinators.combine(Tensors.of(pair.smaller()), Tensors.of(pair.larger())).as(List::of);
    });
  }

  static Arbitrary<MatMulCase> matrixProducts() {
    return Combinators.combine(Shapes.matmulDims(5), Arbitraries.of(false, true), Arbitraries.of(false, true),
        Arbitraries.of(0.0, 0.7)).flatAs((d, ta, tb, zeros) -> {
          Shape sa = ta ? Shape.of(d[1], d[0]) : Shape.of(d[0], d[1]);
          Shape sb = tb ? Shape.of(d[2], d[1]) : Shape.of(d[1], d[2]);
          // sparse operands (mostly zeros, like MNIST images) take the kernels' sparse paths
          Domain values = Domain.sparse(STANDARD, zeros);
          return Combinators.combine(values.tensors(sa), values.tensors(sb)).as((a, b) -> new MatMulCase(a, b, ta, tb));
        });
  }

  /** Matrix·vector, vector·matrix and vector·vector operands. */
  static Arbitrary<List<Tensor>> matrixVectorOperands() {
    return Combinators.combine(Shapes.matmulDims(5), Arbitraries.integers().between(0, 2)).flatAs((d, form) -> {
      Shape sa = form == 0 ? Shape.of(d[0], d[1]) : Shape.of(d[1]);
      Shape sb = form == 1 ? Shape.of(d[1], d[0]) : Shape.of(d[1]);
      return Combinators.combine(Tensors.of(sa), Tensors.of(sb)).as(List::of);
    });
  }
}
