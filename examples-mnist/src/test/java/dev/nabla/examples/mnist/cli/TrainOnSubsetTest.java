package dev.nabla.examples.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the committed subset of the real MNIST data (first 1,000 training and 500 test images,
 * see src/test/resources/mnist/README.md): train for a few epochs, then evaluate and predict with the
 * saved model.
 */
class TrainOnSubsetTest {
  private static Path subset() throws URISyntaxException {
    return Path.of(TrainOnSubsetTest.class.getResource("/mnist/README.md").toURI()).getParent();
  }

  @Test
  void trainingOnTheSubsetReachesAccuracyFarAboveChanceAndWritesModelAndReport(@TempDir Path dir) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path model = dir.resolve("model.nabla");
    Path report = dir.resolve("report");
    int status = MnistCli.run(new String[] {"train", "--data", subset().toString(), "--limit", "500", "--epochs", "10", "--init", "scaled",
        "--model-out", model.toString(), "--report-dir", report.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
    assertEquals(0, status, err.toString());
    String log = out.toString();
    assertEquals(10, log.lines().filter(l -> l.startsWith("Epoch ")).count(), log);
    assertTrue(log.contains("Epoch 10/10: "), log);
    Matcher best = Pattern.compile("Best validation accuracy [0-9.]+% at epoch \\d+; .* test accuracy ([0-9.]+)%").matcher(log);
    assertTrue(best.find(), log);
    double accuracy = Double.parseDouble(best.group(1));
    assertTrue(accuracy > 70, "chance is 10%; got " + accuracy + "%\n" + log);
    assertTrue(Files.size(model) > 8 * 23_860, "model file holds the parameters");
    for (String png : new String[] {"accuracy.png", "cost.png", "weights.png", "misclassified.png"}) {
      assertTrue(Files.size(report.resolve(png)) > 1000, png);
    }

    StringWriter evalOut = new StringWriter();
    assertEquals(0, MnistCli.run(new String[] {"evaluate", "--model", model.toString(), "--data", subset().toString()},
        new PrintWriter(evalOut, true), new PrintWriter(err, true)), err.toString());
    assertTrue(evalOut.toString().contains("on 500 test images"), evalOut.toString());
    assertTrue(evalOut.toString().contains("confusion matrix"), evalOut.toString());

    StringWriter predictOut = new StringWriter();
    assertEquals(0, MnistCli.run(new String[] {"predict", "--model", model.toString(), "--data", subset().toString(), "--test-index", "0"},
        new PrintWriter(predictOut, true), new PrintWriter(err, true)), err.toString());
    assertTrue(predictOut.toString().startsWith("digit: "), predictOut.toString());
    assertTrue(predictOut.toString().contains("(labelled 7)"), predictOut.toString());
    assertEquals(11, predictOut.toString().lines().count(), predictOut.toString());
  }
}
