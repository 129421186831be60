package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.UpdateRule;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Mini-batch (stochastic) gradient descent over a labelled {@link Dataset}. Each epoch shuffles the
 * examples with a generator seeded once per run (same seed ⇒ bit-identical run), cuts them into
 * batches of {@code m} and, for each batch {@code B}, takes the step {@code v → v − η∇C_B} (or, with
 * momentum μ, {@code u → μu − η∇C_B, v → v + u}).
 *
 * <p><b>Cost convention.</b> The cost is an expression over an input variable {@code x} (shape {@code
 * [?, d_in]}, one example per row) and a target variable {@code y} ({@code [?, d_out]}), and it must
 * already be the <em>mean</em> over the batch's rows, e.g. the quadratic cost {@code 1/(2n) Σ‖y −
 * a‖²} with {@code n} from {@code Count} (as {@code Nabla.mean} does). Its gradient is then exactly the
 * averaged gradient {@code ∇C = 1/|B| Σ_{i∈B} ∇C_i}; nothing is divided here. Write {@code n} from the
 * batch (not a constant such as 10) so that it is right for every batch size.
 *
 * <p><b>The last batch.</b> When {@code m} does not divide {@code N}, each epoch ends with a smaller
 * batch of the {@code N mod m} examples left over; it takes an ordinary step with the mean over its
 * own rows (so each of its examples weighs more in that step). {@link Builder#dropLastPartialBatch}
 * skips it instead; those examples then sit out the epoch (a different set each epoch when shuffling).
 * A batch size above {@code N} gives one batch of all {@code N}.
 *
 * <pre>{@code
 * Variable x = variable("x", Shape.batch(3)), y = variable("y", Shape.batch(1));
 * Variable w = variable("w", 3, 1), b = variable("b", 1);
 * Expr a = add(matmul(x, w), b);
 * Expr cost = mul(constant(0.5), mean(sum(square(sub(y, a)), 1, false)));   // 1/(2n) Σ‖y − a‖²
 * TrainingResult r = MiniBatchGradientDescent.builder()
 *     .learningRate(0.1).batchSize(10).epochs(30).seed(42).momentum(0.9).build()
 *     .train(cost, x, y, Map.of(w, Tensor.zeros(3, 1), b, Tensor.zeros(1)), data, TrainingListener.none());
 * }</pre>
 *
 * <p><b>Options for any cost.</b> {@link Builder#learningRateSchedule} sets η per epoch (for example
 * halving it every 10 epochs); {@link Builder#weightDecay} adds the L2 term ½λ‖v‖² for the chosen
 * parameters by adding λv to their gradients; a {@link TrainingListener} can record metrics, stop
 * training, or declare a divergence it sees (an accuracy at chance); {@link BestEpoch} helps it keep
 * the epoch with the best validation score and stop early. {@link Builder#parallelism} splits each
 * batch over n threads, reproducibly.
 *
 * <p><b>How a step runs.</b> The cost, its gradient and the update are compiled once per run as one
 * {@link dev.nabla.autodiff.eval.TrainingStep}: the step owns the parameters, keeps weights in the
 * layouts its kernels want, fuses each weight's update into its gradient's product (∇W is never
 * stored), and updates in place; momentum, weight decay and the epoch's η are part of it. When at
 * most half of the inputs are non-zero (MNIST: 81% zeros), their non-zeros are found once per run and
 * each batch gathers its rows' non-zeros instead of its values. With {@link Builder#parallelism} n ≥ 2,
 * each thread evaluates its shard with a plan of its own, and the combined gradient updates the
 * parameters in plain loops. Nothing is allocated per step. A NaN or ∞ (in the cost, a gradient, a
 * parameter or the epoch's mean cost) stops training with a {@link TrainingDivergedException}. An
 * optimiser is immutable; runs do not share state.
 */
public final class MiniBatchGradientDescent {
  static final String NAME = "mini-batch gradient descent";

  private final LearningRateSchedule schedule;
  private final int batchSize;
  private final int epochs;
  private final long seed;
  private final double momentum;
  private final boolean shuffle;
  private final boolean dropLastPartialBatch;
  private final double weightDecay;
  private final ImmutableList<Variable> decayed;
  private final int parallelism;

  private MiniBatchGradientDescent(Builder b) {
    this.schedule = Hyperparameters.schedule(b.learningRate, b.schedule);
    checkArgument(b.batchSize >= 1, "batch size m must be at least 1, got %s", b.batchSize);
    this.batchSize = b.batchSize;
    checkArgument(b.epochs >= 1, "number of epochs must be at least 1, got %s", b.epochs);
    this.epochs = b.epochs;
    this.seed = b.seed;
    this.momentum = Hyperparameters.momentum(b.momentum);
    this.shuffle = b.shuffle;
    this.dropLastPartialBatch = b.dropLastPartialBatch;
    this.weightDecay = Hyperparameters.weightDecay(b.weightDecay);
    this.decayed = b.decayed;
    checkArgument(b.parallelism >= 1, "parallelism n must be at least 1 (one thread), got %s", b.parallelism);
    checkArgument(b.parallelism <= b.batchSize, "parallelism n = %s exceeds the batch size m = %s: each thread evaluates "
        + "at least one row of a batch, so at most %s threads can share one", b.parallelism, b.batchSize, b.batchSize);
    this.parallelism = b.parallelism;
  }

  /** A builder; learning rate, batch size and epochs are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@link #train(Expr, Variable, Variable, Map, Dataset, TrainingListener)} without a listener. */
  public TrainingResult train(Expr cost, Variable x, Variable y, Map<Variable, Tensor> initial, Dataset data) {
    return train(cost, x, y, initial, data, TrainingListener.none());
  }

  /**
   * Trains the parameters in {@code initial} on {@code data}.
   *
   * @param cost a scalar: the mean cost over the rows bound to {@code x} and {@code y}
   * @param x the input variable; each batch binds it to {@code [|B|, d_in]}
   * @param y the target variable; each batch binds it to {@code [|B|, d_out]}
   * @param initial the parameters and their starting values (for {@code Bindings}, pass {@code asMap()})
   * @param data the examples
   * @param listener hears every step and epoch; may record metrics and stop training
   * @return the final parameters, in the order of {@code initial}, and one record per epoch
   * @throws IllegalArgumentException when shapes do not fit, the cost is not a scalar or depends on a
   *     variable that is neither {@code x}, {@code y} nor a parameter
   * @throws TrainingDivergedException when the cost, a gradient or a parameter becomes NaN or infinite
   */
  public TrainingResult train(Expr cost, Variable x, Variable y, Map<Variable, Tensor> initial, Dataset data,
      TrainingListener listener) {
    checkNotNull(x, "input variable x");
    checkNotNull(y, "target variable y");
    checkNotNull(data, "dataset");
    checkNotNull(listener, "listener");
    checkArgument(x != y, "the input and target variables are the same variable '%s'", x.name());
    List<Variable> parameters = TrainingChecks.initialValues(initial);
    Collection<Variable> decay = decayed == null ? parameters : decayed;
    double[] lambdas = Hyperparameters.weightDecay(weightDecay, decay, parameters);
    checkArgument(!parameters.contains(x), "input variable '%s' is also a parameter", x.name());
    checkArgument(!parameters.contains(y), "target variable '%s' is also a parameter", y.name());
    BatchSampler sampler = new BatchSampler(data, batchSize, shuffle, dropLastPartialBatch, seed);
    Bindings[] base = new Bindings[2];
    for (int kind = 0; kind < sampler.sizes().length; kind++) {
      Tensor in = sampler.inputs(kind);
      Tensor target = sampler.targets(kind);
      checkArgument(x.shape().accepts(in.shape()), "input variable '%s' has shape %s but a batch of the dataset's "
          + "inputs %s has shape %s (leave the batch dimension open: Shape.batch)", x.name(), x.shape(),
          data.inputs().shape(), in.shape());
      checkArgument(y.shape().accepts(target.shape()), "target variable '%s' has shape %s but a batch of the "
          + "dataset's targets %s has shape %s", y.name(), y.shape(), data.targets().shape(), target.shape());
      base[kind] = Bindings.of(x, in, y, target);
    }
    TrainingChecks.cost(cost, parameters, List.of(x, y));
    try (BatchSteps steps = parallelism == 1
        ? new FusedSteps(cost, x, initial, data, sampler, base, new UpdateRule(schedule.learningRate(1), momentum),
            weightDecay, decay)
        : new ParallelStep(cost, new ParameterBuffers(initial, momentum, lambdas), sampler, x, y, parallelism)) {
      return new MiniBatchRun(steps, sampler, listener, epochs, schedule).run();
    }
  }

  /** η of the first epoch (the only one, without a {@link Builder#learningRateSchedule schedule}). */
  public double learningRate() {
    return schedule.learningRate(1);
  }

  /** The learning rate of each epoch. */
  public LearningRateSchedule learningRateSchedule() {
    return schedule;
  }

  /** λ of the weight decay (0 for none). */
  public double weightDecay() {
    return weightDecay;
  }

  /** m. */
  public int batchSize() {
    return batchSize;
  }

  /** The number of epochs a run makes unless its listener stops it. */
  public int epochs() {
    return epochs;
  }

  /** n, the number of threads a batch is split over (1 by default). */
  public int parallelism() {
    return parallelism;
  }

  @Override
  public String toString() {
    return String.format("MiniBatchGradientDescent[η=%s, m=%s, epochs=%s, seed=%s, μ=%s, λ=%s, shuffle=%s, dropLast=%s, n=%s]",
        learningRate(), batchSize, epochs, seed, momentum, weightDecay, shuffle, dropLastPartialBatch, parallelism);
  }

  /**
   * Settings for {@link MiniBatchGradientDescent}; {@link #build} validates them.
   *
   * <pre>{@code
   * MiniBatchGradientDescent sgd = MiniBatchGradientDescent.builder()
   *     .learningRate(3.0).batchSize(10).epochs(30).seed(42).build();
   * }</pre>
   */
  public static final class Builder {
    private double learningRate = Double.NaN;
    private int batchSize;
    private int epochs;
    private long seed;
    private double momentum;
    private boolean shuffle = true;
    private boolean dropLastPartialBatch;
    private LearningRateSchedule schedule;
    private double weightDecay;
    private ImmutableList<Variable> decayed; // null: all parameters
    private int parallelism = 1;

    private Builder() {}

    /** η, positive and finite, the same for every epoch. This or {@link #learningRateSchedule} is required. */
    public Builder learningRate(double eta) {
      this.learningRate = eta;
      return this;
    }

    /**
     * η per epoch: {@code schedule.learningRate(e)} is used for every step of epoch {@code e} (from 1), read
     * at the start of the epoch, and must be positive and finite. Instead of {@link #learningRate}.
     *
     * <pre>{@code
     * builder.learningRateSchedule(LearningRateSchedule.stepDecay(0.5, 0.5, 10));   // halve η every 10 epochs
     * }</pre>
     */
    public Builder learningRateSchedule(LearningRateSchedule schedule) {
      this.schedule = checkNotNull(schedule, "learning-rate schedule");
      return this;
    }

    /**
     * L2 regularisation of every parameter: the cost minimised becomes {@code C + ½λ‖v‖²} for each
     * parameter {@code v}, which each step applies by adding {@code λv} to {@code v}'s gradient ("weight
     * decay": without momentum, {@code v → (1 − ηλ)v − η∇C}). λ ≥ 0; default 0. As the cost is a mean over
     * the batch, Nielsen's {@code λ/(2n) Σw²} over {@code n} training examples is {@code λ/n} here.
     */
    public Builder weightDecay(double lambda) {
      this.weightDecay = lambda;
      this.decayed = null;
      return this;
    }

    /**
     * {@link #weightDecay(double)} for the given parameters only: for a network, usually its weights and
     * not its biases.
     *
     * <pre>{@code
     * builder.weightDecay(1e-4, List.of(w1, w2));   // + ½·10⁻⁴(‖w1‖² + ‖w2‖²)
     * }</pre>
     */
    public Builder weightDecay(double lambda, Collection<Variable> parameters) {
      this.weightDecay = lambda;
      this.decayed = ImmutableList.copyOf(parameters);
      return this;
    }

    /** m, at least 1. Required. */
    public Builder batchSize(int m) {
      this.batchSize = m;
      return this;
    }

    /** The number of passes over the data, at least 1. Required. */
    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /** The shuffling generator's seed; default 0. The same seed gives a bit-identical run. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** μ in [0, 1); default 0 (no momentum). */
    public Builder momentum(double mu) {
      this.momentum = mu;
      return this;
    }

    /** Whether each epoch shuffles the examples; default true. Without, batches follow the dataset's order. */
    public Builder shuffle(boolean shuffle) {
      this.shuffle = shuffle;
      return this;
    }

    /** Whether to skip an epoch's smaller last batch when {@code m} does not divide {@code N}; default false. */
    public Builder dropLastPartialBatch(boolean drop) {
      this.dropLastPartialBatch = drop;
      return this;
    }

    /**
     * Splits each batch over {@code n} threads (data parallelism); default 1, one thread. A batch's rows
     * are cut into n shards of consecutive rows, as equal as possible; each thread evaluates the cost and
     * its gradient over its shard with a compiled plan of its own, and the shards are combined in a fixed
     * order as the weighted sum {@code ∇C = Σ_s (r_s/|B|) ∇C_s} (shard {@code s} has {@code r_s} of the
     * batch's rows, and {@code ∇C_s} is the gradient of its own mean). So the step is the batch mean's,
     * up to the rounding of the summation order, and the same seed and the same n give a bit-identical
     * run (a different n rounds differently). The n − 1 extra threads are started once per run and
     * stopped when it ends, normally or not.
     *
     * <p>1 ≤ n ≤ m: every thread needs at least one row of a batch. A smaller last batch of fewer than n
     * rows is split one row per thread, and the threads left over skip that step. More threads than cores
     * only adds hand-off time. With n = 1 the step is the fused {@link dev.nabla.autodiff.eval.TrainingStep};
     * n ≥ 2 does not use it (each thread runs a plan, and the combined gradient updates the parameters in
     * plain loops), so on a machine of few cores n ≥ 2 is slower than the default: on 2 cores, 8 – 10× at
     * batch 10 and 1.6 – 2.8× at batch 100 and 1,000 (README, "Local data parallelism").
     *
     * <pre>{@code
     * builder.batchSize(100).parallelism(2);   // each batch of 100 as two shards of 50, on two threads
     * }</pre>
     */
    public Builder parallelism(int n) {
      this.parallelism = n;
      return this;
    }

    /**
     * The optimiser.
     *
     * @throws IllegalArgumentException naming the setting and its value when one is out of range
     * @throws IllegalStateException when neither or both of the learning rate and its schedule were set
     */
    public MiniBatchGradientDescent build() {
      return new MiniBatchGradientDescent(this);
    }
  }
}
