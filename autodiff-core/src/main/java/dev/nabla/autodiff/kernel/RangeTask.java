package dev.nabla.autodiff.kernel;

/**
 * Work that can be cut into ranges of an index (output rows, parameter rows) computed independently:
 * {@code run(lo, mid)} and {@code run(mid, hi)} on two threads give the same result, bit for bit, as
 * {@code run(lo, hi)} on one, because every output element is written by exactly one range in a fixed
 * order. {@link Kernels#split} hands half of such a task to the second core.
 */
@FunctionalInterface
public interface RangeTask {
  /** Computes indices {@code [lo, hi)}. */
  void run(int lo, int hi);
}
