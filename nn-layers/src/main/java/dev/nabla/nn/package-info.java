/**
 * Neural networks built on the autodiff graph: sigmoid (and other) {@link dev.nabla.nn.Dense dense
 * layers}, {@link dev.nabla.nn.Network networks} built from layer sizes, {@link dev.nabla.nn.Cost
 * costs} as expressions, one-hot {@link dev.nabla.nn.Labels labels}, and a checksummed, versioned
 * {@link dev.nabla.nn.NetworkFile file format}.
 *
 * <p>Conventions: a batch has one example per row ({@code x} is {@code [n, n_in]}); a layer holds
 * {@code W [n_out, n_in]} and {@code b [n_out]} and computes {@code a' = σ(a·Wᵀ + b)}, which is the
 * seeds' {@code σ(W·a + b)} for every row. Parameters are ordinary {@link dev.nabla.autodiff.graph.Variable}s,
 * so gradients of anything built from a network are {@code Nabla.grad(cost, w…)}.
 *
 * <pre>{@code
 * Network net = Network.builder(784, 30, 10).seed(1).build();
 * Variable x = variable("x", Shape.batch(784));
 * Variable y = variable("y", Shape.batch(10));
 * Expr cost = Cost.QUADRATIC.apply(net.output(x), y);
 * GradientCheck.of(cost).wrt(net.variables().toArray(Variable[]::new))
 *     .check(net.parameters().toBindings().with(x, images).with(y, Labels.oneHot(labels, 10)))
 *     .assertPassed();
 * int correct = net.evaluate(testImages, testLabels);
 * }</pre>
 */
package dev.nabla.nn;
