package dev.nabla.examples.mnist.serve;

import static dev.nabla.autodiff.Nabla.variable;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.examples.mnist.LabeledImages;
import dev.nabla.examples.mnist.MnistFiles;
import dev.nabla.examples.mnist.MnistSplit;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Cost;
import dev.nabla.nn.Network;
import dev.nabla.nn.WeightInit;
import dev.nabla.optim.Dataset;
import dev.nabla.optim.MiniBatchGradientDescent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Small networks trained once per test run on the committed MNIST subset (1,000 training images; a
 * second or two each), so the serve tests use a real trained model without committing one.
 */
final class TestModels {
  private static final Map<String, Network> TRAINED = new HashMap<>();

  private TestModels() {}

  /** The committed subset's directory (src/test/resources/mnist). */
  static Path subset() {
    try {
      return Path.of(TestModels.class.getResource("/mnist/README.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The 500 test images of the subset. */
  static LabeledImages testImages() {
    return read(MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS);
  }

  /** The seeds' [784, 30, 10] sigmoid network, as {@code ./mnist train} makes it, trained on the subset. */
  static synchronized Network seeds() {
    return TRAINED.computeIfAbsent("seeds", k -> train(784, 30, 10));
  }

  /** 3Blue1Brown's [784, 16, 16, 10], trained on the subset: two hidden layers for the page to show. */
  static synchronized Network lesson() {
    return TRAINED.computeIfAbsent("lesson", k -> train(784, 16, 16, 10));
  }

  private static Network train(int... sizes) {
    Network net = Network.builder(sizes).output(Activation.SIGMOID).weightInit(WeightInit.SCALED_NORMAL).seed(1).build();
    Variable x = variable("x", Shape.batch(784));
    Variable y = variable("y", Shape.batch(10));
    LabeledImages training = read(MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS);
    var result = MiniBatchGradientDescent.builder().learningRate(3.0).batchSize(10).epochs(15).seed(1).build()
        .train(Cost.QUADRATIC.apply(net.output(x), y), x, y, net.parameters().toMap(),
            new Dataset(training.images(), training.oneHotLabels()));
    return net.withParameters(result.parameters());
  }

  private static LabeledImages read(String images, String labels) {
    try {
      return MnistSplit.readExamples(MnistFiles.locate(subset(), images), MnistFiles.locate(subset(), labels));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
