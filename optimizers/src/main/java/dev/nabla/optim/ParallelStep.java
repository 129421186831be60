package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkArgument;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;

/**
 * The step of a run with {@link MiniBatchGradientDescent.Builder#parallelism parallelism(n)}, n ≥ 2:
 * each batch is cut into n shards of consecutive rows, as equal as possible, which n threads evaluate at
 * once, each with a plan of its own; the shards are then combined in shard order and the parameters
 * updated as in a step of one thread.
 *
 * <p><b>Combining.</b> The cost is a mean over the batch's rows, so shard {@code s} with {@code r_s} of
 * the batch's {@code |B|} rows gives {@code C_s}, the mean over its rows. The batch's cost and gradient
 * are the weighted sums {@code C = Σ_s (r_s/|B|) C_s} and {@code ∇C = Σ_s (r_s/|B|) ∇C_s}, added in
 * shard order 0, 1, …, n − 1. That is the batch mean up to the rounding of the different summation
 * order, and terms of the parameters alone (a penalty ½λ‖w‖² written into the cost) keep their weight
 * of one, since the weights add up to one. A batch of fewer than n rows (a small last batch) is cut
 * into one shard per row, and the other threads skip that step.
 *
 * <p>The shard boundaries depend only on the batch size and n, and the plans' kernels compute the
 * same bits whatever the threads' timing, so the same seed and the same n give a bit-identical run.
 */
final class ParallelStep implements BatchSteps {
  private final ParameterBuffers params;
  private final BatchSampler sampler;
  private final CompiledCost[] costs; // [shard]: one plan per thread
  private final int[][] bounds; // [kind][0 … n]: shard s holds rows [bounds[kind][s], bounds[kind][s + 1]) of a batch
  private final double[][] weights; // [kind][shard]: r_s / |B|
  private final Tensor[][] inputs; // [kind][shard], null for an empty shard
  private final Tensor[][] targets;
  private final Bindings[][] base; // [kind][shard]: the shard's data
  private final Bindings[][][] bindings; // [kind][parity][shard]: with the parameters, made on first use
  private final boolean[] ran; // [shard]: whether the shard had rows in the last step
  private final double[][] gradient; // [parameter]: the batch's combined gradient
  private final ShardThreads threads;
  // the step in progress, written by the caller before ShardThreads.runAll publishes it
  private int batch;
  private int kind;
  private int parity;

  /**
   * Compiles {@code cost} (checked by {@link TrainingChecks}) once per thread, cuts both batch sizes into shards
   * and starts n − 1 threads.
   *
   * @throws IllegalArgumentException when {@code x} or {@code y} does not accept a shard's shape (a
   *     fixed batch dimension)
   */
  ParallelStep(Expr cost, ParameterBuffers params, BatchSampler sampler, Variable x, Variable y, int n) {
    this.params = params;
    this.sampler = sampler;
    int[] sizes = sampler.sizes();
    bounds = new int[sizes.length][n + 1];
    weights = new double[sizes.length][n];
    inputs = new Tensor[sizes.length][n];
    targets = new Tensor[sizes.length][n];
    base = new Bindings[sizes.length][n];
    bindings = new Bindings[sizes.length][2][n];
    for (int k = 0; k < sizes.length; k++) {
      int size = sizes[k];
      int active = Math.min(n, size);
      for (int s = 0; s <= n; s++) {
        bounds[k][s] = (int) ((long) Math.min(s, active) * size / active);
      }
      for (int s = 0; s < n; s++) {
        int rows = bounds[k][s + 1] - bounds[k][s];
        if (rows == 0) {
          continue;
        }
        weights[k][s] = (double) rows / size;
        Shape in = sampler.inputs(k).shape().withDim(0, rows);
        Shape out = sampler.targets(k).shape().withDim(0, rows);
        checkArgument(x.shape().accepts(in), "input variable '%s' has shape %s, but parallelism(%s) cuts a batch of %s "
            + "rows into shards of %s rows, %s (leave the batch dimension open: Shape.batch)", x.name(), x.shape(), n, size,
            rows, in);
        checkArgument(y.shape().accepts(out), "target variable '%s' has shape %s, but parallelism(%s) cuts a batch of %s "
            + "rows into shards of %s rows, %s (leave the batch dimension open: Shape.batch)", y.name(), y.shape(), n, size,
            rows, out);
        inputs[k][s] = Tensor.wrap(in, new double[in.size()]);
        targets[k][s] = Tensor.wrap(out, new double[out.size()]);
        base[k][s] = Bindings.of(x, inputs[k][s], y, targets[k][s]);
      }
    }
    costs = new CompiledCost[n];
    costs[0] = new CompiledCost(cost, params.variables());
    for (int s = 1; s < n; s++) {
      costs[s] = costs[0].forAnotherThread();
    }
    ran = new boolean[n];
    int p = params.variables().size();
    gradient = new double[p][];
    for (int i = 0; i < p; i++) {
      gradient[i] = new double[params.shape(i).size()];
    }
    threads = new ShardThreads(n, "nabla-sgd-shard", this::shard);
  }

  /**
   * Evaluates batch {@code batch} (from 0) of the epoch over the shards, updates the parameters with the
   * combined gradient and returns the batch's cost. A shard's {@code NonFiniteValueException} (or any
   * other failure) is rethrown here, on the calling thread, before anything changes.
   */
  @Override
  public double step(int batch, double eta) {
    this.batch = batch;
    this.kind = sampler.kind(batch);
    this.parity = params.parity();
    threads.runAll();
    Throwable failure = threads.failure();
    if (failure instanceof RuntimeException e) {
      throw e;
    } else if (failure instanceof Error e) {
      throw e;
    } else if (failure != null) {
      throw new IllegalStateException("a training thread failed: " + failure, failure);
    }
    double cost = combine();
    params.update(gradient, eta);
    return cost;
  }

  @Override
  public RunParameters parameters() {
    return params;
  }

  /** Runs on shard {@code s}'s thread: copies its rows of the batch and evaluates them. */
  private void shard(int s) {
    int k = kind;
    int from = bounds[k][s];
    int to = bounds[k][s + 1];
    ran[s] = from < to;
    if (from == to) {
      return;
    }
    sampler.copyRows(batch, from, to, inputs[k][s].rawData(), targets[k][s].rawData());
    Bindings b = bindings[k][parity][s];
    if (b == null) {
      b = params.bind(base[k][s]);
      bindings[k][parity][s] = b;
    }
    costs[s].run(b);
  }

  /** Writes {@code Σ_s w_s ∇C_s} into {@link #gradient}, in shard order, and returns {@code Σ_s w_s C_s}. */
  private double combine() {
    double[] w = weights[kind];
    double cost = 0;
    for (int s = 0; s < w.length; s++) {
      if (ran[s]) {
        cost += w[s] * costs[s].cost();
      }
    }
    for (int i = 0; i < gradient.length; i++) {
      double[] sum = gradient[i];
      boolean first = true;
      for (int s = 0; s < w.length; s++) {
        if (!ran[s]) {
          continue;
        }
        double[] g = costs[s].gradient(i);
        double weight = w[s];
        if (first) {
          for (int j = 0; j < sum.length; j++) {
            sum[j] = weight * g[j];
          }
          first = false;
        } else {
          for (int j = 0; j < sum.length; j++) {
            sum[j] += weight * g[j];
          }
        }
      }
    }
    return cost;
  }

  /** Stops the threads. */
  @Override
  public void close() {
    threads.close();
  }
}
