package dev.nabla.optim;

/**
 * How a {@link MiniBatchRun} takes its steps and where the parameters live: on one thread, the cost, the
 * gradient and the update compiled as one {@link dev.nabla.autodiff.eval.TrainingStep} ({@link
 * FusedSteps}); with parallelism n ≥ 2, a plan per thread and the update after the shards are combined
 * ({@link ParallelStep}).
 */
interface BatchSteps extends AutoCloseable {
  /**
   * Runs batch {@code batch} (from 0) of the current epoch with learning rate {@code eta}: evaluates the
   * cost and gradient at the current parameters, updates them, and returns the batch's cost.
   *
   * @throws dev.nabla.autodiff.eval.NonFiniteValueException when the cost or a gradient is NaN or infinite
   *     (the parameters are then those before this step)
   */
  double step(int batch, double eta);

  /** The parameters, for checkpoints, snapshots and {@link Divergence}. */
  RunParameters parameters();

  /** Stops any threads the steps use. */
  @Override
  void close();
}
