package dev.nabla.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed subset of real MNIST (src/test/resources/mnist) loads and splits as documented. */
class MnistSubsetTest {
  private static Path subset;
  private static LabeledImages training;
  private static LabeledImages test;

  @BeforeAll
  static void readSubset() throws IOException, URISyntaxException {
    subset = Path.of(MnistSubsetTest.class.getResource("/mnist/" + MnistFiles.TRAIN_LABELS + ".gz").toURI()).getParent();
    training = MnistSplit.readExamples(MnistFiles.locate(subset, MnistFiles.TRAIN_IMAGES),
        MnistFiles.locate(subset, MnistFiles.TRAIN_LABELS));
    test = MnistSplit.readExamples(MnistFiles.locate(subset, MnistFiles.TEST_IMAGES),
        MnistFiles.locate(subset, MnistFiles.TEST_LABELS));
  }

  @Test
  void subsetHoldsAThousandTrainingAndFiveHundredTestImagesOf784Pixels() {
    assertEquals(Shape.of(1000, 784), training.images().shape());
    assertEquals(Shape.of(500, 784), test.images().shape());
    assertEquals(1000, training.size());
    assertEquals(500, test.size());
  }

  @Test
  void everyDigitAppearsAndTheCountsAreMnists() {
    assertArrayEquals(new int[] {97, 116, 99, 93, 105, 92, 94, 117, 87, 100}, training.labelCounts());
    assertArrayEquals(new int[] {42, 67, 55, 45, 55, 50, 43, 49, 40, 54}, test.labelCounts());
    assertTrue(Arrays.stream(test.labelCounts()).allMatch(c -> c > 0));
  }

  @Test
  void firstLabelsAreTheWellKnownOnes() {
    assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, Arrays.copyOf(training.labels(), 10));
    assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(test.labels(), 10));
  }

  @Test
  void pixelsAreScaledToTheUnitInterval() {
    double[] pixels = training.images().rawData();
    assertEquals(0.0, Arrays.stream(pixels).min().orElseThrow());
    assertEquals(1.0, Arrays.stream(pixels).max().orElseThrow());
    double zeros = Arrays.stream(pixels).filter(p -> p == 0).count() / (double) pixels.length;
    assertTrue(zeros > 0.7 && zeros < 0.9, "fraction of zero pixels " + zeros);
  }

  @Test
  void oneHotLabelsHaveASingleOneInTheLabelsColumn() {
    Tensor y = training.oneHotLabels();
    assertEquals(Shape.of(1000, 10), y.shape());
    for (int i = 0; i < training.size(); i++) {
      for (int d = 0; d < 10; d++) {
        assertEquals(d == training.label(i) ? 1.0 : 0.0, y.get(i, d));
      }
    }
  }

  @Test
  void splitTakesTrainingFromTheStartAndValidationFromTheEndOfTheTrainingFile() throws IOException {
    MnistSplit split = MnistSplit.load(subset, new SplitSizes(700, 200, 500));
    assertEquals(rows(training, 0, 700), split.training());
    assertEquals(rows(training, 800, 1000), split.validation());
    assertEquals(test, split.test());
  }

  @Test
  void atMostLoadsOnlyTheFirstExamplesOfEachPart() throws IOException {
    MnistSplit split = MnistSplit.load(subset, SplitSizes.STANDARD.atMost(100));
    assertEquals(rows(training, 0, 100), split.training());
    assertEquals(rows(training, 900, 1000), split.validation());
    assertEquals(rows(test, 0, 100), split.test());
  }

  @Test
  void askingForMoreExamplesThanTheFilesHoldIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MnistSplit.load(subset));
    assertEquals(subset.resolve(MnistFiles.TRAIN_IMAGES + ".gz")
        + " holds 1000 images; 50000 for training + 10000 for validation need 60000", e.getMessage());
  }

  @Test
  void missingFilesPointToTheFetchScript(@TempDir Path empty) {
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MnistSplit.load(empty));
    assertTrue(e.getMessage().contains("run scripts/fetch-mnist"), e.getMessage());
    assertTrue(e.getMessage().startsWith(empty.resolve(MnistFiles.TRAIN_IMAGES).toString()), e.getMessage());
  }

  private static LabeledImages rows(LabeledImages all, int from, int to) {
    double[] pixels = Arrays.copyOfRange(all.images().rawData(), from * 784, to * 784);
    return new LabeledImages(Tensor.of(Shape.of(to - from, 784), pixels), Arrays.copyOfRange(all.labels(), from, to));
  }
}
