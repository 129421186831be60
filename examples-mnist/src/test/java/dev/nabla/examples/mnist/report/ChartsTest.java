package dev.nabla.examples.mnist.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The report's charts for the runs that broke the hand-drawn ones: a flat series, one epoch, an infinite
 * cost, no finite value at all, and enormous values. Each is written to target/charts-test/ to be looked
 * at; the test checks only that each is drawn without failing.
 */
class ChartsTest {
  private static final Path OUT = Path.of("target", "charts-test");

  @Test
  void degenerateSeriesAreDrawn() throws IOException {
    save("flat-accuracy", Charts.accuracy("Accuracy per epoch", List.of(
        new Charts.Series("validation", new double[] {0.1, 0.1, 0.1, 0.1}),
        new Charts.Series("test", new double[] {0.1135, 0.1135, 0.1135, 0.1135})), 1));
    save("one-epoch", Charts.accuracy("Accuracy per epoch", List.of(new Charts.Series("validation", new double[] {0.9105}),
        new Charts.Series("test", new double[] {0.904})), 1));
    save("huge-cost", Charts.lineChart("Mean training cost per epoch", "cost C",
        List.of(new Charts.Series("training cost", new double[] {7.31e300, 6.97e300, 7.57e300}))));
    double[] accuracies = new double[30];
    for (int e = 0; e < 30; e++) {
      accuracies[e] = 0.95 - 0.05 / (e + 1);
    }
    save("thirty-epochs", Charts.accuracy("Accuracy per epoch", List.of(new Charts.Series("validation", accuracies)), 27));
    for (int n : new int[] {27, 60, 83}) {
      double[] longer = new double[n];
      for (int e = 0; e < n; e++) {
        longer[e] = 0.96 - 0.05 / (e + 1);
      }
      save(n + "-epochs", Charts.accuracy("Accuracy per epoch", List.of(new Charts.Series("validation", longer)), n - 3));
    }
    save("falling-cost", Charts.lineChart("Mean training cost per epoch", "cost C",
        List.of(new Charts.Series("training cost", new double[] {0.1308, 0.0726, 0.0589, 0.0501, 0.0457, 0.0421, 0.0398}))));
    save("infinite-cost", Charts.lineChart("Mean training cost per epoch", "cost C",
        List.of(new Charts.Series("training cost", new double[] {0.2, 0.1, Double.POSITIVE_INFINITY}))));
    save("no-finite-value", Charts.lineChart("Mean training cost per epoch", "cost C",
        List.of(new Charts.Series("training cost", new double[] {Double.NaN}))));
  }

  private static void save(String name, BufferedImage img) throws IOException {
    Files.createDirectories(OUT);
    assertEquals(800, img.getWidth());
    ImageIO.write(img, "png", new File(OUT.toFile(), name + ".png"));
  }
}
