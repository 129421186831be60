package dev.nabla.examples.mnist.cli;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import dev.nabla.examples.mnist.DigitImage;
import dev.nabla.examples.mnist.LabeledImages;
import dev.nabla.examples.mnist.MnistFiles;
import dev.nabla.examples.mnist.MnistModel;
import dev.nabla.examples.mnist.MnistSplit;
import dev.nabla.nn.Network;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mnist predict}: the digit a model sees in an image file or a test image, with its ten outputs. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Classify one digit: a picture file or a test image. A 28×28 greyscale picture is the network's input "
        + "as it is; any other is cropped, scaled and centred the way the MNIST digits were.",
    exitCodeListHeading = "%nExit status:%n", exitCodeList = {"0:classified",
        "1:the model, the picture or the data is missing or invalid; the message says why", "2:invalid options"})
final class PredictCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by 'mnist train'.")
  Path model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--image", paramLabel = "FILE", description = "A PNG, JPEG, GIF or BMP picture of one digit, at most "
        + "4096 pixels a side (e.g. examples-mnist/samples/seven.png).")
    Path image;

    @Option(names = "--test-index", paramLabel = "N", description = "Test image number N (0 to 9999).")
    Integer testIndex;
  }

  @Option(names = "--data", paramLabel = "DIR", description = "Directory of the MNIST files, for --test-index "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "${sys:nabla.mnist.data:-data/mnist}")
  Path data;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Network net = MnistModel.load(model);
    double[] pixels;
    String label = "";
    if (source.image != null) {
      pixels = DigitImage.read(source.image);
    } else {
      LabeledImages test = MnistSplit.readExamples(MnistFiles.locate(data, MnistFiles.TEST_IMAGES),
          MnistFiles.locate(data, MnistFiles.TEST_LABELS));
      int i = source.testIndex;
      if (i < 0 || i >= test.size()) {
        throw new ParameterException(spec.commandLine(), "--test-index must be in 0.." + (test.size() - 1) + ", got " + i);
      }
      pixels = Arrays.copyOfRange(test.images().rawData(), i * MnistFiles.PIXELS, (i + 1) * MnistFiles.PIXELS);
      label = " (labelled " + test.labels()[i] + ")";
    }
    Tensor output = net.feedforward(Tensor.of(Shape.of(1, MnistFiles.PIXELS), pixels));
    int digit = net.predict(Tensor.of(Shape.of(1, MnistFiles.PIXELS), pixels))[0];
    out.printf("digit: %d%s%n", digit, label);
    double[] a = output.toArray();
    for (int d = 0; d < a.length; d++) {
      out.printf(Locale.ROOT, "  %d  %.4f  %s%n", d, a[d], "#".repeat((int) Math.round(40 * Math.max(0, Math.min(1, a[d])))));
    }
    return 0;
  }
}
