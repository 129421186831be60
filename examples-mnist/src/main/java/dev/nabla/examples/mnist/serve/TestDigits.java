package dev.nabla.examples.mnist.serve;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.examples.mnist.LabeledImages;
import dev.nabla.examples.mnist.MnistFiles;
import dev.nabla.examples.mnist.MnistSplit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The MNIST test images the page's "random test digit" button draws from, or the reason there are
 * none (the data was not fetched). The server runs without them; only {@code GET /api/test/…} needs
 * them.
 *
 * <pre>{@code
 * TestDigits digits = TestDigits.load(Path.of("data/mnist"));   // 10,000 images, or unavailable
 * }</pre>
 */
public final class TestDigits {
  private final LabeledImages images;
  private final String unavailable;

  private TestDigits(LabeledImages images, String unavailable) {
    this.images = images;
    this.unavailable = unavailable;
  }

  /** These images. */
  public static TestDigits of(LabeledImages images) {
    return new TestDigits(checkNotNull(images, "test images"), null);
  }

  /** No images, for the given reason (shown to the page's user). */
  public static TestDigits unavailable(String reason) {
    return new TestDigits(null, checkNotNull(reason, "reason"));
  }

  /**
   * The test images in {@code dir} (raw or gzipped IDX files), or {@link #unavailable} with the
   * reason when they are missing or unreadable.
   */
  public static TestDigits load(Path dir) {
    try {
      return of(MnistSplit.readExamples(MnistFiles.locate(dir, MnistFiles.TEST_IMAGES),
          MnistFiles.locate(dir, MnistFiles.TEST_LABELS)));
    } catch (IOException | IllegalArgumentException e) {
      return unavailable("no MNIST test images in " + dir + " (run scripts/fetch-mnist, or give mnist serve --data DIR): "
          + e.getMessage());
    }
  }

  /** The number of images, 0 when unavailable. */
  public int count() {
    return images == null ? 0 : images.size();
  }

  /** Why there are no images, or empty when there are. */
  public Optional<String> unavailableReason() {
    return Optional.ofNullable(unavailable);
  }

  /** Image {@code i}'s 784 pixels in {@code [0, 1]}; {@code 0 <= i < count()}. */
  double[] pixels(int i) {
    int n = MnistFiles.PIXELS;
    return Arrays.copyOfRange(images.images().rawData(), i * n, (i + 1) * n);
  }

  /** Image {@code i}'s label. */
  int label(int i) {
    return images.label(i);
  }
}
