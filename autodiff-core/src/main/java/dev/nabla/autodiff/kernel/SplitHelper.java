package dev.nabla.autodiff.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The second thread of a split {@link RangeTask} (a matrix product, a fused update): one daemon thread,
 * started on first use, shares a caller's range with it. The range is cut into chunks, and each thread
 * takes the next chunk not yet taken until none is left, so a helper that the operating system does not
 * schedule at once (on a busy machine) costs the caller nothing: the caller takes the chunks itself,
 * and takes the whole posting back if the helper has not started. The caller waits only for a chunk the
 * helper is computing. Which thread computes a chunk does not change a result, since every output
 * element belongs to one chunk and is computed in a fixed order. It serves one caller at a time; a
 * caller that finds it busy with another thread's task computes the whole range itself.
 *
 * <p>It is a plain thread handed work through an atomic state and {@link LockSupport} (which, unlike
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
  private static final int RUNNING = 2;
  private static final int DONE = 3;

  /** Held by the caller whose task the helper is sharing. */
  private final ReentrantLock owner = new ReentrantLock();
  private final Thread thread;
  /**
   * IDLE → POSTED (by the caller) → RUNNING (by the helper, when it starts) → DONE (by the helper) →
   * IDLE (by the caller); or POSTED → IDLE, by a caller that finished every chunk before the helper started.
   */
  private final AtomicInteger state = new AtomicInteger(IDLE);
  /** How many chunks the two threads have taken (the caller's are the first, the helper's the last). */
  private final AtomicInteger claims = new AtomicInteger();
  private volatile Thread caller;

  // The task: written by the caller before state becomes POSTED, read by the helper after it moved
  // POSTED → RUNNING; the atomic state orders these accesses, and the task's writes and failure the other way.
  private RangeTask task;
  private int lo;
  private int hi;
  private int chunk;
  private int chunks;
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
   * Runs {@code task} over {@code [lo, hi)} in chunks of {@code chunk} indices shared between the
   * calling thread and the helper's, and returns true once all are done; returns false at once, running
   * nothing, when the helper is serving another caller. An exception from either thread's chunks is
   * rethrown here (the caller's first).
   */
  boolean run(RangeTask task, int lo, int hi, int chunk) {
    if (!owner.tryLock()) {
      return false;
    }
    try {
      this.task = task;
      this.lo = lo;
      this.hi = hi;
      this.chunk = chunk;
      this.chunks = (hi - lo + chunk - 1) / chunk;
      this.failure = null;
      claims.set(0);
      this.caller = Thread.currentThread();
      state.set(POSTED);
      LockSupport.unpark(thread);
      try {
        work(false);
      } finally {
        // take the posting back if the helper has not started; else wait for its chunk
        if (!state.compareAndSet(POSTED, IDLE)) {
          awaitState(DONE); // never return while the helper may still write the task's output
          state.set(IDLE);
        }
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
      this.task = null;
      owner.unlock();
    }
  }

  /**
   * Takes and computes chunks until none is left: the caller from the first chunk up, the helper from
   * the last one down. So with two chunks, or when neither thread is delayed, each thread computes the
   * same part of a range on every call, and the data it writes (a weight's columns, say) stays in its
   * core's cache.
   */
  private void work(boolean fromTheEnd) {
    for (int taken = 0; claims.getAndIncrement() < chunks; taken++) {
      int c = fromTheEnd ? chunks - 1 - taken : taken;
      int from = lo + c * chunk;
      task.run(from, Math.min(hi, from + chunk));
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
    while (state.get() != wanted) {
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
      if (!state.compareAndSet(POSTED, RUNNING)) {
        continue; // the caller finished every chunk first and took the posting back
      }
      try {
        work(true);
      } catch (Throwable t) {
        failure = t;
      } finally {
        state.set(DONE);
        LockSupport.unpark(caller);
      }
    }
  }
}
