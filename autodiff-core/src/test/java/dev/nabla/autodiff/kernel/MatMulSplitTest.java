package dev.nabla.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Products split over two threads (forced here at small sizes, so many splits run quickly) complete
 * and give the single-threaded result bit for bit, one caller or several at once.
 */
class MatMulSplitTest {
  private static final int M = 12;
  private static final int K = 9;
  private static final int N = 7;
  private final double[] a = Sparsity.withZeros(Tensor.randomNormal(Shape.of(M * K), 0, 1, 1), 0.5, 1).toArray();
  private final double[] b = Tensor.randomNormal(Shape.of(K * N), 0, 1, 2).toArray();

  private double[] product(boolean split) {
    double[] out = new double[M * N];
    MatMulKernels.multiply(a, b, out, M, K, N, false, false, split);
    return out;
  }

  @Test
  void manySplitProductsInARowAllComplete() {
    // the fork-join helper used before hung the caller for good after some 10⁴ products on JDK 17.0.15
    // (see SplitHelper); that hang did not show up reliably in a test, so this stresses the hand-off
    // that replaced it: every product completes, whether the helper is still spinning or has parked
    double[] expected = product(false);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < 20_000; i++) {
        assertArrayEquals(expected, product(true));
        // an idle gap (spun, since a pending unpark from the helper would cut a park short): mostly
        // shorter than the helper's 100 µs spin, every tenth longer, so that it parks
        long gap = i % 10 == 0 ? 150_000 : 20_000;
        for (long until = System.nanoTime() + gap; System.nanoTime() < until; ) {
          Thread.onSpinWait();
        }
      }
    });
  }

  @Test
  void anExceptionInAChunkReachesTheCallerAndTheHelperServesOn() {
    // rows [8, 12) are one chunk (chunks are multiples of four rows), computed by whichever thread
    // takes it: cut them off, and the exception reaches the caller either way
    double[] firstEightRows = Arrays.copyOf(a, 8 * K);
    assertThrows(ArrayIndexOutOfBoundsException.class,
        () -> MatMulKernels.multiply(firstEightRows, b, new double[M * N], M, K, N, false, false, true));
    assertArrayEquals(product(false), product(true));
  }

  @Test
  void concurrentCallersEachGetTheirOwnResult() throws Exception {
    double[] expected = product(false);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(callers.submit(() -> {
          for (int i = 0; i < 5_000; i++) {
            assertArrayEquals(expected, product(true));
          }
          return null;
        }));
      }
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (Future<?> f : done) {
          f.get();
        }
      });
    } finally {
      callers.shutdownNow();
    }
  }
}
