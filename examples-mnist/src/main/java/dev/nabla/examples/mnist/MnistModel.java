package dev.nabla.examples.mnist;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.nn.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Loads a model saved by {@code mnist train} and checks that it is an MNIST classifier: 784 inputs (28×28
 * pixels) and 10 outputs (the digits). A missing file, a directory or a network of another shape is
 * refused with a message that names the file and says what is wrong.
 *
 * <pre>{@code
 * Network net = MnistModel.load(Path.of("mnist-model.nabla"));
 * }</pre>
 */
public final class MnistModel {
  private MnistModel() {}

  /**
   * The network in {@code file}.
   *
   * @throws IllegalArgumentException when the file does not exist, is a directory, or holds a network
   *     whose input or output size is not MNIST's
   * @throws dev.nabla.nn.NetworkFileException when the file is not a valid saved network
   * @throws IOException when the file cannot be read
   */
  public static Network load(Path file) throws IOException {
    checkNotNull(file, "model file");
    checkArgument(Files.exists(file), "model file %s does not exist; train one with: ./mnist train --model-out %s", file, file);
    checkArgument(!Files.isDirectory(file), "model file %s is a directory, not a model saved by 'mnist train'", file);
    Network net = Network.load(file);
    int[] sizes = net.sizes();
    checkArgument(sizes[0] == MnistFiles.PIXELS && sizes[sizes.length - 1] == MnistFiles.CLASSES,
        "model file %s holds a network of layer sizes %s; an MNIST model takes %s inputs (28×28 pixels) and has %s "
            + "outputs (the digits 0 to 9)", file, Arrays.toString(sizes), MnistFiles.PIXELS, MnistFiles.CLASSES);
    return net;
  }
}
