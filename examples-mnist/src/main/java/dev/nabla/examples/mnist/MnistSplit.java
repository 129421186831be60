package dev.nabla.examples.mnist;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Path;

/**
 * MNIST split into training, validation and test examples, as in Nielsen's book: by default 50,000
 * training images (the first of the training file), 10,000 validation images (its last 10,000) and the
 * 10,000 test images, pixels scaled to {@code [0, 1]}.
 *
 * <pre>{@code
 * MnistSplit mnist = MnistSplit.load(MnistFiles.DEFAULT_DIRECTORY);               // everything
 * MnistSplit quick = MnistSplit.load(dir, SplitSizes.STANDARD.atMost(1000));      // a quick run
 * Tensor x = mnist.training().images();           // [50000, 784]
 * Tensor y = mnist.training().oneHotLabels();     // [50000, 10]
 * }</pre>
 *
 * <p>The full split holds about 440 MB of {@code double}s. Run {@code scripts/fetch-mnist} first to put
 * the files in {@link MnistFiles#DEFAULT_DIRECTORY}.
 *
 * @param training the examples to learn from
 * @param validation held-out examples for choosing hyper-parameters and stopping
 * @param test held-out examples for the final accuracy
 */
public record MnistSplit(LabeledImages training, LabeledImages validation, LabeledImages test) {

  /** Checks that no part is missing. */
  public MnistSplit {
    checkNotNull(training, "training");
    checkNotNull(validation, "validation");
    checkNotNull(test, "test");
  }

  /** The standard split of the four MNIST files in {@code dir}. */
  public static MnistSplit load(Path dir) throws IOException {
    return load(dir, SplitSizes.STANDARD);
  }

  /**
   * The split of the four MNIST files in {@code dir} (raw, or gzipped with a {@code .gz} suffix) with
   * the given sizes.
   *
   * @throws java.nio.file.NoSuchFileException when a file is missing (the message says how to fetch it)
   * @throws IdxFormatException when a file is not valid MNIST data
   * @throws IllegalArgumentException when the files hold fewer examples than {@code sizes} ask for, or
   *     images and labels disagree in number
   * @throws IOException when a file cannot be read
   */
  public static MnistSplit load(Path dir, SplitSizes sizes) throws IOException {
    checkNotNull(dir, "dir");
    checkNotNull(sizes, "sizes");
    IdxArray trainImages = MnistFiles.readImages(MnistFiles.locate(dir, MnistFiles.TRAIN_IMAGES));
    IdxArray trainLabels = MnistFiles.readLabels(MnistFiles.locate(dir, MnistFiles.TRAIN_LABELS));
    MnistFiles.checkSameCount(trainImages, trainLabels);
    int n = trainImages.count();
    checkArgument((long) sizes.training() + sizes.validation() <= n,
        "%s holds %s images; %s for training + %s for validation need %s",
        trainImages.source(), n, sizes.training(), sizes.validation(), (long) sizes.training() + sizes.validation());
    LabeledImages training = LabeledImages.fromIdx(trainImages, trainLabels, 0, sizes.training());
    LabeledImages validation = LabeledImages.fromIdx(trainImages, trainLabels, n - sizes.validation(), n);

    IdxArray testImages = MnistFiles.readImages(MnistFiles.locate(dir, MnistFiles.TEST_IMAGES));
    IdxArray testLabels = MnistFiles.readLabels(MnistFiles.locate(dir, MnistFiles.TEST_LABELS));
    MnistFiles.checkSameCount(testImages, testLabels);
    checkArgument(sizes.test() <= testImages.count(), "%s holds %s images; %s asked for testing",
        testImages.source(), testImages.count(), sizes.test());
    LabeledImages test = LabeledImages.fromIdx(testImages, testLabels, 0, sizes.test());
    return new MnistSplit(training, validation, test);
  }

  /**
   * All examples of one image file and its label file, for example the test set on its own:
   * {@code MnistSplit.readExamples(dir.resolve(TEST_IMAGES), dir.resolve(TEST_LABELS))}.
   */
  public static LabeledImages readExamples(Path imagesFile, Path labelsFile) throws IOException {
    IdxArray images = MnistFiles.readImages(imagesFile);
    IdxArray labels = MnistFiles.readLabels(labelsFile);
    return LabeledImages.fromIdx(images, labels, 0, images.count());
  }
}
