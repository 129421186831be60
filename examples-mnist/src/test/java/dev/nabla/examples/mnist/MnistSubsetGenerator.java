package dev.nabla.examples.mnist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes the committed test subset: the first 1,000 training and first 500 test images and labels of
 * the real MNIST files, as gzipped IDX files. Run once, after {@code scripts/fetch-mnist}, from the
 * repository root (it is not a test):
 *
 * <pre>
 * mvn -o -q -pl examples-mnist test-compile
 * java -cp examples-mnist/target/classes:examples-mnist/target/test-classes:$HOME/.m2/repository/com/google/guava/guava/33.5.0-jre/guava-33.5.0-jre.jar \
 *     dev.nabla.examples.mnist.MnistSubsetGenerator data/mnist examples-mnist/src/test/resources/mnist
 * </pre>
 *
 * <p>(Guava's version is the parent POM's {@code guava.version}.) The output is deterministic: running
 * it again rewrites the same bytes.
 */
final class MnistSubsetGenerator {
  static final int TRAINING = 1000;
  static final int TEST = 500;

  private MnistSubsetGenerator() {}

  public static void main(String[] args) throws IOException {
    Path from = Path.of(args.length > 0 ? args[0] : "data/mnist");
    Path to = Path.of(args.length > 1 ? args[1] : "examples-mnist/src/test/resources/mnist");
    Files.createDirectories(to);
    copyPrefix(from, to, MnistFiles.TRAIN_IMAGES, true, TRAINING);
    copyPrefix(from, to, MnistFiles.TRAIN_LABELS, false, TRAINING);
    copyPrefix(from, to, MnistFiles.TEST_IMAGES, true, TEST);
    copyPrefix(from, to, MnistFiles.TEST_LABELS, false, TEST);
  }

  private static void copyPrefix(Path from, Path to, String name, boolean images, int n) throws IOException {
    Path source = MnistFiles.locate(from, name);
    IdxArray all = images ? MnistFiles.readImages(source) : MnistFiles.readLabels(source);
    int[] dims = all.dims();
    dims[0] = n;
    byte[] prefix = Arrays.copyOf(all.toByteArray(), n * all.recordSize());
    Path target = to.resolve(name + ".gz");
    IdxWriter.write(IdxArray.of(name, dims, prefix), target);
    System.out.printf("%s: %d of %d records, %d bytes%n", target, n, all.count(), Files.size(target));
  }
}
