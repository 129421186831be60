package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.nabla.autodiff.eval.UpdateRule;
import dev.nabla.autodiff.graph.Variable;
import java.util.Collection;
import java.util.List;

/**
 * The checks every optimiser applies to its settings, with one wording: this package's and the Spark
 * trainer's ({@code dev.nabla.spark}). Each returns the value it was given when it is valid. η's and μ's
 * are {@link UpdateRule}'s, which a {@link dev.nabla.autodiff.eval.TrainingStep} applies too.
 *
 * <pre>{@code
 * this.learningRate = Hyperparameters.learningRate(builder.learningRate);   // "learning rate η must be positive …"
 * }</pre>
 */
public final class Hyperparameters {
  private Hyperparameters() {}

  /**
   * η must have been set ({@code NaN} means not set) and be positive and finite.
   *
   * @throws IllegalStateException when it is {@code NaN}: "learning rate η is not set: call learningRate(η) on the builder"
   * @throws IllegalArgumentException otherwise when it is out of range
   */
  public static double learningRate(double eta) {
    checkState(!Double.isNaN(eta), "learning rate η is not set: call learningRate(η) on the builder");
    return UpdateRule.checkLearningRate(eta);
  }

  /**
   * The schedule of a builder that takes either a constant η or a schedule: {@code schedule}, or the
   * constant {@code learningRate} when it is null.
   *
   * @throws IllegalStateException when both or neither were set ({@code learningRate} NaN means not set)
   * @throws IllegalArgumentException when η is out of range, or the schedule's η for epoch 1 is
   */
  public static LearningRateSchedule schedule(double learningRate, LearningRateSchedule schedule) {
    checkState(schedule == null || Double.isNaN(learningRate),
        "both learningRate(%s) and learningRateSchedule were set; set one of them", learningRate);
    LearningRateSchedule s = schedule != null ? schedule : LearningRateSchedule.constant(learningRate(learningRate));
    scheduledLearningRate(s.learningRate(1), 1);
    return s;
  }

  /**
   * The η a {@link LearningRateSchedule} gave for {@code epoch} must be positive and finite.
   *
   * @throws IllegalArgumentException naming the epoch and the value otherwise
   */
  public static double scheduledLearningRate(double eta, int epoch) {
    checkArgument(eta > 0 && eta < Double.POSITIVE_INFINITY,
        "the learning-rate schedule gave η = %s for epoch %s; it must be positive and finite", eta, (Object) epoch);
    return eta;
  }

  /**
   * μ must be in [0, 1): with μ ≥ 1 the velocity never decays.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static double momentum(double mu) {
    return UpdateRule.checkMomentum(mu);
  }

  /**
   * The weight decay λ must be zero (none) or positive, and finite.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static double weightDecay(double lambda) {
    checkArgument(lambda >= 0 && lambda < Double.POSITIVE_INFINITY,
        "weight decay λ must be zero or positive and finite, got %s", lambda);
    return lambda;
  }

  /**
   * λ for each of {@code parameters}, in order: {@code lambda} for those in {@code decayed} (by identity),
   * 0 for the others.
   *
   * @throws IllegalArgumentException when λ is out of range or a variable in {@code decayed} is not one of
   *     the parameters
   */
  public static double[] weightDecay(double lambda, Collection<Variable> decayed, List<Variable> parameters) {
    weightDecay(lambda);
    double[] perParameter = new double[parameters.size()];
    for (Variable v : decayed) {
      checkNotNull(v, "a weight-decay variable is null");
      int i = 0;
      while (i < parameters.size() && parameters.get(i) != v) {
        i++;
      }
      checkArgument(i < parameters.size(), "weight decay is set for '%s' %s, which is not one of the parameters %s",
          v.name(), v.shape(), parameters.stream().map(Variable::name).toList());
      perParameter[i] = lambda;
    }
    return perParameter;
  }

  /** A stopping tolerance: {@code null} turns the rule off ({@code NaN}); otherwise positive and finite. */
  static double tolerance(String what, Double tolerance) {
    if (tolerance == null) {
      return Double.NaN;
    }
    checkArgument(tolerance > 0 && tolerance < Double.POSITIVE_INFINITY,
        "%s must be positive and finite, got %s", what, tolerance);
    return tolerance;
  }
}
