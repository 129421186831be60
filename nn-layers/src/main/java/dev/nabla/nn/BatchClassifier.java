package dev.nabla.nn;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Plan;
import dev.nabla.autodiff.eval.SparseRows;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.lang.ref.WeakReference;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The predicted classes of a large batch through compiled {@link Plan}s of a network's forward pass:
 * fused layers, the vector kernels, and, when the caller keeps them with the data, the inputs' non-zeros
 * ({@link Plan#sparseInput}, one plan per set of rows, the last {@value #KEPT} kept). Classifying the
 * 10,000 MNIST test images this way takes a few milliseconds instead of the evaluator's tens.
 *
 * <p>A plan checks its outputs for NaN and ∞, not the values inside a fused layer; so every layer's
 * weighted input {@code z} is an output too (kept, not recomputed): an overflowing {@code z} whose sigmoid
 * would be a finite 0 or 1 is reported, as the evaluator reports it.
 *
 * <p>A plan serves one thread at a time, and a network may be shared between threads: {@link #classes}
 * returns null when another thread is using the plans, and the caller evaluates the batch itself.
 *
 * <p><b>What it keeps.</b> One classifier serves every network of one architecture (all made by {@link
 * Network#withParameters}), for as long as one of them is reachable. It keeps the plans of the last
 * {@value #KEPT} sets of non-zeros, and with them those non-zeros (for MNIST's 10,000 test images about
 * 18 MB, and about 3 MB of plan buffers); the inputs they were checked against are held only weakly, so
 * a data set the caller drops is not kept alive by it.
 */
final class BatchClassifier {
  /** Batches of at least this many rows go through a plan; smaller ones (one drawn digit) through the evaluator. */
  static final int MIN_ROWS = 64;
  private static final int KEPT = 4;

  private final Variable input;
  private final List<Expr> outputs;
  private final ReentrantLock lock = new ReentrantLock();
  private Plan dense;
  private final Map<SparseRows, Plan> sparse = new LinkedHashMap<>(8, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<SparseRows, Plan> eldest) {
      return size() > KEPT;
    }
  };
  /** The input each set of rows was checked against (their non-zeros, and finite), by identity, held weakly. */
  private final Map<SparseRows, WeakReference<Tensor>> checked = new IdentityHashMap<>();
  private int planRuns; // for tests: how many batches the plans classified

  /** {@code weightedInputs}: each layer's {@code z}, in order, nodes of {@code output}. */
  BatchClassifier(Variable input, Expr output, List<Expr> weightedInputs) {
    this.input = input;
    List<Expr> all = new java.util.ArrayList<>(List.of(output));
    all.addAll(weightedInputs);
    this.outputs = List.copyOf(all);
  }

  /**
   * The index of the most active output of each row of {@code x}, computed at {@code parameters}; or null
   * when another thread holds the plans, or {@code x} holds a NaN or an infinity (which a plan, unlike the
   * evaluator, does not look for in its inputs: the caller's evaluator then reports it). {@code rows}, when
   * not null, must be {@code SparseRows.of(x)}: it is checked against {@code x} the first time the pair is
   * seen, and trusted after that (so x must not change).
   *
   * @throws IllegalArgumentException when {@code rows} are not the non-zeros of {@code x}
   * @throws dev.nabla.autodiff.eval.NonFiniteValueException when an output is NaN or infinite
   */
  int[] classes(Bindings parameters, Tensor x, SparseRows rows) {
    if (!lock.tryLock()) {
      return null;
    }
    try {
      Plan plan;
      if (rows == null) {
        if (!x.isFinite()) {
          return null;
        }
        if (dense == null) {
          dense = Plan.of(outputs);
        }
        plan = dense;
      } else {
        WeakReference<Tensor> seen = checked.get(rows);
        if (seen == null || seen.get() != x) {
          if (!x.isFinite()) {
            return null;
          }
          if (!rows.matches(x)) {
            throw new IllegalArgumentException("predict: the non-zeros given (" + rows.rows() + " rows of " + rows.cols()
                + " values, " + rows.nonZeros() + " non-zeros) are not those of the inputs " + x.shape()
                + ": pass SparseRows.of(inputs), made from the same tensor");
          }
          checked.keySet().retainAll(sparse.keySet());
          checked.put(rows, new WeakReference<>(x));
        }
        plan = sparse.computeIfAbsent(rows, r -> Plan.of(outputs).sparseInput(input, r));
      }
      int[] classes = Labels.argMax(plan.run(parameters.with(input, x)).get(0));
      planRuns++;
      return classes;
    } finally {
      lock.unlock();
    }
  }

  /** How many batches the plans have classified (tests check that large batches take this path). */
  int planRuns() {
    lock.lock();
    try {
      return planRuns;
    } finally {
      lock.unlock();
    }
  }
}
