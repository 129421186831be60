package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.eval.NonFiniteValueException;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one {@link MiniBatchGradientDescent#train} call: the loop over epochs and batches, the
 * listener's calls, and the checks for divergence. The steps themselves are {@link BatchSteps}': fused on
 * one thread, or split over n.
 *
 * <p>The parameters are checkpointed at the end of every epoch whose values are all finite (and at the
 * start): the fallback when a parameter goes non-finite without the cost showing it, and where a fused
 * run's steps are replayed from to find the values before a failing update ({@link StepState}).
 */
final class MiniBatchRun {
  private static final String NAME = MiniBatchGradientDescent.NAME;

  private final BatchSteps steps;
  private final BatchSampler sampler;
  private final TrainingListener listener;
  private final int epochs;
  private final LearningRateSchedule schedule;

  MiniBatchRun(BatchSteps steps, BatchSampler sampler, TrainingListener listener, int epochs,
      LearningRateSchedule schedule) {
    this.steps = steps;
    this.sampler = sampler;
    this.listener = listener;
    this.epochs = epochs;
    this.schedule = schedule;
  }

  TrainingResult run() {
    RunParameters params = steps.parameters();
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
        double cost;
        try {
          cost = steps.step(batch, eta);
        } catch (NonFiniteValueException e) {
          throw Divergence.diagnose(NAME, params, epoch, step, batch, eta, e);
        }
        step++;
        int size = sampler.size(batch);
        costSum += cost * size;
        examples += size;
        listener.onStep(epoch, step, cost, System.nanoTime() - start - listenerNanos);
      }
      // the steps check the cost and gradients at every step; the parameters themselves are checked
      // here, once per epoch, and kept as the fallback for a divergence the cost hid
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
}
