package dev.nabla.autodiff.eval;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import dev.nabla.autodiff.diff.Gradients;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.kernel.Kernels;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A training step compiled as one program: the cost, its gradient and the update {@code v → v − η∇C}
 * (or with momentum {@code u → μu − η∇C, v → v + u}) of every parameter, for any scalar cost, with L2
 * weight decay on the parameters chosen ({@link Builder#weightDecay}) and an η that may change between
 * steps ({@link #setLearningRate}). The step owns its parameters: they live in buffers it chose the
 * layout of (donated, as JAX's {@code donate_argnums} donates a function's arguments), and every {@link
 * #run} updates them in place.
 *
 * <pre>{@code
 * TrainingStep step = TrainingStep.builder(cost, Map.of(w1, w1Start, b1, b1Start, w2, w2Start, b2, b2Start))
 *     .rule(UpdateRule.gradientDescent(3.0)).sparseInput(x, batchRows).build();
 * for (each batch) {
 *   double c = step.run(Bindings.of(x, batch, y, targets));   // C at the parameters before the update
 * }
 * Map<Variable, Tensor> trained = step.parameters();             // copies, in the caller's shapes
 * }</pre>
 *
 * <p><b>What it compiles.</b> The cost and its gradients go through a {@link Plan}'s program (fused
 * layers, fused activation backward passes), and the step adds:
 * <ul>
 *   <li><b>layouts</b> ({@link StepLayout}): a weight that only products read is kept packed
 *       ({@link dev.nabla.autodiff.kernel.PackedMatrix}: input-major, rows padded to whole vectors and aligned where the JVM
 *       allows), converted at the boundary, so the caller's tensors keep their shapes;
 *   <li><b>the update fused into the weight gradient</b>: for a weight whose gradient is a product
 *       {@code AᵀG}, the step adds {@code −η·AᵀG} into the weight one example at a time and never
 *       stores the gradient (which for a [784, 30] layer is as large as the weight);
 *   <li><b>inputs whose non-zeros are kept with the data</b> ({@link Builder#sparseInput}), read by the
 *       layer's product and by its fused update instead of scanning the input on every step.
 * </ul>
 * The arithmetic is the gradient's, reordered: the fused update adds {@code −η·aᵢgᵢ} example by example
 * rather than {@code −η·Σaᵢgᵢ} once, which moves results by rounding only. The same seed and the same
 * kernels give the same bits on every run.
 *
 * <p><b>Divergence.</b> Before any parameter changes, {@link #evaluate} checks the cost and every value
 * the updates will read; if one is NaN or infinite it throws a {@link NonFiniteValueException} naming
 * the first node that produced it, and the parameters are still those before the step. An update can
 * still overflow from finite values (only with an absurd η); the step does not scan every parameter
 * after every update, which would cost as much as the update: {@link #firstNonFiniteParameter} does,
 * and a caller runs it once per epoch. To fall back on finite values, a caller saves them with {@link
 * #checkpoint} ({@code MiniBatchGradientDescent} does at the end of each epoch, {@code GradientDescent}
 * before each update) and returns to them with {@link
 * #restoreCheckpoint}; the same data replayed from there gives the same bits.
 *
 * <p>One step serves one thread at a time, like a plan.
 */
public final class TrainingStep {
  private final Kernels kernels;
  private UpdateRule rule;
  private final ImmutableList<Variable> parameters;
  private final List<StepLayout.Choice> choices;
  private final StepProgram program;
  private final Schedule schedule;
  private final Program.Layouts layouts;
  private final boolean keepGradients;
  private final StepParameters values;
  /** The bound values of a run in schedule-variable order, parameters in place (packed ones null). */
  private final Tensor[] bound;
  private final int[] dataIndex;
  private final List<Variable> dataVariables = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private StepProgram.Compiled last;
  private boolean evaluated;
  private double gradientNorm = Double.NaN;

  private TrainingStep(Builder b) {
    this.kernels = b.kernels;
    this.rule = b.rule;
    this.keepGradients = b.keepGradients;
    Map<Variable, SparseRows> sparse = Map.copyOf(b.sparse);
    this.parameters = ImmutableList.copyOf(b.initial.keySet());
    List<Shape> shapes = new ArrayList<>();
    for (Map.Entry<Variable, Tensor> e : b.initial.entrySet()) {
      shapes.add(e.getValue().shape());
    }
    List<Expr> gradients = Gradients.of(b.cost, parameters);
    this.choices = StepLayout.choose(b.cost, parameters, shapes, gradients, keepGradients);
    double[] decay = new double[parameters.size()];
    b.decay.forEach((v, lambda) -> decay[parameters.indexOf(v)] = lambda);
    this.values = new StepParameters(choices, rule.hasMomentum(), decay);
    this.program = new StepProgram(b.cost, choices, values, sparse);
    this.schedule = program.schedule;
    this.layouts = program.layouts;
    this.bound = new Tensor[schedule.variableSlots.length];
    this.dataIndex = new int[bound.length];
    for (int k = 0; k < bound.length; k++) {
      Variable v = schedule.variables.get(k);
      int p = parameters.indexOf(v);
      dataIndex[k] = p < 0 ? dataVariables.size() : -1;
      if (p < 0) {
        dataVariables.add(v);
      } else {
        bound[k] = values.view(p); // null for a packed parameter, which the program reads itself
      }
    }
    for (Variable v : b.sparse.keySet()) {
      checkArgument(dataVariables.contains(v), "sparseInput: the cost reads no data variable '%s'; it reads %s",
          v.name(), names(dataVariables));
    }
    setParameters(b.initial);
  }

  /**
   * Whether a run reads the values bound to data variable {@code x}. It does not when {@code x} was
   * given {@link Builder#sparseInput} rows and every product that reads it takes them from there: then
   * {@code x} must still be bound, to a tensor of the batch's shape, but its values need not be filled
   * (an optimiser saves copying the batch), and they are not checked against the rows.
   */
  public boolean readsValuesOf(Variable x) {
    return !layouts.valuesUnread().contains(x);
  }

  /**
   * A builder for a step over {@code cost} (a scalar) that trains the parameters in {@code initial},
   * starting from those values; every other variable the cost reads is data, bound at each run.
   *
   * @throws IllegalArgumentException when the cost is not a scalar, or an initial value is missing, does not
   *     fit its parameter or is not finite ({@link #checkInitialValues})
   */
  public static Builder builder(Expr cost, Map<Variable, Tensor> initial) {
    return new Builder(cost, initial);
  }

  /** The parameters, in the order of the initial values. */
  public List<Variable> parameterVariables() {
    return parameters;
  }

  /** The variables each run must bind: everything the cost reads apart from the parameters. */
  public List<Variable> dataVariables() {
    return List.copyOf(dataVariables);
  }

  /** The update rule (η, μ) the next update applies. */
  public UpdateRule rule() {
    return rule;
  }

  /**
   * Sets η for the updates from now on (a learning-rate schedule's value for the next epoch, say); μ is
   * unchanged.
   *
   * @throws IllegalArgumentException when {@code eta} is not positive and finite
   */
  public void setLearningRate(double eta) {
    rule = rule.withLearningRate(eta);
  }

  /**
   * One step: {@link #evaluate} then {@link #update}. Returns the cost at the parameters before the update.
   *
   * @throws NonFiniteValueException when the cost or a value the update needs is NaN or infinite (the
   *     parameters are then unchanged)
   */
  public double run(Bindings data) {
    double cost = evaluate(data);
    update();
    return cost;
  }

  /**
   * The cost and everything the update needs at the current parameters, without changing them; {@link
   * #update} then applies it. Returns the cost (of the cost expression only: a {@link Builder#weightDecay}
   * term is applied by the update and not added to it). Between this call and {@link #update}, leave the
   * bound data and an input's kept non-zeros ({@link Builder#sparseInput}) as they are: a fused update
   * reads them when it runs.
   *
   * @throws IllegalArgumentException when a data variable is unbound, or bound to a value whose shape
   *     does not fit
   * @throws NonFiniteValueException when the cost or a value the update reads is NaN or infinite
   */
  public double evaluate(Bindings data) {
    enter();
    try {
      for (int k = 0; k < bound.length; k++) {
        if (dataIndex[k] >= 0) {
          Variable v = schedule.variables.get(k);
          Tensor t = data.valueOf(v);
          if (t == null) {
            throw Evaluator.unbound(v, data);
          }
          bound[k] = t;
        }
      }
      if (last == null || !last.program.fits(bound)) {
        last = program.forShapes(shapes(), kernels, values);
      }
      evaluated = false;
      last.program.run(bound);
      for (int slot : last.checked) {
        if (!last.program.value(slot).isFinite()) {
          throw program.diagnose(data, parameters(), slot);
        }
      }
      if (keepGradients) {
        gradientNorm = norm(last.program);
      }
      evaluated = true;
      return last.program.outs[0].item();
    } finally {
      running.set(false);
    }
  }

  /**
   * Applies the update computed by the last {@link #evaluate} to the parameters, in place. The data that
   * evaluation was bound to must not have changed since (see {@link #evaluate}).
   *
   * @throws IllegalStateException when there is no evaluation to apply (none yet, or it failed, or it
   *     was applied already)
   */
  public void update() {
    enter();
    try {
      checkState(evaluated, "TrainingStep.update: call evaluate first (each evaluation is applied once)");
      evaluated = false;
      last.applyUpdates(rule);
    } finally {
      running.set(false);
    }
  }

  /**
   * ‖∇C‖ at the parameters of the last {@link #evaluate}: the Euclidean norm of all gradients together.
   *
   * @throws IllegalStateException unless the step was built with {@link Builder#keepGradients}
   */
  public double gradientNorm() {
    checkState(keepGradients, "TrainingStep.gradientNorm: build the step with keepGradients(true) (a fused update "
        + "never stores the gradient)");
    return gradientNorm;
  }

  private double norm(Program program) {
    double sum = 0;
    for (int k = 1; k < program.outs.length; k++) {
      for (double g : program.outs[k].rawData()) {
        sum += g * g;
      }
    }
    return Math.sqrt(sum);
  }

  private void enter() {
    if (!running.compareAndSet(false, true)) {
      throw new IllegalStateException("TrainingStep: this step is already running in another thread; it owns its "
          + "buffers, so give each thread its own step");
    }
  }

  /** The shapes of the bound values, in schedule-variable order: parameters have their own. */
  private Shape[] shapes() {
    Shape[] shapes = new Shape[bound.length];
    for (int k = 0; k < bound.length; k++) {
      int p = parameters.indexOf(schedule.variables.get(k));
      shapes[k] = p >= 0 ? choices.get(p).shape() : bound[k].shape();
    }
    return shapes;
  }

  /** The current parameters, copied into the caller's shapes, in the order of the initial values. */
  public Map<Variable, Tensor> parameters() {
    return values.snapshot();
  }

  /**
   * Replaces the parameters' values (all of them, each of its parameter's shape, finite) and sets the
   * velocity to zero.
   *
   * @throws IllegalArgumentException naming the parameter when a value is missing, of another shape, or not finite
   */
  public void setParameters(Map<Variable, Tensor> newValues) {
    values.set(newValues);
    evaluated = false;
  }

  /**
   * Saves the parameters and their velocities inside the step, to return to with {@link
   * #restoreCheckpoint}: an optimiser keeps the last finite values this way. One copy of every parameter
   * (allocated on the first call, reused after).
   */
  public void checkpoint() {
    values.checkpoint();
  }

  /**
   * Makes the parameters and velocities saved by the last {@link #checkpoint} current again (an
   * evaluation not yet applied is dropped).
   *
   * @throws IllegalStateException when there is no checkpoint
   */
  public void restoreCheckpoint() {
    checkState(values.hasCheckpoint(), "TrainingStep.restoreCheckpoint: no checkpoint was saved; call checkpoint() first");
    values.restore();
    evaluated = false;
  }

  /** The first parameter holding a NaN or an infinity (an O(size) scan), or null when all are finite. */
  public Variable firstNonFiniteParameter() {
    return values.firstNonFinite();
  }

  /** The program of the most recent data shapes, as {@link Plan#toString} lists it, with the updates. */
  @Override
  public String toString() {
    if (last == null) {
      return "{ training step over " + names(parameters) + ", not yet run }";
    }
    return last.program.listing() + values.describeUpdates(schedule);
  }

  private static List<String> names(List<Variable> vs) {
    return vs.stream().map(Variable::name).toList();
  }

  /**
   * The checks {@link Builder#build} applies to a cost and the parameters it trains, for an optimiser
   * that compiles the cost another way (a plan per thread, say) and wants the same errors: the cost is a
   * scalar, and it contains every parameter (training could not change one it does not contain: usually
   * a mistake in building the cost).
   *
   * @throws IllegalArgumentException naming the shape, or the parameter and the cost's variables, otherwise
   */
  public static void checkCost(Expr cost, java.util.Collection<Variable> parameters) {
    checkNotNull(cost, "cost");
    checkArgument(cost.shape().isScalar(), "the cost must be a scalar (reduce it with sum or mean), but it has shape %s",
        cost.shape());
    List<Variable> inCost = dev.nabla.autodiff.graph.Graph.variables(List.of(cost));
    for (Variable v : parameters) {
      checkArgument(inCost.stream().anyMatch(c -> c == v), "the cost does not contain parameter '%s' %s, so training "
          + "could not change it; the cost's variables are %s", v.name(), v.shape(), names(inCost));
    }
  }

  /**
   * The checks {@link #builder} applies to initial values, for an optimiser that compiles another way and
   * wants the same errors: at least one parameter, no null, and each value finite and of its variable's
   * shape.
   *
   * @throws IllegalArgumentException naming the parameter, its shape and the value's, otherwise
   * @throws NullPointerException naming what is null
   */
  public static void checkInitialValues(Map<Variable, Tensor> initial) {
    checkNotNull(initial, "initial parameter values");
    checkArgument(!initial.isEmpty(), "no parameters to train: the map of initial values is empty");
    for (Map.Entry<Variable, Tensor> e : initial.entrySet()) {
      Variable v = checkNotNull(e.getKey(), "a parameter variable is null");
      Tensor t = checkNotNull(e.getValue(), "initial value of parameter '%s' is null", v.name());
      checkArgument(v.shape().accepts(t.shape()), "parameter '%s' has shape %s but its initial value has shape %s",
          v.name(), v.shape(), t.shape());
      checkArgument(t.isFinite(), "initial value of parameter '%s' %s contains NaN or infinity", v.name(), t.shape());
    }
  }

  /** Settings for a {@link TrainingStep}; {@link #build} compiles it. */
  public static final class Builder {
    private final Expr cost;
    private final Map<Variable, Tensor> initial;
    private UpdateRule rule;
    private Kernels kernels;
    private boolean keepGradients;
    private final Map<Variable, SparseRows> sparse = new LinkedHashMap<>();
    private final Map<Variable, Double> decay = new java.util.IdentityHashMap<>();

    private Builder(Expr cost, Map<Variable, Tensor> initial) {
      this.cost = checkNotNull(cost, "cost");
      checkCost(cost, List.of());
      checkInitialValues(initial);
      this.initial = new LinkedHashMap<>(initial);
    }

    /** How the parameters move: η and μ. Required. */
    public Builder rule(UpdateRule rule) {
      this.rule = checkNotNull(rule, "update rule");
      return this;
    }

    /** The kernels to use; default {@link Kernels#get()}. */
    public Builder kernels(Kernels kernels) {
      this.kernels = checkNotNull(kernels, "kernels");
      return this;
    }

    /**
     * Whether to compute and keep the gradients (for {@link TrainingStep#gradientNorm}), instead of fusing
     * weight updates into their products; default false.
     */
    public Builder keepGradients(boolean keep) {
      this.keepGradients = keep;
      return this;
    }

    /**
     * L2 regularisation of the given parameters: the cost trained becomes {@code C + ½λ‖v‖²} for each
     * {@code v} in {@code parameters}, which the update applies by adding {@code λv} to the gradient
     * ({@code v → (1 − ηλ)v − η∇C} without momentum), also where the update is fused into the gradient's
     * product. λ ≥ 0; a later call for the same parameter replaces its λ. The cost that {@link
     * TrainingStep#run} returns is still {@code C}, without the ½λ‖v‖² term.
     *
     * <pre>{@code
     * builder.weightDecay(1e-4, List.of(w1, w2));   // the weights, not the biases
     * }</pre>
     *
     * @throws IllegalArgumentException when λ is negative or not finite
     */
    public Builder weightDecay(double lambda, java.util.Collection<Variable> parameters) {
      checkArgument(lambda >= 0 && lambda < Double.POSITIVE_INFINITY,
          "weight decay λ must be zero or positive and finite, got %s", lambda);
      for (Variable v : checkNotNull(parameters, "weight-decay parameters")) {
        decay.put(checkNotNull(v, "a weight-decay variable is null"), lambda);
      }
      return this;
    }

    /**
     * Reads the non-zeros of the value bound to data variable {@code x} from {@code rows}, which the
     * caller refills with the same rows before every run ({@link SparseRows#gather}).
     */
    public Builder sparseInput(Variable x, SparseRows rows) {
      sparse.put(checkNotNull(x, "variable"), checkNotNull(rows, "sparse rows"));
      return this;
    }

    /**
     * The compiled step.
     *
     * @throws IllegalStateException when no update rule was given
     * @throws IllegalArgumentException when the cost does not contain a parameter (training could not change
     *     it: usually a mistake in building the cost), or weight decay is set for a variable that is not a
     *     parameter
     */
    public TrainingStep build() {
      checkState(rule != null, "TrainingStep: no update rule; call rule(UpdateRule.gradientDescent(η))");
      if (kernels == null) {
        kernels = Kernels.get();
      }
      checkCost(cost, initial.keySet());
      for (Variable v : decay.keySet()) {
        checkArgument(initial.containsKey(v), "weight decay is set for '%s' %s, which is not one of the parameters %s",
            v.name(), v.shape(), names(List.copyOf(initial.keySet())));
      }
      return new TrainingStep(this);
    }
  }
}
