package dev.nabla.examples.mnist;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The four MNIST files and what makes each valid: image files are IDX arrays of dimensions
 * {@code [n, 28, 28]}, label files are IDX arrays of dimensions {@code [n]} whose values are digits
 * {@code 0..9}. Anything else is rejected with an {@link IdxFormatException} naming the file.
 *
 * <p>A data directory holds each file under its original name, raw ({@code train-images-idx3-ubyte},
 * as {@code scripts/fetch-mnist} writes them) or gzip-compressed with a {@code .gz} suffix (as the
 * test subset is committed).
 *
 * <pre>{@code
 * Path dir = MnistFiles.DEFAULT_DIRECTORY;
 * IdxArray images = MnistFiles.readImages(MnistFiles.locate(dir, MnistFiles.TRAIN_IMAGES));
 * IdxArray labels = MnistFiles.readLabels(MnistFiles.locate(dir, MnistFiles.TRAIN_LABELS));
 * }</pre>
 *
 * <p>MNIST is by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, licensed CC BY-SA 3.0.
 */
public final class MnistFiles {
  /** Where {@code scripts/fetch-mnist} puts the files by default, relative to the repository root. */
  public static final Path DEFAULT_DIRECTORY = Path.of("data", "mnist");

  /** 60,000 training images. */
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  /** The 60,000 training labels. */
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  /** 10,000 test images. */
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  /** The 10,000 test labels. */
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  /** Image height in pixels. */
  public static final int ROWS = 28;
  /** Image width in pixels. */
  public static final int COLUMNS = 28;
  /** Pixels per image, the width of one row of an images tensor. */
  public static final int PIXELS = ROWS * COLUMNS;
  /** The number of classes: the digits 0 to 9. */
  public static final int CLASSES = 10;

  private static final IdxReader READER = IdxReader.create();

  private MnistFiles() {}

  /**
   * The file called {@code name} in {@code dir}, or else {@code name + ".gz"}.
   *
   * @throws NoSuchFileException when neither exists; the message says how to fetch the data
   */
  public static Path locate(Path dir, String name) throws NoSuchFileException {
    checkNotNull(dir, "dir");
    checkNotNull(name, "name");
    Path raw = dir.resolve(name);
    if (Files.isRegularFile(raw)) {
      return raw;
    }
    Path gzip = dir.resolve(name + ".gz");
    if (Files.isRegularFile(gzip)) {
      return gzip;
    }
    throw new NoSuchFileException(raw.toString(), null,
        "not found (nor " + gzip.getFileName() + "); run scripts/fetch-mnist" + (dir.equals(DEFAULT_DIRECTORY) ? "" : " " + dir)
            + " to download MNIST into " + dir);
  }

  /** Reads and checks an image file: dimensions {@code [n, 28, 28]}. */
  public static IdxArray readImages(Path file) throws IOException {
    return checkImages(READER.read(file, 3));
  }

  /** Checks in-memory image-file content (raw or gzip), naming it {@code name} in messages. */
  public static IdxArray images(String name, byte[] content) {
    return checkImages(READER.read(name, content, 3));
  }

  /** Reads and checks a label file: dimensions {@code [n]}, every value a digit 0 to 9. */
  public static IdxArray readLabels(Path file) throws IOException {
    return checkLabels(READER.read(file, 1));
  }

  /** Checks in-memory label-file content (raw or gzip), naming it {@code name} in messages. */
  public static IdxArray labels(String name, byte[] content) {
    return checkLabels(READER.read(name, content, 1));
  }

  private static IdxArray checkImages(IdxArray images) {
    if (images.dim(1) != ROWS || images.dim(2) != COLUMNS) {
      throw new IdxFormatException(images.source(), String.format(Locale.ROOT,
          "images are %d × %d pixels; MNIST images are %d × %d", images.dim(1), images.dim(2), ROWS, COLUMNS));
    }
    return images;
  }

  private static IdxArray checkLabels(IdxArray labels) {
    byte[] values = labels.rawBytes();
    for (int i = 0; i < values.length; i++) {
      int label = values[i] & 0xFF;
      if (label >= CLASSES) {
        throw new IdxFormatException(labels.source(), String.format(Locale.ROOT,
            "label %d at index %d is not a digit 0 to %d", label, i, CLASSES - 1));
      }
    }
    return labels;
  }

  /**
   * Checks that an image file and a label file describe the same number of examples.
   *
   * @throws IllegalArgumentException naming both files when the counts differ
   */
  static void checkSameCount(IdxArray images, IdxArray labels) {
    checkArgument(images.count() == labels.count(), "%s holds %s images but %s holds %s labels",
        images.source(), images.count(), labels.source(), labels.count());
  }
}
