package dev.nabla.autodiff.kernel;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The second thread of a split {@link RangeTask} (a matrix product, a fused update): one daemon thread,
 * started on first use, computes the range a caller hands it while the caller computes the other. It
 * serves one caller at a time; a caller that finds it busy with another thread's task computes the whole
 * range itself.
 *
 * <p>It is a plain thread handed work through a volatile state and {@link LockSupport} (which, unlike
 * a semaphore or a queue, allocates nothing when a thread waits), not a {@code ForkJoinPool}. A
 * one-worker pool on JDK 17.0.15 stopped running submitted halves after some tens of thousands of products, with no worker
 * thread left and the caller waiting in {@code join()} forever: {@code mnist train --batch-size 100}
 * hung in its first epochs. (JDK-8330017, fixed in 17.0.17, is a fork-join pool bug with this
 * symptom.) A thread of our own also keeps its thread-local kernel scratch between products.
 */
final class SplitHelper {
  private static final class Holder {
    static final SplitHelper INSTANCE = new SplitHelper();
  }

  private static final int IDLE = 0;
  private static final int POSTED = 1;
  private static final int DONE = 2;

  /** Held by the caller whose product the helper is computing. */
  private final ReentrantLock owner = new ReentrantLock();
  private final Thread thread;
  /** IDLE → POSTED (by the caller) → DONE (by the helper) → IDLE (by the caller). */
  private volatile int state = IDLE;
  private volatile Thread caller;

  // The helper's half: written by the caller before state becomes POSTED, read by the helper after it
  // sees POSTED; the volatile state orders these accesses, and the task's writes and failure the other way.
  private RangeTask task;
  private int lo;
  private int hi;
  private Throwable failure;

  private SplitHelper() {
    thread = new Thread(this::serve, "nabla-kernel-helper");
    thread.setDaemon(true);
    thread.start();
  }

  /** The helper, its thread started on the first call. */
  static SplitHelper instance() {
    return Holder.INSTANCE;
  }

  /**
   * Runs {@code task} over {@code [lo, mid)} on the calling thread and over {@code [mid, hi)} on the
   * helper's, and returns true once both are done; returns false at once, running nothing, when the
   * helper is serving another caller. An exception from the helper's range is rethrown here.
   */
  boolean run(RangeTask task, int lo, int mid, int hi) {
    if (!owner.tryLock()) {
      return false;
    }
    try {
      this.task = task;
      this.lo = mid;
      this.hi = hi;
      this.caller = Thread.currentThread();
      state = POSTED;
      LockSupport.unpark(thread);
      try {
        task.run(lo, mid);
      } finally {
        awaitState(DONE); // never return while the helper may still write the task's output
        state = IDLE;
      }
      Throwable f = failure;
      if (f != null) {
        failure = null;
        if (f instanceof RuntimeException e) {
          throw e;
        }
        if (f instanceof Error e) {
          throw e;
        }
        throw new IllegalStateException("kernel helper thread failed", f);
      }
      return true;
    } finally {
      owner.unlock();
    }
  }

  /**
   * How long a thread spins for the other before it parks. Waking a parked thread takes tens of µs; at
   * batch 100 the products of a step come less than 100 µs apart, so the helper is usually still
   * spinning when the next one arrives (JMH training step, batch 100: 494 → 420 µs). The cost is the
   * second core kept busy for up to 100 µs after each split product.
   */
  private static final long SPIN_NANOS = 100_000;

  /** Returns once {@link #state} is {@code wanted}: spins for up to {@link #SPIN_NANOS}, then parks. */
  private void awaitState(int wanted) {
    long until = System.nanoTime() + SPIN_NANOS;
    while (state != wanted) {
      if (System.nanoTime() < until) {
        Thread.onSpinWait();
      } else {
        LockSupport.park(this); // returns early on a spurious wake-up or an earlier unpark
      }
    }
  }

  private void serve() {
    while (true) {
      awaitState(POSTED);
      try {
        task.run(lo, hi);
      } catch (Throwable t) {
        failure = t;
      } finally {
        task = null;
        state = DONE;
        LockSupport.unpark(caller);
      }
    }
  }
}
