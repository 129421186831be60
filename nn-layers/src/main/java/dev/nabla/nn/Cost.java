package dev.nabla.nn;

import dev.nabla.autodiff.graph.Expr;

/**
 * A cost: a function from a network's output {@code a} and the desired output {@code y} (both of
 * shape {@code [n, classes]}, one example per row) to a scalar expression. Because it returns an
 * expression, its gradient with respect to any parameter is {@code Nabla.grad(cost, w)}, and a
 * researcher's own cost is one lambda that trains unchanged:
 *
 * <pre>{@code
 * Cost quartic = (a, y) -> Nabla.mean(Nabla.pow(Nabla.sub(a, y), 4));     // a custom cost
 * Expr c = Cost.QUADRATIC.apply(network.output(x), y);                    // 1/(2n) Σ ‖y − a‖²
 * List<Expr> dc = Nabla.grad(c, network.parameters().variables().toArray(Variable[]::new));
 * }</pre>
 *
 * <p>The built-in costs average over the examples: {@code n} is the size of axis 0 of the output, read
 * from the bound batch when that axis is open ({@link dev.nabla.autodiff.graph.Count}). A rank-1 output is
 * one example ({@code n = 1}). They require {@code output} and {@code targets} to have the same shape.
 */
@FunctionalInterface
public interface Cost {
  /**
   * The quadratic cost of the seeds, {@code C = 1/(2n) Σₓ ‖y(x) − a‖²}.
   *
   * <pre>{@code
   * Expr c = Cost.QUADRATIC.apply(a, y);   // sum((y - a)^2) / (2 * n)
   * }</pre>
   */
  Cost QUADRATIC = StandardCost.QUADRATIC;

  /**
   * The cross-entropy for sigmoid outputs, {@code C = −1/n Σₓ Σⱼ [yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)]},
   * for targets in [0, 1]. When the output is a sigmoid node {@code σ(z)} (as a network with a
   * {@link Activation#SIGMOID} output layer produces) it is computed from {@code z} as
   * {@code softplus(z) − y·z}, which stays finite when σ saturates to exactly 0 or 1; its gradient
   * with respect to {@code z} is exactly {@code σ(z) − y}. Any other output uses the formula as
   * written, which fails with a non-finite value at {@code a = 0} or {@code 1}.
   *
   * <pre>{@code
   * Expr c = Cost.CROSS_ENTROPY.apply(network.output(x), y);
   * }</pre>
   */
  Cost CROSS_ENTROPY = StandardCost.CROSS_ENTROPY;

  /**
   * The log-likelihood for softmax outputs, {@code C = −1/n Σₓ Σⱼ yⱼ ln aⱼ}: with one-hot targets, the
   * mean of {@code −ln a_y}. When the output is an exponential node {@code exp(u)} (a softmax is
   * {@code exp(z − logSumExp(z))}) the logarithm is taken as {@code u} itself, which is exact and
   * stays finite for any logits.
   *
   * <pre>{@code
   * Expr c = Cost.LOG_LIKELIHOOD.apply(softmaxOutput, Labels.oneHot(...));
   * }</pre>
   */
  Cost LOG_LIKELIHOOD = StandardCost.LOG_LIKELIHOOD;

  /**
   * The cost of {@code output} against {@code targets}: a scalar expression.
   *
   * <pre>{@code
   * Expr c = myCost.apply(network.output(x), y);
   * }</pre>
   */
  Expr apply(Expr output, Expr targets);
}
