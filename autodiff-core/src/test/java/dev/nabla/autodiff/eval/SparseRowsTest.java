package dev.nabla.autodiff.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Gathering a batch's rows from an index kept with the data, small batches and large ones (copied on two cores). */
class SparseRowsTest {
  /** A [rows, cols] matrix with about half of its values exact zeros. */
  private static Tensor halfZeros(int rows, int cols, long seed) {
    Random r = new Random(seed);
    double[] d = new double[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextBoolean() ? 0 : r.nextGaussian();
    }
    return Tensor.wrap(Shape.of(rows, cols), d);
  }

  /** The rows {@code order[from, to)} of {@code m}, as a dense matrix. */
  private static double[] rowsOf(Tensor m, int[] order, int from, int to) {
    int cols = m.shape().dim(1);
    double[] out = new double[(to - from) * cols];
    for (int r = from; r < to; r++) {
      System.arraycopy(m.rawData(), order[r] * cols, out, (r - from) * cols, cols);
    }
    return out;
  }

  private static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      int j = r.nextInt(i + 1);
      order[i] = order[j];
      order[j] = i;
    }
    return order;
  }

  @Test
  void aGatheredBatchHoldsTheChosenRowsInOrderWhateverItsSize() {
    Tensor data = halfZeros(500, 300, 1);
    SparseRows index = SparseRows.of(data);
    SparseRows batch = SparseRows.empty(300);
    int[] order = shuffled(500, 2);
    // 3 rows (one thread), then 200 rows of about 30,000 entries (past PARALLEL_ENTRIES: two cores when there
    // are two), then a small batch again into the same buffer
    for (int[] range : new int[][] {{7, 10}, {100, 300}, {300, 302}}) {
      batch.gather(index, order, range[0], range[1]);
      int rows = range[1] - range[0];
      Tensor expected = Tensor.wrap(Shape.of(rows, 300), rowsOf(data, order, range[0], range[1]));
      assertEquals(rows, batch.rows());
      assertTrue(batch.matches(expected), "rows " + range[0] + " to " + range[1]);
      assertArrayEquals(expected.rawData(), batch.toTensor().rawData());
    }
    assertTrue(200 * 300 / 2 > SparseRows.PARALLEL_ENTRIES * 3, "the large batch must be well past the threshold");
  }
}
