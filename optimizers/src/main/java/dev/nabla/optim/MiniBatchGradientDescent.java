package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.NonFiniteValueException;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
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
 * <p>The cost and gradients are differentiated and compiled once per run; a step copies the batch's
 * rows into arrays allocated once, evaluates, and updates the parameters in plain loops over {@code
 * double[]} arrays. A NaN or ∞ stops training with a {@link TrainingDivergedException}. An optimiser
 * is immutable; runs do not share state.
 */
public final class MiniBatchGradientDescent {
  static final String NAME = "mini-batch gradient descent";

  private final double learningRate;
  private final int batchSize;
  private final int epochs;
  private final long seed;
  private final double momentum;
  private final boolean shuffle;
  private final boolean dropLastPartialBatch;

  private MiniBatchGradientDescent(Builder b) {
    this.learningRate = Hyperparameters.learningRate(b.learningRate);
    checkArgument(b.batchSize >= 1, "batch size m must be at least 1, got %s", b.batchSize);
    this.batchSize = b.batchSize;
    checkArgument(b.epochs >= 1, "number of epochs must be at least 1, got %s", b.epochs);
    this.epochs = b.epochs;
    this.seed = b.seed;
    this.momentum = Hyperparameters.momentum(b.momentum);
    this.shuffle = b.shuffle;
    this.dropLastPartialBatch = b.dropLastPartialBatch;
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
    ParameterBuffers params = new ParameterBuffers(initial, learningRate, momentum);
    checkArgument(params.indexOf(x) < 0, "input variable '%s' is also a parameter", x.name());
    checkArgument(params.indexOf(y) < 0, "target variable '%s' is also a parameter", y.name());
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
    CompiledCost compiled = new CompiledCost(cost, params.variables(), List.of(x, y));
    return new Run(compiled, params, sampler, base, listener).run();
  }

  /** The state of one {@link #train} call. */
  private final class Run {
    private final CompiledCost compiled;
    private final ParameterBuffers params;
    private final BatchSampler sampler;
    private final Bindings[] base;
    private final Bindings[][] bindings = new Bindings[2][2]; // [batch kind][buffer parity]
    private final TrainingListener listener;

    Run(CompiledCost compiled, ParameterBuffers params, BatchSampler sampler, Bindings[] base,
        TrainingListener listener) {
      this.compiled = compiled;
      this.params = params;
      this.sampler = sampler;
      this.base = base;
      this.listener = listener;
    }

    TrainingResult run() {
      List<EpochRecord> history = new ArrayList<>(epochs);
      long start = System.nanoTime();
      long listenerNanos = 0;
      int step = 0;
      params.checkpoint(0);
      for (int epoch = 1; epoch <= epochs; epoch++) {
        sampler.startEpoch();
        double costSum = 0;
        int examples = 0;
        for (int batch = 0; batch < sampler.batches(); batch++) {
          step++;
          int size = sampler.fill(batch);
          double cost = step(epoch, step, batch + 1, sampler.kind(batch));
          costSum += cost * size;
          examples += size;
          listener.onStep(epoch, step, cost, System.nanoTime() - start - listenerNanos);
        }
        // the executor checks the cost and gradients at every step; the parameters themselves are
        // checked here, once per epoch, and kept as the fallback for a divergence the cost hid
        if (params.firstNonFinite() >= 0) {
          throw Divergence.diagnose(NAME, params, epoch, step, sampler.batches(), learningRate, null);
        }
        params.checkpoint(step);
        long elapsed = System.nanoTime() - start - listenerNanos;
        double meanCost = costSum / examples;
        long before = System.nanoTime();
        EpochDecision decision = checkNotNull(
            listener.onEpoch(new EpochState(epoch, epochs, step, meanCost, elapsed, params.snapshot())),
            "TrainingListener.onEpoch returned null; return EpochDecision.proceed()");
        listenerNanos += System.nanoTime() - before;
        history.add(new EpochRecord(epoch, step, meanCost, elapsed, decision.metrics()));
        if (decision.stopTraining()) {
          return new TrainingResult(params.snapshot(), history, step, epoch < epochs);
        }
      }
      return new TrainingResult(params.snapshot(), history, step, false);
    }

    /** Evaluates the filled batch at the current parameters, updates them, and returns the batch cost. */
    private double step(int epoch, int step, int stepInEpoch, int kind) {
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
        throw Divergence.diagnose(NAME, params, epoch, step - 1, stepInEpoch - 1, learningRate, e);
      }
      params.update(out, 1);
      return out.get(0).item();
    }
  }

  /** η. */
  public double learningRate() {
    return learningRate;
  }

  /** m. */
  public int batchSize() {
    return batchSize;
  }

  /** The number of epochs a run makes unless its listener stops it. */
  public int epochs() {
    return epochs;
  }

  @Override
  public String toString() {
    return String.format("MiniBatchGradientDescent[η=%s, m=%s, epochs=%s, seed=%s, μ=%s, shuffle=%s, dropLast=%s]",
        learningRate, batchSize, epochs, seed, momentum, shuffle, dropLastPartialBatch);
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

    private Builder() {}

    /** η, positive and finite. Required. */
    public Builder learningRate(double eta) {
      this.learningRate = eta;
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
     * The optimiser.
     *
     * @throws IllegalArgumentException naming the setting and its value when one is out of range
     * @throws IllegalStateException when the learning rate was not set
     */
    public MiniBatchGradientDescent build() {
      return new MiniBatchGradientDescent(this);
    }
  }
}
