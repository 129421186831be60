package dev.nabla.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.autodiff.tensor.Shape;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The full data set, when {@code scripts/fetch-mnist} has put it in {@code data/mnist} at the
 * repository root; skipped otherwise (as on CI, which only has the committed subset).
 */
class FetchedMnistTest {
  private static final Path FETCHED = Path.of("..").resolve(MnistFiles.DEFAULT_DIRECTORY);

  @BeforeAll
  static void requireFetchedData() {
    assumeTrue(Files.isRegularFile(FETCHED.resolve(MnistFiles.TRAIN_IMAGES)),
        "MNIST not fetched into " + FETCHED.toAbsolutePath().normalize() + "; run scripts/fetch-mnist");
  }

  @Test
  void standardSplitHasNielsensSizesAndLabelCounts() throws IOException {
    MnistSplit mnist = MnistSplit.load(FETCHED);
    assertEquals(Shape.of(50_000, 784), mnist.training().images().shape());
    assertEquals(Shape.of(10_000, 784), mnist.validation().images().shape());
    assertEquals(Shape.of(10_000, 784), mnist.test().images().shape());
    assertArrayEquals(new int[] {4932, 5678, 4968, 5101, 4859, 4506, 4951, 5175, 4842, 4988},
        mnist.training().labelCounts());
    assertArrayEquals(new int[] {991, 1064, 990, 1030, 983, 915, 967, 1090, 1009, 961},
        mnist.validation().labelCounts());
    assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, mnist.test().labelCounts());
    assertArrayEquals(new int[] {3, 8, 6, 9, 6}, Arrays.copyOf(mnist.validation().labels(), 5));
  }

  @Test
  void committedSubsetIsThePrefixOfTheFetchedFiles() throws IOException, URISyntaxException {
    Path subset = Path.of(getClass().getResource("/mnist/" + MnistFiles.TEST_LABELS + ".gz").toURI()).getParent();
    for (String name : new String[] {MnistFiles.TRAIN_IMAGES, MnistFiles.TEST_IMAGES}) {
      IdxArray part = MnistFiles.readImages(MnistFiles.locate(subset, name));
      IdxArray whole = MnistFiles.readImages(FETCHED.resolve(name));
      assertArrayEquals(Arrays.copyOf(whole.toByteArray(), part.size()), part.toByteArray(), name);
    }
    for (String name : new String[] {MnistFiles.TRAIN_LABELS, MnistFiles.TEST_LABELS}) {
      IdxArray part = MnistFiles.readLabels(MnistFiles.locate(subset, name));
      IdxArray whole = MnistFiles.readLabels(FETCHED.resolve(name));
      assertArrayEquals(Arrays.copyOf(whole.toByteArray(), part.size()), part.toByteArray(), name);
    }
  }
}
