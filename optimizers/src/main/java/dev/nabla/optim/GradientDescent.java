package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.Doubles;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.NonFiniteValueException;
import dev.nabla.autodiff.eval.TrainingStep;
import dev.nabla.autodiff.eval.UpdateRule;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Plain (full-batch) gradient descent on any scalar cost over any set of variables: the seeds' rule
 * {@code v → v′ = v − η∇C}, applied to all parameters at once and repeated until a stopping rule
 * holds. With momentum {@code μ > 0} it is the seeds' ball that has momentum: {@code u → μu − η∇C, v →
 * v + u}, with the velocity {@code u} starting at zero.
 *
 * <p>A run stops after {@link Builder#maxSteps} updates, or earlier when ‖∇C‖ falls below {@link
 * Builder#gradientTolerance} or the change of C over one step falls below {@link
 * Builder#costChangeTolerance} (both off unless set). The cost, its gradients and the update are
 * compiled once per run as one {@link dev.nabla.autodiff.eval.TrainingStep} that keeps the gradients
 * (for ‖∇C‖) and updates the parameters in place. Each step also saves a copy of every parameter (and
 * velocity) before its update and scans them after it, so that a divergence reports the last finite
 * values: cheap for the small problems plain descent is for, a pass over the parameters per step on large
 * ones (use {@link MiniBatchGradientDescent} there).
 *
 * <pre>{@code
 * Variable v = variable("v", 2);
 * Expr c = sum(mul(constant(Tensor.of(1, 2)), square(v)));           // C(v) = v₁² + 2v₂²
 * MinimizationResult r = GradientDescent.builder()
 *     .learningRate(0.1).maxSteps(500).gradientTolerance(1e-10).build()
 *     .minimize(c, Map.of(v, Tensor.of(1, 1)));
 * r.parameters().get(v);   // ≈ [0, 0]
 * }</pre>
 *
 * <p>If C, a gradient or a parameter becomes NaN or ∞, {@link #minimize} throws a {@link
 * TrainingDivergedException} naming the step and holding the last finite parameters. An optimiser is
 * immutable and may be reused for any number of runs.
 */
public final class GradientDescent {
  static final String NAME = "gradient descent";

  private final UpdateRule rule;
  private final int maxSteps;
  private final double gradientTolerance;
  private final double costChangeTolerance;

  private GradientDescent(Builder b) {
    this.rule = new UpdateRule(Hyperparameters.learningRate(b.learningRate), b.momentum);
    checkArgument(b.maxSteps >= 1, "maximum number of steps must be at least 1, got %s", b.maxSteps);
    this.maxSteps = b.maxSteps;
    this.gradientTolerance = Hyperparameters.tolerance("gradient tolerance", b.gradientTolerance);
    this.costChangeTolerance = Hyperparameters.tolerance("cost-change tolerance", b.costChangeTolerance);
  }

  /** A builder; {@link Builder#learningRate} is required, everything else has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Minimises {@code cost}, which may depend only on the parameters. See {@link #minimize(Expr, Map, Bindings, StepListener)}. */
  public MinimizationResult minimize(Expr cost, Map<Variable, Tensor> initial) {
    return minimize(cost, initial, Bindings.empty(), StepListener.NONE);
  }

  /** Minimises {@code cost} with other variables (data, constants) held at {@code fixed}. */
  public MinimizationResult minimize(Expr cost, Map<Variable, Tensor> initial, Bindings fixed) {
    return minimize(cost, initial, fixed, StepListener.NONE);
  }

  /**
   * Minimises {@code cost} over the variables in {@code initial}, starting from their values there.
   *
   * @param cost a scalar expression
   * @param initial the parameters and their starting values, in the order the result keeps
   * @param fixed values for every other variable the cost depends on; not changed
   * @param listener called with C and ‖∇C‖ at the start and after every step
   * @return the final parameters and the history of C and ‖∇C‖
   * @throws IllegalArgumentException when the cost is not a scalar, depends on an unbound variable,
   *     or an initial or fixed value does not fit its variable or is not finite
   * @throws TrainingDivergedException when C, ∇C or a parameter becomes NaN or infinite
   */
  public MinimizationResult minimize(Expr cost, Map<Variable, Tensor> initial, Bindings fixed, StepListener listener) {
    checkNotNull(fixed, "fixed bindings");
    checkNotNull(listener, "listener");
    List<Variable> parameters = TrainingChecks.initialValues(initial);
    for (Variable v : parameters) {
      checkArgument(fixed.get(v).isEmpty(), "variable '%s' is both a parameter and fixed", v.name());
    }
    fixed.asMap().forEach((v, t) -> checkArgument(t.isFinite(),
        "fixed variable '%s' %s contains NaN or infinity", v.name(), t.shape()));
    TrainingChecks.cost(cost, parameters, fixed.asMap().keySet());
    TrainingStep step = TrainingStep.builder(cost, initial).rule(rule).keepGradients(true).build();
    // a checkpoint before every update: the values to fall back on when the update itself overflows
    StepState params = new StepState(step, n -> {});
    double eta = rule.learningRate();
    double[] costs = new double[Math.min(maxSteps, 1 << 16) + 1]; // grown if needed; boxed only at the end
    double[] norms = new double[costs.length];
    long start = System.nanoTime();
    for (int k = 0; ; k++) {
      double c;
      try {
        c = step.evaluate(fixed);
      } catch (NonFiniteValueException e) {
        throw Divergence.diagnose(NAME, params, 0, k, k, eta, e);
      }
      double norm = step.gradientNorm();
      if (k == costs.length) {
        costs = Arrays.copyOf(costs, Math.min(2 * k, maxSteps + 1));
        norms = Arrays.copyOf(norms, costs.length);
      }
      costs[k] = c;
      norms[k] = norm;
      listener.onStep(k, c, norm, System.nanoTime() - start);
      StopReason reason = stopReason(k, c, norm, costs);
      if (reason != null) {
        return new MinimizationResult(params.snapshot(), Doubles.asList(Arrays.copyOf(costs, k + 1)),
            Doubles.asList(Arrays.copyOf(norms, k + 1)), k, reason);
      }
      params.checkpoint(k);
      step.update();
      if (params.firstNonFinite() >= 0) { // a scan per step: plain descent is for small problems
        throw Divergence.diagnose(NAME, params, 0, k + 1, k + 1, eta, null);
      }
    }
  }

  private StopReason stopReason(int step, double cost, double norm, double[] costs) {
    if (norm < gradientTolerance) {
      return StopReason.GRADIENT_NORM_BELOW_TOLERANCE;
    }
    if (step > 0 && Math.abs(cost - costs[step - 1]) < costChangeTolerance) {
      return StopReason.COST_CHANGE_BELOW_TOLERANCE;
    }
    return step == maxSteps ? StopReason.MAX_STEPS : null;
  }

  /** η. */
  public double learningRate() {
    return rule.learningRate();
  }

  /** μ (0 without momentum). */
  public double momentum() {
    return rule.momentum();
  }

  /** The most updates a run makes. */
  public int maxSteps() {
    return maxSteps;
  }

  @Override
  public String toString() {
    return String.format("GradientDescent[η=%s, μ=%s, maxSteps=%s, gradientTolerance=%s, costChangeTolerance=%s]",
        rule.learningRate(), rule.momentum(), maxSteps, tolerance(gradientTolerance), tolerance(costChangeTolerance));
  }

  private static String tolerance(double t) {
    return Double.isNaN(t) ? "off" : Double.toString(t);
  }

  /**
   * Settings for {@link GradientDescent}; {@link #build} validates them.
   *
   * <pre>{@code
   * GradientDescent gd = GradientDescent.builder().learningRate(0.05).momentum(0.9).maxSteps(2000).build();
   * }</pre>
   */
  public static final class Builder {
    private double learningRate = Double.NaN;
    private double momentum = 0;
    private int maxSteps = 1000;
    private Double gradientTolerance; // null: rule off
    private Double costChangeTolerance;

    private Builder() {}

    /** η, positive and finite. Required. */
    public Builder learningRate(double eta) {
      this.learningRate = eta;
      return this;
    }

    /** μ in [0, 1); 0 (the default) is plain gradient descent. */
    public Builder momentum(double mu) {
      this.momentum = mu;
      return this;
    }

    /** The most updates to make; default 1000. */
    public Builder maxSteps(int steps) {
      this.maxSteps = steps;
      return this;
    }

    /** Stop once ‖∇C‖ is below {@code tolerance} (positive); off by default. */
    public Builder gradientTolerance(double tolerance) {
      this.gradientTolerance = tolerance;
      return this;
    }

    /** Stop once one step changes C by less than {@code tolerance} (positive, absolute); off by default. */
    public Builder costChangeTolerance(double tolerance) {
      this.costChangeTolerance = tolerance;
      return this;
    }

    /**
     * The optimiser.
     *
     * @throws IllegalArgumentException naming the setting and its value when one is out of range
     * @throws IllegalStateException when the learning rate was not set
     */
    public GradientDescent build() {
      return new GradientDescent(this);
    }
  }
}
