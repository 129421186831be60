package dev.nabla.examples.mnist.cli;

import dev.nabla.examples.mnist.LabeledImages;
import dev.nabla.examples.mnist.MnistFiles;
import dev.nabla.examples.mnist.report.Charts;
import dev.nabla.examples.mnist.report.DigitGrids;
import dev.nabla.nn.Network;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/** Writes a training run's pictures as PNG files into a directory. */
final class Report {
  /** The pictures, as listed in the summary. */
  static final String FILES = "accuracy.png, cost.png, weights.png, misclassified.png";
  private static final int MISCLASSIFIED_SHOWN = 40;

  private Report() {}

  /** The curves of {@code monitor}'s epochs, and the weights and mistakes of {@code net}, the model of epoch {@code selected}. */
  static void write(Path dir, Network net, LabeledImages test, TrainingMonitor monitor, int selected) throws IOException {
    Files.createDirectories(dir);
    png(dir.resolve("accuracy.png"), Charts.accuracy("Accuracy per epoch", List.of(
        new Charts.Series("validation (chooses the saved model)", monitor.validationAccuracies()),
        new Charts.Series("test", monitor.testAccuracies())), selected));
    png(dir.resolve("cost.png"), Charts.lineChart("Mean training cost per epoch", "cost C",
        List.of(new Charts.Series("training cost", monitor.costs()))));
    if (net.sizes()[0] == MnistFiles.PIXELS) {
      double[] w1 = net.parameters().get(net.layers().get(0).weights()).toArray();
      png(dir.resolve("weights.png"), DigitGrids.weights(w1, net.sizes()[1], 3));
    }
    int[] predicted = net.predict(test.images());
    List<DigitGrids.Tile> wrong = new ArrayList<>();
    int mistakes = 0;
    double[] pixels = test.images().rawData();
    for (int i = 0; i < predicted.length; i++) {
      if (predicted[i] != test.labels()[i]) {
        mistakes++;
        if (wrong.size() < MISCLASSIFIED_SHOWN) {
          double[] img = Arrays.copyOfRange(pixels, i * MnistFiles.PIXELS, (i + 1) * MnistFiles.PIXELS);
          wrong.add(new DigitGrids.Tile(img, predicted[i] + "/" + test.labels()[i] + "  #" + i));
        }
      }
    }
    if (!wrong.isEmpty()) {
      png(dir.resolve("misclassified.png"), DigitGrids.captioned(
          String.format("Misclassified test digits: the first %d of %d (saved model, epoch %d)", wrong.size(), mistakes, selected),
          "Caption: predicted digit / true digit, then #index in the test set (./mnist predict --test-index N)", wrong, 8, 3));
    } else {
      Files.deleteIfExists(dir.resolve("misclassified.png"));
    }
  }

  /** Writes to a temporary file beside the target, then renames it, so no half-written picture is left. */
  private static void png(Path file, BufferedImage img) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
    try {
      if (!ImageIO.write(img, "png", tmp.toFile())) {
        throw new IOException("no PNG writer available");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
