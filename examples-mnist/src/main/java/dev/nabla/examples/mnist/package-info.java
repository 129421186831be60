/**
 * MNIST for the examples: reading IDX files safely, and the training / validation / test split of
 * Nielsen's book as {@link dev.nabla.autodiff.tensor.Tensor}s.
 *
 * <pre>{@code
 * MnistSplit mnist = MnistSplit.load(MnistFiles.DEFAULT_DIRECTORY);     // after scripts/fetch-mnist
 * Tensor x = mnist.training().images();         // [50000, 784], pixels in [0, 1]
 * Tensor y = mnist.training().oneHotLabels();   // [50000, 10]
 * int[] digits = mnist.test().labels();         // 10000 digits 0..9
 * }</pre>
 *
 * <p>{@link dev.nabla.examples.mnist.IdxReader} reads raw or gzipped IDX files and rejects bad ones
 * with an {@link dev.nabla.examples.mnist.IdxFormatException} naming the file, before any large
 * allocation; {@link dev.nabla.examples.mnist.MnistFiles} adds MNIST's own rules (28 × 28 images,
 * labels 0 to 9); {@link dev.nabla.examples.mnist.MnistSplit} and {@link
 * dev.nabla.examples.mnist.SplitSizes} make the split; {@link dev.nabla.examples.mnist.LabeledImages}
 * holds one part. {@link dev.nabla.examples.mnist.MnistModel} loads a saved model and checks that it is
 * 784 → 10; {@link dev.nabla.examples.mnist.DigitImage} turns a picture (a file or any bytes, refused
 * above 4096 pixels a side before decoding) into the network's input; {@link
 * dev.nabla.examples.mnist.Saturation} measures how many sigmoid activations are stuck near 0 or 1.
 *
 * <p>MNIST is by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, licensed CC BY-SA 3.0.
 */
@CheckReturnValue
package dev.nabla.examples.mnist;

import com.google.errorprone.annotations.CheckReturnValue;
