package dev.nabla.examples.mnist.cli;

import static com.google.common.base.Preconditions.checkArgument;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.Nabla;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.examples.mnist.LabeledImages;
import dev.nabla.examples.mnist.MnistFiles;
import dev.nabla.examples.mnist.MnistSplit;
import dev.nabla.examples.mnist.SplitSizes;
import dev.nabla.nn.Cost;
import dev.nabla.nn.Network;
import dev.nabla.nn.WeightInit;
import dev.nabla.optim.Dataset;
import dev.nabla.optim.EpochDecision;
import dev.nabla.optim.EpochState;
import dev.nabla.optim.MiniBatchGradientDescent;
import dev.nabla.optim.TrainingListener;
import dev.nabla.optim.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mnist train}: the seeds' network and training by default — [784, 30, 10], sigmoid, quadratic
 * cost, mini-batches of 10, η = 3.0, 30 epochs, N(0, 1) initialisation — with one line per epoch in
 * the style of Nielsen's network.py, a summary, the trained model and a report of pictures.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train a sigmoid network on MNIST with mini-batch gradient descent.")
final class TrainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--layers", split = ",", paramLabel = "N,N,…", description = "Layer sizes, input first (default: ${DEFAULT-VALUE}).",
      defaultValue = "784,30,10")
  int[] layers;

  @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).", defaultValue = "30")
  int epochs;

  @Option(names = "--batch-size", description = "Mini-batch size m (default: ${DEFAULT-VALUE}).", defaultValue = "10")
  int batchSize;

  @Option(names = "--eta", description = "Learning rate η (default: ${DEFAULT-VALUE}).", defaultValue = "3.0")
  double eta;

  @Option(names = "--cost", description = "quadratic or cross-entropy (default: ${DEFAULT-VALUE}).", defaultValue = "quadratic")
  String cost;

  @Option(names = "--momentum", description = "Momentum μ, 0 for plain gradient descent (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  double momentum;

  @Option(names = "--init", description = "Weight initialisation: normal (N(0,1), as the seeds) or scaled (N(0,1/n_in)) "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "normal")
  String init;

  @Option(names = "--seed", description = "Seed of the initial weights and of the shuffling (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  long seed;

  @Option(names = "--data", paramLabel = "DIR", description = "Directory of the four MNIST files (default: ${DEFAULT-VALUE}).",
      defaultValue = "${sys:nabla.mnist.data:-data/mnist}")
  Path data;

  @Option(names = "--limit", paramLabel = "N", description = "Use at most N images for training and N for testing, "
      + "for a quick run (default: all: 50,000 and 10,000).", defaultValue = "50000")
  int limit;

  @Option(names = "--model-out", paramLabel = "FILE", description = "Where to save the trained model (default: ${DEFAULT-VALUE}).",
      defaultValue = "mnist-model.nabla")
  Path modelOut;

  @Option(names = "--report-dir", paramLabel = "DIR", description = "Where to write the report's PNG pictures "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "mnist-report")
  Path reportDir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    validate();
    long start = System.nanoTime();
    MnistSplit mnist = MnistSplit.load(data, SplitSizes.STANDARD.atMost(limit));
    LabeledImages train = mnist.training();
    LabeledImages test = mnist.test();
    Network net = Network.builder(layers).weightInit(init.equals("scaled") ? WeightInit.SCALED_NORMAL : WeightInit.STANDARD_NORMAL)
        .seed(seed).build();
    Variable x = Nabla.variable("x", Shape.batch(layers[0]));
    Variable y = Nabla.variable("y", Shape.batch(layers[layers.length - 1]));
    Expr costExpr = costFunction().apply(net.output(x), y);
    MiniBatchGradientDescent sgd = MiniBatchGradientDescent.builder().learningRate(eta).batchSize(batchSize).epochs(epochs)
        .seed(seed).momentum(momentum).build();
    out.printf(Locale.ROOT, "Training %s on %,d images (test: %,d): %s cost, batch %d, η = %s%s, %d epochs%n", net, train.labels().length,
        test.labels().length, cost, batchSize, eta, momentum > 0 ? ", momentum " + momentum : "", epochs);

    EpochPrinter printer = new EpochPrinter(net, test, out, err, train.labels().length, batchSize);
    TrainingResult result = sgd.train(costExpr, x, y, net.parameters().toMap(), new Dataset(train.images(), train.oneHotLabels()),
        printer);
    Network trained = net.withParameters(result.parameters());
    trained.save(modelOut);
    Report.write(reportDir, trained, test, printer.accuracies(), printer.costs());
    double seconds = (System.nanoTime() - start) / 1e9;
    int best = printer.bestEpoch();
    out.printf(Locale.ROOT, "Best test accuracy %.2f%% at epoch %d; trained %d epochs in %.1f s (%.2f s per epoch)%n",
        100 * printer.accuracies()[best - 1], best, result.history().size(), seconds, printer.trainingSeconds() / result.history().size());
    out.printf("Model saved to %s; report (accuracy.png, cost.png, weights.png, misclassified.png) in %s%n", modelOut, reportDir);
    return 0;
  }

  private void validate() {
    checkArgument(layers.length >= 2, "--layers needs at least an input and an output size, got %s", layers.length);
    checkArgument(layers[0] == MnistFiles.PIXELS, "--layers must start with %s (28×28 pixels), got %s", MnistFiles.PIXELS, layers[0]);
    checkArgument(layers[layers.length - 1] == MnistFiles.CLASSES, "--layers must end with %s (digits), got %s",
        MnistFiles.CLASSES, layers[layers.length - 1]);
    checkArgument(epochs > 0, "--epochs must be positive, got %s", epochs);
    checkArgument(batchSize > 0, "--batch-size must be positive, got %s", batchSize);
    checkArgument(eta > 0 && Double.isFinite(eta), "--eta must be positive, got %s", eta);
    checkArgument(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1), got %s", momentum);
    checkArgument(cost.equals("quadratic") || cost.equals("cross-entropy"), "--cost must be quadratic or cross-entropy, got '%s'", cost);
    checkArgument(init.equals("normal") || init.equals("scaled"), "--init must be normal or scaled, got '%s'", init);
    checkArgument(limit > 0, "--limit must be positive, got %s", limit);
  }

  private Cost costFunction() {
    return cost.equals("quadratic") ? Cost.QUADRATIC : Cost.CROSS_ENTROPY;
  }

  /** Prints one line per epoch and a progress bar while an epoch runs; records the curves. */
  private static final class EpochPrinter implements TrainingListener {
    private final Network net;
    private final LabeledImages test;
    private final PrintWriter out;
    private final Progress progress;
    private final int stepsPerEpoch;
    private final List<Double> accuracies = new ArrayList<>();
    private final List<Double> costs = new ArrayList<>();
    private long previousNanos;
    private double trainingSeconds;

    EpochPrinter(Network net, LabeledImages test, PrintWriter out, PrintWriter err, int examples, int batchSize) {
      this.net = net;
      this.test = test;
      this.out = out;
      this.progress = new Progress(err, Progress.onTerminal());
      this.stepsPerEpoch = (examples + batchSize - 1) / batchSize;
    }

    @Override
    public void onStep(int epoch, int step, double cost, long elapsedNanos) {
      progress.update("Epoch " + epoch, step - (long) (epoch - 1) * stepsPerEpoch, stepsPerEpoch);
    }

    @Override
    public EpochDecision onEpoch(EpochState s) {
      progress.clear();
      double seconds = (s.elapsedNanos() - previousNanos) / 1e9;
      previousNanos = s.elapsedNanos();
      trainingSeconds += seconds;
      int correct = net.withParameters(s.parameters()).evaluate(test.images(), test.labels());
      int n = test.labels().length;
      accuracies.add((double) correct / n);
      costs.add(s.meanCost());
      out.printf(Locale.ROOT, "Epoch %d/%d: %d / %d (%.2f%%)  cost %.4f  %.2f s%n", s.epoch(), s.epochs(), correct, n,
          100.0 * correct / n, s.meanCost(), seconds);
      return EpochDecision.proceed(Map.of("test accuracy", (double) correct / n));
    }

    double[] accuracies() {
      return accuracies.stream().mapToDouble(Double::doubleValue).toArray();
    }

    double[] costs() {
      return costs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    double trainingSeconds() {
      return trainingSeconds;
    }

    /** The first epoch (from 1) with the best test accuracy. */
    int bestEpoch() {
      int best = 0;
      for (int i = 1; i < accuracies.size(); i++) {
        if (accuracies.get(i) > accuracies.get(best)) {
          best = i;
        }
      }
      return best + 1;
    }
  }
}
