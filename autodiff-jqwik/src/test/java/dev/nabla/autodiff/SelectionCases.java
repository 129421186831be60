package dev.nabla.autodiff;

import dev.nabla.autodiff.graph.Slice;
import dev.nabla.autodiff.jqwik.Shapes;
import dev.nabla.autodiff.jqwik.Tensors;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Inputs for the selecting operations' properties: tensors from autodiff-jqwik's arbitraries with
 * valid slice ranges, index positions and integer index tensors, some positions counted from the end.
 */
final class SelectionCases {
  private SelectionCases() {}

  /** A slice of {@code x}: {@code x[start:stop:step]} along {@code axis}, as a user would write it. */
  record SliceCase(Tensor x, int axis, int start, int stop, int step) {}

  /** A gather of {@code x} along {@code axis} at integer {@code indices} (dropping or keeping the axis). */
  record GatherCase(Tensor x, int axis, Tensor indices) {}

  /** {@code x[indices[0], indices[1], …]}. */
  record IndexCase(Tensor x, int[] indices) {}

  /** Tensors that concatenate along {@code axis}. */
  record ConcatCase(List<Tensor> xs, int axis) {}

  static Arbitrary<SliceCase> slices() {
    return Tensors.shaped(1, 3, 5).flatMap(x -> Combinators.combine(Arbitraries.integers().between(0, x.shape().rank() - 1),
        Arbitraries.integers().between(0, 99), Arbitraries.integers().between(0, 99), Arbitraries.integers().between(1, 3),
        Arbitraries.of(false, true)).as((axis, a, b, step, fromEnd) -> {
          int n = x.shape().dim(axis);
          int start = a % n;
          int stop = start + 1 + b % (n - start);
          // the same range written from the end, as v[-3:] or v[:-1]
          int s = fromEnd ? start - n : start;
          int e = stop == n ? (fromEnd ? Slice.END : n) : fromEnd ? stop - n : stop;
          return new SliceCase(x, axis, s, e, step);
        }));
  }

  /** Indices for {@code x}'s leading axes, 1 to rank of them, some negative. */
  static Arbitrary<IndexCase> indexings() {
    return Tensors.shaped(1, 3, 4).flatMap(x -> Arbitraries.integers().between(1, x.shape().rank())
        .flatMap(count -> Arbitraries.integers().between(0, 99).list().ofSize(count).map(seeds -> {
          int[] idx = new int[count];
          for (int i = 0; i < count; i++) {
            int n = x.shape().dim(i);
            idx[i] = seeds.get(i) % (2 * n) - n; // in [-n, n)
          }
          return new IndexCase(x, idx);
        })));
  }

  static Arbitrary<GatherCase> gathers() {
    return Tensors.shaped(1, 3, 4).flatMap(x -> Combinators.combine(Arbitraries.integers().between(0, x.shape().rank() - 1),
        Arbitraries.of(false, true), Arbitraries.integers().between(1, 3), Arbitraries.longs())
        .as((axis, keeps, k, seed) -> new GatherCase(x, axis, indices(x.shape(), axis, keeps, k, seed))));
  }

  /** Random integer indices in {@code [-n, n)} for gathering along {@code axis} of {@code shape}. */
  static Tensor indices(Shape shape, int axis, boolean keepsAxis, int k, long seed) {
    int n = shape.dim(axis);
    Shape s = keepsAxis ? shape.withDim(axis, k) : shape.withoutAxis(axis);
    Random random = new Random(seed);
    double[] d = new double[s.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = random.nextInt(2 * n) - n;
    }
    return Tensor.of(s, d);
  }

  static Arbitrary<ConcatCase> concatenations() {
    return Shapes.shapes(1, 3, 4).flatMap(shape -> Combinators.combine(Arbitraries.integers().between(0, shape.rank() - 1),
        Arbitraries.integers().between(1, 4).list().ofMinSize(1).ofMaxSize(3)).flatAs((axis, lengths) -> {
          List<Arbitrary<Tensor>> parts = new ArrayList<>();
          for (int len : lengths) {
            parts.add(Tensors.of(shape.withDim(axis, len)));
          }
          return Combinators.combine(parts).as(xs -> new ConcatCase(xs, axis));
        }));
  }

  /** Two or three tensors of one shape, to stack. */
  static Arbitrary<List<Tensor>> stackable() {
    return Shapes.shapes(0, 2, 4).flatMap(shape -> Arbitraries.integers().between(2, 3)
        .flatMap(count -> Tensors.of(shape).list().ofSize(count)));
  }
}
