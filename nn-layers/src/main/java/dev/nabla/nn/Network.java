package dev.nabla.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.eval.SparseRows;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A feedforward network: a sequence of {@link Dense} layers together with the current values of
 * their weights and biases. A network is immutable; training produces a new one with
 * {@link #withParameters}, which shares the layers (the same {@link Variable}s) and the compiled
 * forward pass.
 *
 * <pre>{@code
 * Network net = Network.builder(784, 30, 10).seed(42).build();    // σ layers, N(0, 1) weights
 * Variable x = Nabla.variable("x", Shape.batch(784));
 * Variable y = Nabla.variable("y", Shape.batch(10));
 * Expr cost = Cost.QUADRATIC.apply(net.output(x), y);             // 1/(2n) Σ ‖y − a‖²
 * List<Expr> grads = Nabla.grad(cost, net.variables().toArray(Variable[]::new));
 * // … an optimiser updates net.parameters().toMap() …
 * int correct = net.withParameters(updated).evaluate(testImages, testLabels);
 * }</pre>
 *
 * <p>{@link #feedforward} evaluates a batch with one example per row through an {@link Evaluator}
 * built once per architecture. {@link #predict}, {@link #evaluate} and {@link #accuracy} do too for
 * fewer than 64 rows; larger batches (a test set) run through a compiled {@link
 * dev.nabla.autodiff.eval.Plan} (fused layers, the vector kernels), also shared by every network made
 * with {@link #withParameters}. Given the inputs' non-zeros as well ({@link SparseRows#of}, found once
 * and kept with the data), the plan reads only those: classifying MNIST's 10,000 test images then takes
 * a few milliseconds. The plan's outputs may differ from {@link #feedforward}'s in the last bits (the
 * vector kernels' own {@code exp}), so a prediction could differ only where two outputs tie to about
 * 1e-15. The plans serve one thread at a time; a call that finds them busy uses the evaluator.
 */
public final class Network {
  private final ImmutableList<Dense> layers;
  private final Parameters parameters;
  private final Bindings parameterBindings;
  private final ForwardPass forward;

  private Network(ImmutableList<Dense> layers, Parameters parameters, ForwardPass forward) {
    this.layers = layers;
    this.parameters = parameters;
    this.parameterBindings = parameters.toBindings();
    this.forward = forward;
  }

  /** The network's own input variable, its output expression, their evaluator and the plans for large batches. */
  private record ForwardPass(Variable input, Expr output, Evaluator evaluator, BatchClassifier classifier) {}

  /**
   * A builder for a network of the given layer sizes, input first: {@code [784, 30, 10]} (Nielsen)
   * or {@code [784, 16, 16, 10]} (3Blue1Brown).
   *
   * <pre>{@code
   * Network net = Network.builder(784, 16, 16, 10).output(Activation.SOFTMAX).seed(1).build();
   * }</pre>
   */
  public static NetworkBuilder builder(int... sizes) {
    return new NetworkBuilder(sizes);
  }

  /**
   * A network of the given layers and parameter values. Each layer's inputs must equal the previous
   * layer's outputs, variables must be distinct, and every weight and bias needs a value of its shape
   * (entries for other variables are ignored).
   *
   * <pre>{@code
   * Network net = Network.of(List.of(Dense.of(1, 2, 3, SIGMOID), Dense.of(2, 3, 1, SIGMOID)), values);
   * }</pre>
   */
  public static Network of(List<Dense> layers, Map<Variable, Tensor> values) {
    checkNotNull(layers, "network: layers");
    checkNotNull(values, "network: parameter values");
    checkArgument(!layers.isEmpty(), "network: needs at least one layer");
    Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < layers.size(); i++) {
      Dense l = checkNotNull(layers.get(i), "network: layer %s is null", i + 1);
      checkArgument(i == 0 || layers.get(i - 1).outputs() == l.inputs(),
          "network: layer %s ('%s' %s) takes %s inputs but layer %s has %s outputs", i + 1, l.weights().name(),
          l.weights().shape(), l.inputs(), i, i == 0 ? 0 : layers.get(i - 1).outputs());
      checkArgument(seen.add(l.weights()) && seen.add(l.biases()),
          "network: layer %s reuses a variable ('%s' or '%s') of another layer", i + 1, l.weights().name(),
          l.biases().name());
    }
    ImmutableList<Dense> copy = ImmutableList.copyOf(layers);
    Variable x = Variable.of("x", Shape.batch(copy.get(0).inputs()));
    Expr out = chain(copy, x);
    ForwardPass forward = new ForwardPass(x, out, Evaluator.of(List.of(out)), new BatchClassifier(x, out, weightedInputs(copy, x)));
    return new Network(copy, collect(copy, values, "network"), forward);
  }

  /** Every layer's weighted input {@code z = a·Wᵀ + b} (the same nodes as in {@link #chain}, after sharing). */
  private static List<Expr> weightedInputs(List<Dense> layers, Expr x) {
    List<Expr> zs = new java.util.ArrayList<>();
    Expr a = x;
    for (Dense l : layers) {
      Expr z = l.weightedInput(a);
      zs.add(z);
      a = l.activation().apply(z);
    }
    return zs;
  }

  private static Expr chain(List<Dense> layers, Expr x) {
    Expr a = x;
    for (Dense l : layers) {
      a = l.apply(a);
    }
    return a;
  }

  private static Parameters collect(List<Dense> layers, Map<Variable, Tensor> values, String who) {
    LinkedHashMap<Variable, Tensor> m = new LinkedHashMap<>();
    for (Dense l : layers) {
      for (Variable v : List.of(l.weights(), l.biases())) {
        Tensor t = values.get(v);
        checkArgument(t != null, "%s: no value for parameter '%s' %s; values were given for %s", who, v.name(),
            v.shape(), values.keySet().stream().map(Variable::name).collect(Collectors.joining(", ", "[", "]")));
        m.put(v, t);
      }
    }
    return Parameters.of(m);
  }

  /**
   * Reads a network saved by {@link #save}; see {@link NetworkFile} for the format and the errors.
   *
   * <pre>{@code
   * Network net = Network.load(Path.of("mnist.nabla"));
   * }</pre>
   */
  public static Network load(Path file) throws IOException {
    return NetworkFile.load(file);
  }

  /**
   * Writes this network to {@code file} atomically; see {@link NetworkFile}.
   *
   * <pre>{@code
   * trained.save(Path.of("mnist.nabla"));
   * }</pre>
   */
  public void save(Path file) throws IOException {
    NetworkFile.save(this, file);
  }

  /**
   * The layers, input side first.
   *
   * <pre>{@code
   * net.layers().get(0).weights();   // w1
   * }</pre>
   */
  public ImmutableList<Dense> layers() {
    return layers;
  }

  /**
   * The layer sizes, input first, e.g. {@code {784, 30, 10}}.
   *
   * <pre>{@code
   * int inputs = net.sizes()[0];
   * }</pre>
   */
  public int[] sizes() {
    int[] s = new int[layers.size() + 1];
    s[0] = layers.get(0).inputs();
    for (int i = 0; i < layers.size(); i++) {
      s[i + 1] = layers.get(i).outputs();
    }
    return s;
  }

  /**
   * The current weights and biases, in order {@code w1, b1, w2, b2, …}.
   *
   * <pre>{@code
   * LinkedHashMap<Variable, Tensor> p = net.parameters().toMap();
   * }</pre>
   */
  public Parameters parameters() {
    return parameters;
  }

  /**
   * The parameter variables in order (those of {@link #parameters()}).
   *
   * <pre>{@code
   * List<Expr> g = Nabla.grad(cost, net.variables().toArray(Variable[]::new));
   * }</pre>
   */
  public ImmutableList<Variable> variables() {
    return parameters.variables();
  }

  /**
   * The output expression for an input expression {@code x} of shape {@code [n, n_in]} (or
   * {@code [n_in]}), in terms of this network's parameter variables.
   *
   * <pre>{@code
   * Expr a = net.output(Nabla.variable("x", Shape.batch(784)));   // σ(σ(x @ w1ᵀ + b1) @ w2ᵀ + b2)
   * }</pre>
   *
   * @throws IllegalArgumentException when {@code x}'s last dimension is not the input size
   */
  public Expr output(Expr x) {
    return chain(layers, x);
  }

  /**
   * The network's own input variable {@code x}, shape {@code [?, n_in]}, used by {@link #output()}.
   *
   * <pre>{@code
   * Bindings b = net.parameters().toBindings().with(net.input(), batch);
   * }</pre>
   */
  public Variable input() {
    return forward.input();
  }

  /**
   * The output expression for {@link #input()}; the same node every time (and for every network
   * made from this one by {@link #withParameters}).
   *
   * <pre>{@code
   * Expr c = Cost.CROSS_ENTROPY.apply(net.output(), y);
   * }</pre>
   */
  public Expr output() {
    return forward.output();
  }

  /**
   * This network with new parameter values, e.g. after training: the same layers and variables,
   * with the compiled forward pass reused. Every parameter needs a value of its shape; entries for
   * other variables (inputs, targets) are ignored.
   *
   * <pre>{@code
   * Network trained = net.withParameters(optimiser.step(net.parameters().toMap()));
   * }</pre>
   */
  public Network withParameters(Map<Variable, Tensor> values) {
    checkNotNull(values, "withParameters: values");
    return new Network(layers, collect(layers, values, "withParameters"), forward);
  }

  /**
   * {@link #withParameters(Map)} from bindings (which may also bind inputs and targets).
   *
   * <pre>{@code
   * Network trained = net.withParameters(bindings);
   * }</pre>
   */
  public Network withParameters(Bindings values) {
    return withParameters(checkNotNull(values, "withParameters: bindings").asMap());
  }

  /**
   * The output activations for a batch {@code x} of shape {@code [n, n_in]} (one example per row),
   * shape {@code [n, n_out]}; a single example {@code [n_in]} gives {@code [n_out]}.
   *
   * <pre>{@code
   * Tensor a = net.feedforward(Tensor.of(new double[][] {pixels}));
   * }</pre>
   *
   * @throws IllegalArgumentException when the shape does not fit
   * @throws dev.nabla.autodiff.eval.NonFiniteValueException when an input or activation is NaN or ∞
   */
  public Tensor feedforward(Tensor x) {
    checkInput("feedforward", x);
    Shape s = x.shape();
    int in = layers.get(0).inputs();
    Tensor batch = s.rank() == 1 ? x.reshape(Shape.of(1, in)) : x;
    Tensor out = forward.evaluator().run(parameterBindings.with(forward.input(), batch)).get(0);
    return s.rank() == 1 ? out.reshape(Shape.of(out.size())) : out;
  }

  private void checkInput(String method, Tensor x) {
    checkNotNull(x, "%s: input", method);
    Shape s = x.shape();
    int in = layers.get(0).inputs();
    checkArgument((s.rank() == 1 || s.rank() == 2) && s.dim(-1) == in,
        "%s: input %s does not fit network %s — expected [n, %s] (one example per row) or [%s]", method, s,
        Arrays.toString(sizes()), in, in);
  }

  /**
   * The predicted class of each example: the index of its most active output neuron.
   *
   * <pre>{@code
   * int[] digits = net.predict(testImages);   // one class per row
   * }</pre>
   */
  public int[] predict(Tensor x) {
    checkInput("predict", x);
    int[] classes = x.shape().rank() == 2 && x.shape().dim(0) >= BatchClassifier.MIN_ROWS
        ? forward.classifier().classes(parameterBindings, x, null) : null;
    return classes != null ? classes : Labels.argMax(feedforward(x));
  }

  /**
   * {@link #predict(Tensor)} of a batch {@code x} ({@code [n, n_in]}) whose non-zeros are kept with it:
   * {@code nonZeros} is {@code SparseRows.of(x)}, computed once for a data set classified many times (after
   * every epoch, say), and the first layer reads only those. The pair is checked once, the first time it is
   * given (x must not change after that).
   *
   * <pre>{@code
   * SparseRows testNonZeros = SparseRows.of(testImages);            // once
   * int[] digits = net.predict(testImages, testNonZeros);           // each epoch: a few ms for 10,000 images
   * }</pre>
   *
   * @throws IllegalArgumentException when the shape does not fit or {@code nonZeros} are not x's
   */
  public int[] predict(Tensor x, SparseRows nonZeros) {
    checkInput("predict", x);
    checkNotNull(nonZeros, "predict: non-zeros of the input");
    checkArgument(x.shape().rank() == 2, "predict: with their non-zeros, inputs must be a batch [n, %s], got %s",
        layers.get(0).inputs(), x.shape());
    int[] classes = forward.classifier().classes(parameterBindings, x, nonZeros);
    return classes != null ? classes : Labels.argMax(feedforward(x));
  }

  /**
   * The number of examples whose predicted class equals the label (as the seeds' {@code evaluate}).
   *
   * <pre>{@code
   * int correct = net.evaluate(testImages, testLabels);   // e.g. 9,496 of 10,000
   * }</pre>
   *
   * @throws IllegalArgumentException when there is not one label per example, or a label is not one of
   *     the network's output classes {@code 0 … n_out − 1}
   */
  public int evaluate(Tensor x, int[] labels) {
    checkLabels(labels);
    return correct(predict(x), x, labels);
  }

  /**
   * {@link #evaluate(Tensor, int[])} with the inputs' non-zeros kept with them, as {@link #predict(Tensor,
   * SparseRows)} takes them.
   *
   * <pre>{@code
   * int correct = net.evaluate(testImages, testNonZeros, testLabels);
   * }</pre>
   */
  public int evaluate(Tensor x, SparseRows nonZeros, int[] labels) {
    checkLabels(labels);
    return correct(predict(x, nonZeros), x, labels);
  }

  private void checkLabels(int[] labels) {
    checkNotNull(labels, "evaluate: labels");
    int classes = layers.get(layers.size() - 1).outputs();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "evaluate: label %d at index %d is not a class of network %s, whose outputs are classes 0 to %d", labels[i], i,
            Arrays.toString(sizes()), classes - 1));
      }
    }
  }

  private static int correct(int[] predicted, Tensor x, int[] labels) {
    checkArgument(predicted.length == labels.length, "evaluate: %s examples (input %s) but %s labels",
        predicted.length, x.shape(), labels.length);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predicted[i] == labels[i]) {
        correct++;
      }
    }
    return correct;
  }

  /**
   * The fraction of examples classified correctly, in [0, 1]: {@link #evaluate} divided by n.
   *
   * <pre>{@code
   * double acc = net.accuracy(testImages, testLabels);   // e.g. 0.9496
   * }</pre>
   */
  public double accuracy(Tensor x, int[] labels) {
    return (double) evaluate(x, labels) / labels.length;
  }

  /**
   * {@link #accuracy(Tensor, int[])} with the inputs' non-zeros kept with them ({@link #predict(Tensor,
   * SparseRows)}).
   *
   * <pre>{@code
   * double acc = net.accuracy(testImages, testNonZeros, testLabels);
   * }</pre>
   */
  public double accuracy(Tensor x, SparseRows nonZeros, int[] labels) {
    return (double) evaluate(x, nonZeros, labels) / labels.length;
  }

  /** How many batches this architecture's plans have classified (for tests of the plan path). */
  int planRuns() {
    return forward.classifier().planRuns();
  }

  /** E.g. {@code Network[784, 30, 10] (sigmoid, sigmoid; 23,860 parameters)}. */
  @Override
  public String toString() {
    return "Network" + Arrays.toString(sizes()) + " ("
        + layers.stream().map(l -> l.activation().name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
        + String.format(Locale.ROOT, "; %,d parameters)", parameters.count());
  }
}
