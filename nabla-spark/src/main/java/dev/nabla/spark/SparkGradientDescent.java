package dev.nabla.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import dev.nabla.optim.Hyperparameters;
import dev.nabla.optim.LearningRateSchedule;
import dev.nabla.optim.TrainingListener;
import dev.nabla.optim.TrainingResult;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;

/**
 * Mini-batch gradient descent of any Nabla cost over a Spark RDD of {@link Example}s, in the scheme of
 * MLlib's {@code GradientDescent}. Each step broadcasts the parameters; samples a fraction of the
 * examples (Bernoulli, seeded by the run's seed and the step); has each partition sum the cost and its
 * gradient over its share with a plan compiled once per executor from the shipped graph file; sums
 * the shares with {@code treeAggregate} in a fixed order; and updates the parameters on the driver:
 * {@code v → v − η∇C_B}, or with momentum μ {@code u → μu − η∇C_B, v → v + u}, with the rule and the
 * options of {@code MiniBatchGradientDescent}: a per-epoch {@link LearningRateSchedule} and L2 weight
 * decay ({@code ∇C_B + λv}).
 *
 * <p><b>Cost convention</b>, as for {@code MiniBatchGradientDescent}: the cost over {@code x} ({@code
 * [?, d_in…]}) and {@code y} ({@code [?, d_out…]}) is the <em>mean</em> over the batch's rows, plus any
 * terms of the parameters alone ({@code + λ‖w‖²}); the trainer weights each chunk of rows by its size,
 * so the step uses exactly the batch's mean gradient.
 *
 * <p><b>Reproducible</b>: with the same seed and the same partitioning a run is bit-identical, whatever
 * order tasks finish in and whether some were retried; a run resumed from a checkpoint continues
 * exactly as if it had not stopped. A failing task is Spark's to retry ({@code spark.task.maxFailures}).
 * The result equals the single-process computation on the same sampled batches up to the rounding of
 * the different summation order.
 *
 * <pre>{@code
 * SparkGradientDescent sgd = SparkGradientDescent.builder()
 *     .learningRate(0.1).miniBatchFraction(0.01).steps(2000).seed(42)
 *     .checkpoints(Path.of("checkpoints"), 100).build();
 * TrainingResult r = sgd.train(cost, x, y, Map.of(w, Tensor.zeros(3, 1)), examples, TrainingListener.none());
 * }</pre>
 *
 * <p>The listener hears every step, and an "epoch" every {@link Builder#stepsPerEpoch} steps (by default
 * {@code ⌈1/fraction⌉}, one pass over the data in expectation), so the listeners written for {@code
 * MiniBatchGradientDescent} print the same lines. An optimiser is immutable; runs share nothing.
 */
public final class SparkGradientDescent {
  static final int DEFAULT_CHUNK_ROWS = 512;

  final LearningRateSchedule schedule;
  final double weightDecay;
  final ImmutableList<Variable> decayed; // null: every parameter
  final double fraction;
  final int steps;
  final int stepsPerEpoch;
  final long seed;
  final double momentum;
  final Path checkpointDir;
  final int checkpointEvery;
  final int chunkRows;
  final int treeDepth;

  private SparkGradientDescent(Builder b) {
    this.schedule = Hyperparameters.schedule(b.learningRate, b.schedule);
    this.weightDecay = Hyperparameters.weightDecay(b.weightDecay);
    this.decayed = b.decayed;
    this.momentum = Hyperparameters.momentum(b.momentum);
    checkArgument(b.fraction > 0 && b.fraction <= 1, "mini-batch fraction must be in (0, 1], got %s", b.fraction);
    checkArgument(b.steps >= 1, "number of steps must be at least 1, got %s", b.steps);
    checkArgument(b.checkpointEvery >= 1, "checkpoint interval must be at least 1 step, got %s", b.checkpointEvery);
    checkArgument(b.chunkRows >= 1, "chunk size must be at least 1 row, got %s", b.chunkRows);
    checkArgument(b.treeDepth >= 1, "treeAggregate depth must be at least 1, got %s", b.treeDepth);
    this.fraction = b.fraction;
    this.steps = b.steps;
    this.stepsPerEpoch = b.stepsPerEpoch > 0 ? b.stepsPerEpoch : (int) Math.min(Integer.MAX_VALUE, Math.ceil(1 / b.fraction));
    this.seed = b.seed;
    this.checkpointDir = b.checkpointDir;
    this.checkpointEvery = b.checkpointEvery;
    this.chunkRows = b.chunkRows;
    this.treeDepth = b.treeDepth;
  }

  /** A builder; the learning rate, the mini-batch fraction and the number of steps are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Trains the parameters in {@code initial} on {@code data}. With {@link Builder#checkpoints}, a run
   * whose directory holds a checkpoint resumes from it (and returns at once when it had finished).
   *
   * @param cost a scalar: the mean cost over the rows bound to {@code x} and {@code y}
   * @param x the input variable, {@code [?, d_in…]}
   * @param y the target variable, {@code [?, d_out…]}
   * @param initial the parameters and their starting values, in the order results are returned
   * @param data the examples; persist it ({@code data.cache()}) when it is expensive to compute, as it is
   *     sampled once per step
   * @param listener hears every step and every epoch of {@code stepsPerEpoch} steps; may stop training
   * @return the final parameters and one record per epoch run in this call
   * @throws IllegalArgumentException when shapes or names do not fit, the data is empty, or a variable given
   *     to {@link Builder#weightDecay(double, Collection)} is not a parameter
   * @throws dev.nabla.optim.TrainingDivergedException when the cost, a gradient or a parameter becomes NaN or
   *     infinite, or the listener declares a divergence: the message names the epoch, the step and η
   * @throws java.io.UncheckedIOException when a checkpoint cannot be written or read
   */
  public TrainingResult train(Expr cost, Variable x, Variable y, Map<Variable, Tensor> initial, JavaRDD<Example> data,
      TrainingListener listener) {
    checkNotNull(cost, "cost");
    checkNotNull(x, "input variable x");
    checkNotNull(y, "target variable y");
    checkNotNull(initial, "initial parameters");
    checkNotNull(data, "data");
    checkNotNull(listener, "listener");
    checkArgument(!initial.isEmpty(), "no parameters to train");
    checkArgument(x != y, "the input and target variables are the same variable '%s'", x.name());
    checkArgument(!initial.containsKey(x) && !initial.containsKey(y), "the input or target variable is also a parameter");
    List<Variable> params = List.copyOf(initial.keySet());
    for (Variable v : params) {
      Tensor t = checkNotNull(initial.get(v), "initial value of '%s'", v.name());
      checkArgument(v.shape().equals(t.shape()), "parameter '%s' has shape %s but its initial value has shape %s",
          v.name(), v.shape(), t.shape());
      checkArgument(t.isFinite(), "the initial value of parameter '%s' %s holds NaN or infinite values", v.name(), v.shape());
    }
    double[] decay = Hyperparameters.weightDecay(weightDecay, decayed == null ? params : decayed, params);
    ShippedCost shipped = ShippedCost.of(cost, x, y, params);
    return new SparkRun(this, shipped, params, decay, initial, data, listener).run();
  }

  /** The {@code seed} of step {@code step}'s Bernoulli sample (a mix, so runs with nearby seeds differ). */
  static long batchSeed(long seed, int step) {
    long z = seed * 0x9E3779B97F4A7C15L + step;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return String.format("SparkGradientDescent[η=%s, fraction=%s, steps=%s, stepsPerEpoch=%s, seed=%s, μ=%s, λ=%s%s]",
        schedule.learningRate(1), fraction, steps, stepsPerEpoch, seed, momentum, weightDecay,
        checkpointDir == null ? "" : ", checkpoints every " + checkpointEvery + " steps in " + checkpointDir);
  }

  /**
   * Settings for {@link SparkGradientDescent}; {@link #build} validates them.
   *
   * <pre>{@code
   * // the local trainer's "batch 10, 30 epochs" over N examples:
   * SparkGradientDescent.builder().learningRate(3.0).batchesOf(10, N).epochs(30).seed(1).build();
   * }</pre>
   */
  public static final class Builder {
    private double learningRate = Double.NaN;
    private LearningRateSchedule schedule;
    private double weightDecay;
    private ImmutableList<Variable> decayed;
    private double fraction;
    private int steps;
    private int stepsPerEpoch;
    private int epochs;
    private long seed;
    private double momentum;
    private Path checkpointDir;
    private int checkpointEvery = 1;
    private int chunkRows = DEFAULT_CHUNK_ROWS;
    private int treeDepth = 2;

    private Builder() {}

    /** η, positive and finite, the same for every epoch. This or {@link #learningRateSchedule} is required. */
    public Builder learningRate(double eta) {
      this.learningRate = eta;
      return this;
    }

    /**
     * η per epoch (of {@link #stepsPerEpoch} steps): {@code schedule.learningRate(e)} for every step of
     * epoch {@code e}, from 1, as in {@code MiniBatchGradientDescent}. Instead of {@link #learningRate}.
     */
    public Builder learningRateSchedule(LearningRateSchedule schedule) {
      this.schedule = checkNotNull(schedule, "learning-rate schedule");
      return this;
    }

    /**
     * L2 regularisation of every parameter, as {@code MiniBatchGradientDescent}'s: each step adds {@code λv}
     * to the batch's gradient of {@code v}, which minimises the cost plus ½λ‖v‖². λ ≥ 0; default 0.
     */
    public Builder weightDecay(double lambda) {
      this.weightDecay = lambda;
      this.decayed = null;
      return this;
    }

    /** {@link #weightDecay(double)} for the given parameters only (for a network: its weights, not its biases). */
    public Builder weightDecay(double lambda, Collection<Variable> parameters) {
      this.weightDecay = lambda;
      this.decayed = ImmutableList.copyOf(parameters);
      return this;
    }

    /** The expected fraction of the examples in each step's batch, in (0, 1]. Required (or {@link #batchesOf}). */
    public Builder miniBatchFraction(double fraction) {
      this.fraction = fraction;
      return this;
    }

    /** The number of steps (updates), at least 1. Required (or {@link #epochs}). */
    public Builder steps(int steps) {
      this.steps = steps;
      return this;
    }

    /** How many steps the listener's epochs have; default {@code ⌈1/fraction⌉}. */
    public Builder stepsPerEpoch(int steps) {
      this.stepsPerEpoch = steps;
      return this;
    }

    /**
     * Batches of {@code batchSize} examples in expectation out of {@code examples}: the fraction {@code
     * batchSize / examples} and {@code ⌈examples / batchSize⌉} steps per epoch, as the local trainer counts.
     */
    public Builder batchesOf(int batchSize, long examples) {
      checkArgument(batchSize >= 1 && examples >= 1, "batch size %s and example count %s must be positive", batchSize,
          examples);
      this.fraction = Math.min(1.0, (double) batchSize / examples);
      this.stepsPerEpoch = (int) Math.min(Integer.MAX_VALUE, (examples + batchSize - 1) / batchSize);
      return this;
    }

    /** Train for {@code epochs} × {@code stepsPerEpoch} steps (set the fraction or {@link #batchesOf} first). */
    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /** The sampling seed; default 0. The same seed and partitioning give a bit-identical run. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** μ in [0, 1); default 0. */
    public Builder momentum(double mu) {
      this.momentum = mu;
      return this;
    }

    /**
     * Checkpoints the parameters every {@code everySteps} steps (and after the last) in {@code dir} on
     * the driver, and resumes from a checkpoint found there. Off by default.
     */
    public Builder checkpoints(Path dir, int everySteps) {
      this.checkpointDir = checkNotNull(dir, "checkpoint directory");
      this.checkpointEvery = everySteps;
      return this;
    }

    /** How many rows an executor evaluates per plan run; default {@value SparkGradientDescent#DEFAULT_CHUNK_ROWS}. */
    public Builder chunkRows(int rows) {
      this.chunkRows = rows;
      return this;
    }

    /** The depth of {@code treeAggregate}; default 2, as MLlib. */
    public Builder treeDepth(int depth) {
      this.treeDepth = depth;
      return this;
    }

    /**
     * The optimiser.
     *
     * @throws IllegalArgumentException naming the setting and its value when one is missing or out of range
     */
    public SparkGradientDescent build() {
      if (epochs > 0) {
        checkArgument(fraction > 0, "epochs(%s) needs the mini-batch fraction or batchesOf(…) first", epochs);
        int perEpoch = stepsPerEpoch > 0 ? stepsPerEpoch : (int) Math.ceil(1 / fraction);
        steps = (int) Math.min(Integer.MAX_VALUE, (long) epochs * perEpoch);
      }
      return new SparkGradientDescent(this);
    }
  }
}
