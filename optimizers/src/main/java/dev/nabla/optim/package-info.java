/**
 * Gradient descent for any scalar cost over any set of variables, not only networks.
 *
 * <ul>
 *   <li>{@link dev.nabla.optim.GradientDescent}: plain (full-batch) gradient descent, the seeds' {@code
 *       v → v′ = v − η∇C} repeated for a number of steps or until ‖∇C‖ or the change in C falls below a
 *       tolerance; returns the final parameters and the history of C and ‖∇C‖ ({@link
 *       dev.nabla.optim.MinimizationResult}).
 *   <li>{@link dev.nabla.optim.MiniBatchGradientDescent}: stochastic gradient descent over a {@link
 *       dev.nabla.optim.Dataset} of (input, target) rows, with seeded shuffling, per-step and
 *       per-epoch callbacks ({@link dev.nabla.optim.TrainingListener}) and an epoch history ({@link
 *       dev.nabla.optim.TrainingResult}), and options for any cost: a per-epoch {@link
 *       dev.nabla.optim.LearningRateSchedule}, L2 weight decay, {@link dev.nabla.optim.BestEpoch} for
 *       model selection and early stopping on a validation score, and data parallelism: each batch split
 *       over n threads ({@code parallelism(n)}), bit-identical for the same seed and n.
 * </ul>
 *
 * <p>Both take an optional momentum μ, the seeds' ball that has momentum: {@code u → μu − η∇C, v → v
 * + u}. Both validate their settings when built, compile the cost, its gradients and the update once
 * per run as one {@link dev.nabla.autodiff.eval.TrainingStep} that owns the parameters and updates them
 * in place (with {@code parallelism(n)}, n ≥ 2, a plan per thread and plain loops), and stop with a
 * {@link dev.nabla.optim.TrainingDivergedException} that names the step and keeps the last finite
 * parameters when anything becomes NaN or infinite. {@link
 * dev.nabla.optim.Hyperparameters} and {@link dev.nabla.optim.TrainingDivergedException#of} give other
 * optimisers (the Spark trainer's) the same checks and messages.
 *
 * <pre>{@code
 * Variable v = variable("v", 2);
 * Expr c = sum(square(sub(v, constant(Tensor.of(1, -2)))));   // any scalar; minimum at (1, −2)
 * MinimizationResult r = GradientDescent.builder().learningRate(0.1).maxSteps(200).build()
 *     .minimize(c, Map.of(v, Tensor.of(0, 0)));
 * r.parameters().get(v);                                      // ≈ [1, −2]
 * }</pre>
 */
@CheckReturnValue
package dev.nabla.optim;

import com.google.errorprone.annotations.CheckReturnValue;
