package dev.nabla.optim;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The threads of one parallel training run: {@code n − 1} threads, started once and kept for the whole
 * run, which with the calling thread run the {@code n} shards of each step. {@link #runAll} hands every
 * thread its shard, runs shard 0 itself, and returns once all are done; {@link #close} stops the threads.
 *
 * <p>The hand-off is a volatile generation counter and {@link LockSupport}: no queue, no lock, nothing
 * allocated per step. A waiting thread spins for {@link #SPIN_NANOS} before it parks, and parks at once
 * when there are more shards than processors.
 *
 * <p>A shard that throws does not stop the others; {@link #failure} reports the first failing shard's
 * exception after all are done, so which failure is reported does not depend on timing.
 */
final class ShardThreads implements AutoCloseable {
  /**
   * How long a waiting thread spins before it parks: briefly. Spinning saves the wake-up of a parked
   * thread (µs to tens of µs), which matters only for steps of tens of µs, where splitting does not pay
   * anyway (README, "Local data parallelism"). On a machine shared with other work, longer spins made
   * batch-10 steps of the seeds' network slower, not faster: with 2 threads, spins of 10 and 50 µs gave
   * 110 – 270 µs a step against 80 – 150 µs for 0 – 2 µs (2 cores, load average 4 – 7).
   */
  static final long SPIN_NANOS = 2_000;

  private final IntConsumer shard;
  private final Thread[] threads; // threads[s − 1] runs shard s
  private final Throwable[] failures; // written by shard s's thread, read by the caller after finished.get(s) == generation
  private final AtomicIntegerArray finished; // the generation each shard finished last
  private final long spinNanos;
  private volatile int generation;
  private volatile boolean closed;
  private volatile Thread caller;

  /**
   * Starts {@code shards − 1} daemon threads, named {@code <name>-1} …, that wait for work.
   *
   * @param shard runs one shard, given its index; called on shard {@code s}'s own thread
   */
  ShardThreads(int shards, String name, IntConsumer shard) {
    this.shard = shard;
    this.threads = new Thread[shards - 1];
    this.failures = new Throwable[shards];
    this.finished = new AtomicIntegerArray(shards);
    this.spinNanos = shards <= Runtime.getRuntime().availableProcessors() ? SPIN_NANOS : 0;
    for (int s = 1; s < shards; s++) {
      int index = s;
      Thread t = new Thread(() -> serve(index), name + "-" + s);
      t.setDaemon(true);
      threads[s - 1] = t;
    }
    for (Thread t : threads) {
      t.start();
    }
  }

  /** The number of shards. */
  int shards() {
    return failures.length;
  }

  /**
   * Runs every shard once, shard 0 on the calling thread, and returns when all have finished (also when
   * some failed: see {@link #failure}). Everything the caller wrote before this call is visible to the
   * shards, and everything the shards wrote is visible to the caller after it.
   */
  void runAll() {
    caller = Thread.currentThread();
    int g = generation + 1;
    failures[0] = null;
    generation = g; // publishes the caller's writes (parameters, batch order) to the shards
    for (Thread t : threads) {
      LockSupport.unpark(t);
    }
    run(0, g);
    for (int s = 1; s < failures.length; s++) {
      awaitFinished(s, g);
    }
  }

  /** The exception of the lowest-numbered shard that failed in the last {@link #runAll}, or null. */
  Throwable failure() {
    for (Throwable t : failures) {
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  private void run(int s, int g) {
    try {
      shard.accept(s);
    } catch (Throwable t) { // reported by the caller, in shard order
      failures[s] = t;
    }
    finished.set(s, g);
  }

  private void serve(int s) {
    int seen = 0;
    while (true) {
      long until = System.nanoTime() + spinNanos;
      int g;
      while ((g = generation) == seen && !closed) {
        if (System.nanoTime() < until) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      if (closed) {
        return;
      }
      seen = g;
      failures[s] = null;
      run(s, g);
      LockSupport.unpark(caller);
    }
  }

  private void awaitFinished(int s, int g) {
    long until = System.nanoTime() + spinNanos;
    while (finished.get(s) != g) {
      if (System.nanoTime() < until) {
        Thread.onSpinWait();
      } else {
        // returns at once while the caller's interrupt status is set: this then spins until the shard
        // is done, which it must be before its buffers are touched again
        LockSupport.park(this);
      }
    }
  }

  /** Stops the threads, waiting for each to finish the shard it may be running. */
  @Override
  public void close() {
    closed = true;
    boolean interrupted = false;
    for (Thread t : threads) {
      LockSupport.unpark(t);
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
