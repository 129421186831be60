package dev.nabla.examples.mnist;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkPositionIndexes;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import dev.nabla.nn.Labels;
import java.util.Arrays;

/**
 * Images with their digit labels: {@code images} has shape {@code [n, pixels]}, one image per row with
 * pixels in {@code [0, 1]} (784 of them for MNIST), and {@code labels[i]} in {@code 0..9} is the digit
 * shown in row {@code i}.
 *
 * <pre>{@code
 * LabeledImages training = MnistSplit.load(MnistFiles.DEFAULT_DIRECTORY).training();
 * Tensor x = training.images();          // [50000, 784]
 * Tensor y = training.oneHotLabels();    // [50000, 10], the targets y(x) of the quadratic cost
 * }</pre>
 *
 * @param images shape {@code [n, pixels]}, values in {@code [0, 1]}
 * @param labels {@code n} digits; copied in and out
 */
public record LabeledImages(Tensor images, int[] labels) {

  /** Checks the shapes and labels; copies the labels. */
  public LabeledImages {
    checkNotNull(images, "images");
    checkNotNull(labels, "labels");
    checkArgument(images.shape().rank() == 2, "LabeledImages: images must have shape [n, pixels], got %s", images.shape());
    checkArgument(images.shape().dim(0) == labels.length,
        "LabeledImages: %s images but %s labels", images.shape().dim(0), labels.length);
    labels = labels.clone();
    for (int i = 0; i < labels.length; i++) {
      checkArgument(labels[i] >= 0 && labels[i] < MnistFiles.CLASSES,
          "LabeledImages: label %s at index %s is not a digit 0 to 9", labels[i], i);
    }
  }

  /**
   * Records {@code [from, to)} of an image file and its label file, pixels scaled from
   * {@code 0..255} to {@code [0, 1]} by dividing by 255.
   *
   * @throws IllegalArgumentException when the files hold different numbers of examples, the range is
   *     empty or out of bounds, or a label is not a digit
   */
  public static LabeledImages fromIdx(IdxArray images, IdxArray labels, int from, int to) {
    checkNotNull(images, "images");
    checkNotNull(labels, "labels");
    checkArgument(labels.rank() == 1, "%s: labels must have one dimension, got %s", labels.source(), labels.rank());
    MnistFiles.checkSameCount(images, labels);
    checkPositionIndexes(from, to, images.count());
    checkArgument(from < to, "LabeledImages.fromIdx: empty range [%s, %s) of %s", from, to, images.source());
    int pixels = images.recordSize();
    byte[] bytes = images.rawBytes();
    double[] data = new double[Math.multiplyExact(to - from, pixels)];
    int offset = from * pixels;
    for (int i = 0; i < data.length; i++) {
      data[i] = (bytes[offset + i] & 0xFF) / 255.0;
    }
    int[] digits = new int[to - from];
    for (int i = 0; i < digits.length; i++) {
      digits[i] = labels.unsigned(from + i);
    }
    return new LabeledImages(Tensor.wrap(Shape.of(to - from, pixels), data), digits);
  }

  /** A copy of the labels. */
  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** The number of examples. */
  public int size() {
    return labels.length;
  }

  /** The label of example {@code i}. */
  public int label(int i) {
    checkElementIndex(i, labels.length, "example");
    return labels[i];
  }

  /**
   * The first {@code n} examples (all of them when there are fewer), copied.
   *
   * <pre>{@code
   * LabeledImages sample = validation.first(1000);
   * }</pre>
   */
  public LabeledImages first(int n) {
    checkArgument(n > 0, "LabeledImages.first: n must be positive, got %s", n);
    int k = Math.min(n, labels.length);
    int pixels = images.shape().dim(1);
    return new LabeledImages(Tensor.wrap(Shape.of(k, pixels), Arrays.copyOf(images.rawData(), k * pixels)),
        Arrays.copyOf(labels, k));
  }

  /** The labels one-hot: shape {@code [n, 10]}, row {@code i} has a 1 in column {@code labels[i]}. */
  public Tensor oneHotLabels() {
    return Labels.oneHot(labels, MnistFiles.CLASSES);
  }

  /** How many examples show each digit: element {@code d} counts the labels equal to {@code d}. */
  public int[] labelCounts() {
    int[] counts = new int[MnistFiles.CLASSES];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabeledImages l && images.equals(l.images) && Arrays.equals(labels, l.labels);
  }

  @Override
  public int hashCode() {
    return 31 * images.hashCode() + Arrays.hashCode(labels);
  }

  /** For example {@code LabeledImages[50000 images of 784 pixels]}. */
  @Override
  public String toString() {
    return "LabeledImages[" + size() + " images of " + images.shape().dim(1) + " pixels]";
  }
}
