package dev.nabla.examples.mnist.cli;

import dev.nabla.autodiff.Nabla;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.examples.mnist.LabeledImages;
import dev.nabla.examples.mnist.MnistFiles;
import dev.nabla.examples.mnist.MnistSplit;
import dev.nabla.examples.mnist.SplitSizes;
import dev.nabla.nn.Cost;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Network;
import dev.nabla.nn.WeightInit;
import dev.nabla.optim.BestEpoch;
import dev.nabla.optim.Dataset;
import dev.nabla.optim.LearningRateSchedule;
import dev.nabla.optim.MiniBatchGradientDescent;
import dev.nabla.optim.TrainingDivergedException;
import dev.nabla.optim.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mnist train}: the seeds' network and training by default — [784, 30, 10], sigmoid, quadratic
 * cost, mini-batches of 10, η = 3.0, 30 epochs, N(0, 1) initialisation — on the 50,000 training
 * images, with one line per epoch, the model of the epoch with the best validation accuracy saved as
 * soon as it is reached, a summary, and a report of pictures. {@code --threads N} splits each batch over
 * N threads; {@code --spark local[N]} trains through Spark instead ({@link SparkTraining}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train a sigmoid network on MNIST with mini-batch gradient descent. The saved model is the epoch "
        + "with the best accuracy on the 10,000 validation images (the last 10,000 training images, never trained on).",
    exitCodeListHeading = "%nExit status:%n", exitCodeList = {"0:trained; the model and the report were written",
        "1:training failed (missing or invalid data, divergence, a file that could not be written); the message says why",
        "2:invalid options", "130:interrupted (Ctrl-C); the best model so far is kept, and the message says where"})
final class TrainCommand implements Callable<Integer> {
  /** The masters {@code --spark} takes: Spark's local modes ({@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}). */
  static final Pattern LOCAL_MASTER = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?");

  @Spec
  CommandSpec spec;

  @Option(names = "--layers", split = ",", paramLabel = "N", description = "Layer sizes, input first (default: 784,30,10).",
      defaultValue = "784,30,10")
  int[] layers;

  @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).", defaultValue = "30")
  int epochs;

  @Option(names = "--batch-size", description = "Mini-batch size m (default: ${DEFAULT-VALUE}).", defaultValue = "10")
  int batchSize;

  @Option(names = "--eta", description = "Learning rate η (default: ${DEFAULT-VALUE}).", defaultValue = "3.0")
  double eta;

  @Option(names = "--eta-decay", paramLabel = "F", description = "Multiply η by F every --eta-decay-every epochs, "
      + "0 < F ≤ 1 (default: ${DEFAULT-VALUE}, constant η).", defaultValue = "1")
  double etaDecay;

  @Option(names = "--eta-decay-every", paramLabel = "N", description = "Epochs between two η decays (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  int etaDecayEvery;

  @Option(names = "--cost", description = "quadratic or cross-entropy (default: ${DEFAULT-VALUE}).", defaultValue = "quadratic")
  String cost;

  @Option(names = "--momentum", description = "Momentum μ, 0 for plain gradient descent (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  double momentum;

  @Option(names = "--weight-decay", paramLabel = "λ", description = "L2 regularisation: adds ½λ‖w‖² of the weights "
      + "(not the biases) to the mean cost of each batch; Nielsen's λ = 5 over 50,000 images is 0.0001 "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "0")
  double weightDecay;

  @Option(names = "--init", description = "Weight initialisation: normal (N(0,1), as the seeds) or scaled (N(0,1/n_in)) "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "normal")
  String init;

  @Option(names = "--patience", paramLabel = "N", description = "Stop early after N epochs without a better validation "
      + "accuracy; 0 never stops early (default: ${DEFAULT-VALUE}).", defaultValue = "0")
  int patience;

  @Option(names = "--threads", paramLabel = "N", description = "Split each mini-batch over N threads, 1 ≤ N ≤ the batch "
      + "size; the same seed and N give the same run. N ≥ 2 does not use the fused training step, so on a "
      + "machine of few cores it is slower than the default (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  int threads;

  @Option(names = "--spark", paramLabel = "MASTER", description = "Train through Apache Spark (nabla-spark's "
      + "SparkGradientDescent) in this JVM, with a local master: local[N] uses N threads; batches are Bernoulli samples "
      + "of --batch-size images in expectation (default: off, train in this process).")
  String spark;

  @Option(names = "--seed", description = "Seed of the initial weights and of the shuffling (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  long seed;

  @Option(names = "--data", paramLabel = "DIR", description = "Directory of the four MNIST files (default: ${DEFAULT-VALUE}).",
      defaultValue = "${sys:nabla.mnist.data:-data/mnist}")
  Path data;

  @Option(names = "--limit", paramLabel = "N", description = "Use at most N images each for training, validation and "
      + "testing, for a quick run (default: all: 50,000, 10,000 and 10,000).", defaultValue = "50000")
  int limit;

  @Option(names = "--model-out", paramLabel = "FILE", description = "Where to save the model (default: ${DEFAULT-VALUE}).",
      defaultValue = "mnist-model.nabla")
  Path modelOut;

  @Option(names = "--report-dir", paramLabel = "DIR", description = "Where to write the report's PNG pictures "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "mnist-report")
  Path reportDir;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    validate();
    OutputPaths.checkFile("--model-out", modelOut);
    OutputPaths.prepareDirectory("--report-dir", reportDir);
    long start = System.nanoTime();
    MnistSplit mnist = MnistSplit.load(data, SplitSizes.STANDARD.atMost(limit));
    LabeledImages train = mnist.training();
    Network net = Network.builder(layers).weightInit(init.equals("scaled") ? WeightInit.SCALED_NORMAL : WeightInit.STANDARD_NORMAL)
        .seed(seed).build();
    Variable x = Nabla.variable("x", Shape.batch(layers[0]));
    Variable y = Nabla.variable("y", Shape.batch(layers[layers.length - 1]));
    Expr costExpr = (cost.equals("quadratic") ? Cost.QUADRATIC : Cost.CROSS_ENTROPY).apply(net.output(x), y);
    MiniBatchGradientDescent sgd = MiniBatchGradientDescent.builder().learningRateSchedule(schedule()).batchSize(batchSize)
        .epochs(epochs).seed(seed).momentum(momentum).parallelism(threads)
        .weightDecay(weightDecay, net.layers().stream().map(Dense::weights).toList()).build();
    out.printf(Locale.ROOT, "Training %s on %,d images (validation: %,d, test: %,d): %s cost, batch %d, η = %s%s%s%s, %s%s%n", net,
        train.size(), mnist.validation().size(), mnist.test().size(), cost, batchSize, eta,
        etaDecay < 1 ? String.format(Locale.ROOT, " (× %s every %s)", etaDecay, Format.count(etaDecayEvery, "epoch")) : "",
        momentum > 0 ? ", momentum " + momentum : "", weightDecay > 0 ? ", weight decay λ = " + weightDecay : "",
        Format.count(epochs, "epoch"), threads > 1 ? ", each batch split over " + threads + " threads"
            : spark != null ? ", on Spark " + spark + " (Bernoulli batches)" : "");

    int stepsPerEpoch = (train.size() + batchSize - 1) / batchSize;
    try (Checkpoints checkpoints = new Checkpoints(modelOut, err)) {
      TrainingMonitor monitor = new TrainingMonitor(net, mnist.validation(), mnist.test(), out, err, checkpoints, patience,
          stepsPerEpoch, saturationRemedy());
      TrainingResult result;
      try {
        Dataset examples = new Dataset(train.images(), train.oneHotLabels());
        result = spark == null ? sgd.train(costExpr, x, y, net.parameters().toMap(), examples, monitor)
            : onSpark(net, costExpr, x, y, examples, monitor);
      } catch (TrainingDivergedException e) {
        err.println("mnist train: " + e.getMessage());
        err.println("mnist train: " + checkpoints.whereTheModelIs() + ".");
        writeReportAfterFailure(net, mnist, monitor, checkpoints, err);
        return 1;
      } catch (RuntimeException e) {
        if (checkpoints.beingInterrupted()) { // a failure the interrupt caused (Spark stopped mid-job): the hook has said all
          return 130;
        }
        throw e;
      }
      BestEpoch best = monitor.best();
      Network selected = net.withParameters(best.parameters());
      int epochsRun = result.history().size();
      double testAccuracy = monitor.testAccuracies()[best.epoch() - 1];
      out.printf(Locale.ROOT, "Best validation accuracy %s at epoch %d; that model is saved in %s: test accuracy %s (%d / %d)%n",
          Format.percent(best.score()), best.epoch(), modelOut, Format.percent(testAccuracy),
          Math.round(testAccuracy * mnist.test().size()), mnist.test().size());
      int bestTest = monitor.bestTestEpoch();
      out.printf(Locale.ROOT, "Best test accuracy %s at epoch %d (chosen on the test set, as the seeds' network.py reports it)%n",
          Format.percent(monitor.testAccuracies()[bestTest - 1]), bestTest);
      try {
        checkpoints.write(() -> Report.write(reportDir, selected, mnist.test(), monitor, best.epoch()));
      } catch (IOException e) {
        err.printf("mnist train: the model was saved in %s, but the report could not be written in %s: %s%n", modelOut, reportDir,
            OutputPaths.reason(e));
        return 1;
      }
      out.printf(Locale.ROOT, "Trained %s in %.1f s (%.2f s per epoch); report (%s) in %s%n", Format.count(epochsRun, "epoch"),
          (System.nanoTime() - start) / 1e9, monitor.trainingSeconds() / epochsRun, Report.FILES, reportDir);
      return 0;
    }
  }

  /** η per epoch: {@code --eta}, times {@code --eta-decay} every {@code --eta-decay-every} epochs. */
  LearningRateSchedule schedule() {
    return LearningRateSchedule.stepDecay(eta, etaDecay, etaDecayEvery);
  }

  private TrainingResult onSpark(Network net, Expr cost, Variable x, Variable y, Dataset examples, TrainingMonitor monitor) {
    try {
      return SparkTraining.train(this, net, cost, x, y, examples, monitor);
    } catch (NoClassDefFoundError e) {
      String missing = String.valueOf(e.getMessage());
      if (missing.startsWith("org/apache/spark/") || missing.startsWith("dev/nabla/spark/")) {
        throw new IllegalStateException("--spark needs nabla-spark and Spark on the class path (" + missing.replace('/', '.')
            + " is missing); ./mnist adds them from examples-mnist/target/lib-spark", e);
      }
      throw e;
    }
  }

  /** After a divergence: the pictures of the epochs that finished, with the best model's weights, if there is one. */
  private void writeReportAfterFailure(Network net, MnistSplit mnist, TrainingMonitor monitor, Checkpoints checkpoints,
      PrintWriter err) {
    BestEpoch best = monitor.best();
    if (!best.hasBest()) {
      return;
    }
    try {
      checkpoints.write(() -> Report.write(reportDir, net.withParameters(best.parameters()), mnist.test(), monitor, best.epoch()));
      err.printf("mnist train: the report of the epochs that finished is in %s%n", reportDir);
    } catch (IOException e) {
      err.printf("mnist train: the report could not be written in %s: %s%n", reportDir, OutputPaths.reason(e));
    }
  }

  private void validate() {
    check(layers.length >= 2, "--layers needs at least an input and an output size, got %s", layers.length);
    check(layers[0] == MnistFiles.PIXELS, "--layers must start with %s (28×28 pixels), got %s", MnistFiles.PIXELS, layers[0]);
    check(layers[layers.length - 1] == MnistFiles.CLASSES, "--layers must end with %s (digits), got %s", MnistFiles.CLASSES,
        layers[layers.length - 1]);
    for (int size : layers) {
      check(size > 0, "--layers sizes must be positive, got %s", size);
    }
    check(epochs > 0, "--epochs must be positive, got %s", epochs);
    check(batchSize > 0, "--batch-size must be positive, got %s", batchSize);
    check(threads > 0 && threads <= batchSize, "--threads must be between 1 and the batch size %s, got %s", batchSize, threads);
    check(eta > 0 && Double.isFinite(eta), "--eta must be positive, got %s", eta);
    check(etaDecay > 0 && etaDecay <= 1, "--eta-decay must be in (0, 1], got %s", etaDecay);
    check(etaDecayEvery > 0, "--eta-decay-every must be positive, got %s", etaDecayEvery);
    check(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1), got %s", momentum);
    check(weightDecay >= 0 && Double.isFinite(weightDecay), "--weight-decay must be zero or positive, got %s", weightDecay);
    check(patience >= 0, "--patience must be zero or positive, got %s", patience);
    check(cost.equals("quadratic") || cost.equals("cross-entropy"), "--cost must be quadratic or cross-entropy, got '%s'", cost);
    check(init.equals("normal") || init.equals("scaled"), "--init must be normal or scaled, got '%s'", init);
    check(limit > 0, "--limit must be positive, got %s", limit);
    check(spark == null || LOCAL_MASTER.matcher(spark).matches(), "--spark takes a local master: local, local[N], "
        + "local[*] or local[N,F] (N threads, F attempts per task), got '%s'; on a cluster, use nabla-spark's "
        + "SparkGradientDescent through spark-submit", spark);
    check(spark == null || threads == 1, "--threads splits batches over this process's threads; with --spark the "
        + "master sets the parallelism (local[N]: N threads)");
  }

  /** What the saturation warning suggests: the first of the seeds' chapter-3 fixes this run does not use yet. */
  private String saturationRemedy() {
    if (init.equals("normal")) {
      return "N(0, 1/n_in) weights avoid this: --init scaled";
    }
    if (cost.equals("quadratic")) {
      return "The cross-entropy cost does not slow down on saturated output units: --cost cross-entropy";
    }
    return String.format(Locale.ROOT, "A smaller learning rate may help: --eta %s", eta / 2);
  }

  /** An invalid option: reported in one line with the usage hint, exit status 2. */
  private void check(boolean ok, String template, Object... args) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT, template, args));
    }
  }
}
