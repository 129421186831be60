package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.NonFiniteValueException;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one {@link MiniBatchGradientDescent#train} call: the loop over epochs and batches. A step
 * runs on this thread ({@link #step}) or, with parallelism n ≥ 2, over n threads ({@link ParallelStep}).
 */
final class MiniBatchRun {
  private static final String NAME = MiniBatchGradientDescent.NAME;

  private final CompiledCost compiled;
  private final ParameterBuffers params;
  private final BatchSampler sampler;
  private final Bindings[] base;
  private final Bindings[][] bindings = new Bindings[2][2]; // [batch kind][buffer parity]
  private final TrainingListener listener;
  private final int epochs;
  private final LearningRateSchedule schedule;
  private final ParallelStep parallel; // null: one thread

  /** A run whose steps evaluate on {@code parallel}'s threads, or on this one when it is null. */
  MiniBatchRun(CompiledCost compiled, ParameterBuffers params, BatchSampler sampler, Bindings[] base,
      TrainingListener listener, int epochs, LearningRateSchedule schedule, ParallelStep parallel) {
    this.parallel = parallel;
    this.epochs = epochs;
    this.schedule = schedule;
    this.compiled = compiled;
    this.params = params;
    this.sampler = sampler;
    this.base = base;
    this.listener = listener;
  }

  TrainingResult run() {
    List<EpochRecord> history = new ArrayList<>(); // not sized by epochs, which may be huge with a listener that stops
    long start = System.nanoTime();
    long listenerNanos = 0;
    int step = 0;
    params.checkpoint(0);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      double eta = Hyperparameters.scheduledLearningRate(schedule.learningRate(epoch), epoch);
      sampler.startEpoch();
      double costSum = 0;
      int examples = 0;
      for (int batch = 0; batch < sampler.batches(); batch++) {
        step++;
        int size;
        double cost;
        if (parallel == null) {
          size = sampler.fill(batch);
          cost = step(epoch, step, batch + 1, sampler.kind(batch), eta);
        } else {
          size = sampler.size(batch);
          cost = parallel.step(epoch, step, batch, eta);
        }
        costSum += cost * size;
        examples += size;
        listener.onStep(epoch, step, cost, System.nanoTime() - start - listenerNanos);
      }
      // the executor checks the cost and gradients at every step; the parameters themselves are
      // checked here, once per epoch, and kept as the fallback for a divergence the cost hid
      if (params.firstNonFinite() >= 0) {
        throw Divergence.diagnose(NAME, params, epoch, step, sampler.batches(), eta, null);
      }
      params.checkpoint(step);
      double meanCost = costSum / examples;
      if (!Double.isFinite(meanCost)) { // every batch cost was finite, but their sum overflowed
        throw Divergence.stopped(NAME, params, epoch, step, sampler.batches(), eta,
            "the epoch's mean cost overflowed to " + meanCost + " (its batch costs were finite but enormous)");
      }
      long elapsed = System.nanoTime() - start - listenerNanos;
      long before = System.nanoTime();
      EpochDecision decision = checkNotNull(
          listener.onEpoch(new EpochState(epoch, epochs, step, meanCost, eta, elapsed, params.snapshot())),
          "TrainingListener.onEpoch returned null; return EpochDecision.proceed()");
      listenerNanos += System.nanoTime() - before;
      if (decision.hasDiverged()) {
        throw Divergence.stopped(NAME, params, epoch, step, sampler.batches(), eta, decision.divergence());
      }
      history.add(new EpochRecord(epoch, step, meanCost, eta, elapsed, decision.metrics()));
      if (decision.stopTraining()) {
        return new TrainingResult(params.snapshot(), history, step, epoch < epochs);
      }
    }
    return new TrainingResult(params.snapshot(), history, step, false);
  }

  /** Evaluates the filled batch at the current parameters, updates them, and returns the batch cost. */
  private double step(int epoch, int step, int stepInEpoch, int kind, double eta) {
    int parity = params.parity();
    Bindings b = bindings[kind][parity];
    if (b == null) {
      b = params.bind(base[kind]);
      bindings[kind][parity] = b;
    }
    List<Tensor> out;
    try {
      out = compiled.run(b);
    } catch (NonFiniteValueException e) {
      throw Divergence.diagnose(NAME, params, epoch, step - 1, stepInEpoch - 1, eta, e);
    }
    params.update(out, 1, eta);
    return out.get(0).item();
  }
}
