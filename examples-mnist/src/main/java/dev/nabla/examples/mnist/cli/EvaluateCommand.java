package dev.nabla.examples.mnist.cli;

import dev.nabla.examples.mnist.LabeledImages;
import dev.nabla.examples.mnist.MnistFiles;
import dev.nabla.examples.mnist.MnistModel;
import dev.nabla.examples.mnist.MnistSplit;
import dev.nabla.nn.Network;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mnist evaluate}: test accuracy, per-digit precision and recall, and the confusion matrix. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Evaluate a trained model on the 10,000 MNIST test images.",
    exitCodeListHeading = "%nExit status:%n", exitCodeList = {"0:evaluated",
        "1:the model or the data is missing or invalid; the message says why", "2:invalid options"})
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by 'mnist train'.")
  Path model;

  @Option(names = "--data", paramLabel = "DIR", description = "Directory of the four MNIST files (default: ${DEFAULT-VALUE}).",
      defaultValue = "${sys:nabla.mnist.data:-data/mnist}")
  Path data;

  @Option(names = "--limit", paramLabel = "N", description = "Evaluate on the first N test images only, as "
      + "'mnist train --limit N' tests (default: all).")
  Integer limit;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (limit != null && limit <= 0) {
      throw new ParameterException(spec.commandLine(), "--limit must be positive, got " + limit);
    }
    Network net = MnistModel.load(model);
    LabeledImages test = MnistSplit.readExamples(MnistFiles.locate(data, MnistFiles.TEST_IMAGES),
        MnistFiles.locate(data, MnistFiles.TEST_LABELS));
    if (limit != null) {
      test = test.first(limit);
    }
    int[] predicted = net.predict(test.images());
    int[] truth = test.labels();
    int k = MnistFiles.CLASSES;
    int[][] confusion = new int[k][k];
    int correct = 0;
    for (int i = 0; i < truth.length; i++) {
      confusion[truth[i]][predicted[i]]++;
      correct += truth[i] == predicted[i] ? 1 : 0;
    }
    out.printf(Locale.ROOT, "%s on %,d test images: %d / %d correct (%.2f%%)%n%n", net, truth.length, correct, truth.length,
        100.0 * correct / truth.length);
    out.println("digit  precision  recall  count");
    for (int d = 0; d < k; d++) {
      int predictedAsD = 0;
      int actualD = 0;
      for (int j = 0; j < k; j++) {
        predictedAsD += confusion[j][d];
        actualD += confusion[d][j];
      }
      out.printf(Locale.ROOT, "%5d  %8.2f%%  %5.2f%%  %5d%n", d, predictedAsD == 0 ? 0.0 : 100.0 * confusion[d][d] / predictedAsD,
          actualD == 0 ? 0.0 : 100.0 * confusion[d][d] / actualD, actualD);
    }
    out.println();
    out.println("confusion matrix (rows: true digit, columns: predicted)");
    StringBuilder head = new StringBuilder("      ");
    for (int j = 0; j < k; j++) {
      head.append(String.format(Locale.ROOT, "%6d", j));
    }
    out.println(head);
    for (int d = 0; d < k; d++) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6d", d));
      for (int j = 0; j < k; j++) {
        row.append(String.format(Locale.ROOT, "%6d", confusion[d][j]));
      }
      out.println(row);
    }
    return 0;
  }
}
