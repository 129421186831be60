package dev.nabla.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import dev.nabla.optim.EpochDecision;
import dev.nabla.optim.EpochRecord;
import dev.nabla.optim.EpochState;
import dev.nabla.optim.Hyperparameters;
import dev.nabla.optim.TrainingDivergedException;
import dev.nabla.optim.TrainingListener;
import dev.nabla.optim.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/** The state of one {@link SparkGradientDescent#train} call: the driver's side of every step. */
final class SparkRun {
  static final String NAME = "mini-batch gradient descent on Spark";

  private final SparkGradientDescent sgd;
  private final ShippedCost shipped;
  private final List<Variable> params;
  private final JavaRDD<Example> data;
  private final TrainingListener listener;
  private final double[][] values;
  private final double[][] before; // the values before the latest update, for a divergence report
  private double[][] velocity;
  private final double[] decay; // λ per parameter
  private int etaEpoch; // the epoch whose η is in eta
  private double eta;
  private final List<EpochRecord> history = new ArrayList<>();
  private double epochCostSum;
  private long epochExamples;

  SparkRun(SparkGradientDescent sgd, ShippedCost shipped, List<Variable> params, double[] decay,
      Map<Variable, Tensor> initial, JavaRDD<Example> data, TrainingListener listener) {
    this.sgd = sgd;
    this.decay = decay;
    this.shipped = shipped;
    this.params = params;
    this.data = data;
    this.listener = listener;
    this.values = new double[params.size()][];
    this.before = new double[params.size()][];
    for (int p = 0; p < values.length; p++) {
      values[p] = initial.get(params.get(p)).toArray();
      before[p] = values[p].clone();
    }
    this.velocity = sgd.momentum > 0 ? zerosLike(values) : null;
  }

  TrainingResult run() {
    checkFirstExample();
    int step = resume();
    int epochs = (sgd.steps + sgd.stepsPerEpoch - 1) / sgd.stepsPerEpoch;
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.context());
    Broadcast<ShippedCost> cost = jsc.broadcast(shipped);
    long start = System.nanoTime();
    long listenerNanos = 0;
    try {
      while (step < sgd.steps) {
        step++;
        int epoch = (step - 1) / sgd.stepsPerEpoch + 1;
        if (epoch != etaEpoch) {
          eta = Hyperparameters.scheduledLearningRate(sgd.schedule.learningRate(epoch), epoch);
          etaEpoch = epoch;
        }
        Share total = aggregate(jsc, cost, step);
        if (total.rows > 0) {
          update(total, epoch, step);
          listener.onStep(epoch, step, total.sums[0] / total.rows, System.nanoTime() - start - listenerNanos);
        }
        boolean stop = false;
        if (step % sgd.stepsPerEpoch == 0 || step == sgd.steps) {
          long elapsed = System.nanoTime() - start - listenerNanos;
          double meanCost = epochExamples > 0 ? epochCostSum / epochExamples : Double.NaN;
          long t0 = System.nanoTime();
          EpochDecision decision = checkNotNull(listener.onEpoch(new EpochState(epoch, epochs, step, meanCost,
              eta, elapsed, snapshot())), "TrainingListener.onEpoch returned null; return EpochDecision.proceed()");
          listenerNanos += System.nanoTime() - t0;
          if (decision.hasDiverged()) {
            throw TrainingDivergedException.of(NAME, epoch, step, stepInEpoch(step), eta, decision.divergence(),
                "from after step " + step, snapshot());
          }
          history.add(new EpochRecord(epoch, step, meanCost, eta, elapsed, decision.metrics()));
          epochCostSum = 0;
          epochExamples = 0;
          stop = decision.stopTraining();
        }
        if (sgd.checkpointDir != null && (step % sgd.checkpointEvery == 0 || step == sgd.steps || stop)) {
          save(step);
        }
        if (stop) {
          return new TrainingResult(snapshot(), history, step, step < sgd.steps);
        }
      }
    } finally {
      cost.destroy();
    }
    return new TrainingResult(snapshot(), history, step, false);
  }

  /** One Spark job: sample, sum each partition's share on the executors, and add the shares in a fixed order. */
  private Share aggregate(JavaSparkContext jsc, Broadcast<ShippedCost> cost, int step) {
    Broadcast<double[][]> parameters = jsc.broadcast(values);
    int chunkRows = sgd.chunkRows;
    int partitions = data.getNumPartitions();
    try {
      JavaRDD<Tuple2<Integer, Share>> shares = data.sample(false, sgd.fraction, SparkGradientDescent.batchSeed(sgd.seed, step))
          .mapPartitionsWithIndex((index, examples) -> Collections.singletonList(new Tuple2<>(index,
              PartitionShare.compute(cost.value(), parameters.value(), chunkRows, examples))).iterator(), true);
      OrderedSum sum = shares.treeAggregate(new OrderedSum(partitions), (acc, s) -> acc.add(s._1(), s._2()),
          OrderedSum::merge, sgd.treeDepth);
      return sum.total();
    } catch (Exception e) {
      throw failure(e, step);
    } finally {
      parameters.destroy();
    }
  }

  /** A Spark job failure as the caller's mistake when a task said so (a wrong example, say), else as it is. */
  private static RuntimeException failure(Exception e, int step) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException iae) {
        return new IllegalArgumentException(iae.getMessage(), e);
      }
    }
    return e instanceof RuntimeException r ? r
        : new IllegalStateException("the Spark job of step " + step + " failed: " + e.getMessage(), e);
  }

  /** {@code u → μu − η(∇C_B + λv), v → v + u} (without momentum {@code v → v − η(∇C_B + λv)}), as the local trainer. */
  private void update(Share total, int epoch, int step) {
    for (double v : total.sums) {
      if (!Double.isFinite(v)) {
        throw diverged(epoch, step, "the batch's cost or gradient is NaN or infinite", 0);
      }
    }
    double rows = total.rows;
    int at = 1;
    for (int p = 0; p < values.length; p++) {
      double[] v = values[p];
      double lambda = decay[p];
      System.arraycopy(v, 0, before[p], 0, v.length);
      for (int i = 0; i < v.length; i++, at++) {
        double g = total.sums[at] / rows + lambda * v[i];
        if (velocity == null) {
          v[i] -= eta * g;
        } else {
          velocity[p][i] = sgd.momentum * velocity[p][i] - eta * g;
          v[i] += velocity[p][i];
        }
        if (!Double.isFinite(v[i])) {
          throw diverged(epoch, step, "the update made parameter '" + params.get(p).name() + "' NaN or infinite", p + 1);
        }
      }
    }
    epochCostSum += total.sums[0];
    epochExamples += total.rows;
  }

  /** Puts back the first {@code updated} parameters, which this step changed, and reports the divergence. */
  private TrainingDivergedException diverged(int epoch, int step, String what, int updated) {
    for (int p = 0; p < updated; p++) {
      System.arraycopy(before[p], 0, values[p], 0, values[p].length);
    }
    return TrainingDivergedException.of(NAME, epoch, step, stepInEpoch(step), eta, what, "from before step " + step,
        snapshot());
  }

  private int stepInEpoch(int step) {
    return (step - 1) % sgd.stepsPerEpoch + 1;
  }

  private void checkFirstExample() {
    List<Example> first;
    try {
      first = data.take(1);
    } catch (Exception e) {
      throw failure(e, 0);
    }
    checkArgument(!first.isEmpty(), "the RDD of examples is empty");
    Example e = first.get(0);
    checkArgument(e.rawInput().length == shipped.inputRow && e.rawTarget().length == shipped.targetRow,
        "the first example has %s input and %s target values; the cost's variables '%s' and '%s' take rows of %s and %s",
        e.rawInput().length, e.rawTarget().length, shipped.input, shipped.target, shipped.inputRow, shipped.targetRow);
  }

  private int resume() {
    if (sgd.checkpointDir == null) {
      return 0;
    }
    try {
      Checkpoints.State s = Checkpoints.resume(sgd.checkpointDir, shipped);
      if (s == null) {
        return 0;
      }
      for (int p = 0; p < values.length; p++) {
        values[p] = s.parameters()[p];
      }
      velocity = sgd.momentum > 0 ? (s.velocity() != null ? s.velocity() : zerosLike(values)) : null;
      epochCostSum = s.epochCostSum();
      epochExamples = s.epochExamples();
      return s.step();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resume from the checkpoint in " + sgd.checkpointDir + ": " + e.getMessage(), e);
    }
  }

  private void save(int step) {
    try {
      Checkpoints.save(sgd.checkpointDir, shipped, new Checkpoints.State(step, values, velocity, epochCostSum, epochExamples));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint of step " + step + " in " + sgd.checkpointDir + ": "
          + e.getMessage(), e);
    }
  }

  private Map<Variable, Tensor> snapshot() {
    Map<Variable, Tensor> m = new LinkedHashMap<>();
    for (int p = 0; p < values.length; p++) {
      m.put(params.get(p), Tensor.of(params.get(p).shape(), values[p]));
    }
    return m;
  }

  private static double[][] zerosLike(double[][] values) {
    double[][] z = new double[values.length][];
    for (int p = 0; p < values.length; p++) {
      z[p] = new double[values[p].length];
    }
    return z;
  }
}
