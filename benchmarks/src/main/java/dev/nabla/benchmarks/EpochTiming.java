package dev.nabla.benchmarks;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Plan;
import dev.nabla.autodiff.eval.SparseRows;
import dev.nabla.autodiff.eval.TrainingStep;
import dev.nabla.autodiff.eval.UpdateRule;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seconds per training epoch through a {@link TrainingStep} driven as an optimiser drives it, timed
 * the way the NumPy peer times its own: each epoch shuffles the 50,000 training images with a seeded
 * generator, then for every mini-batch gathers the rows' non-zeros from the index kept with the data
 * (and copies their values into the batch tensor only if the step reads them, {@link
 * TrainingStep#readsValuesOf}), copies the targets, and runs the step. Evaluation is not timed. Then the time to
 * classify 10,000 images (forward pass and arg-max through a {@link Plan}).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     dev.nabla.benchmarks.EpochTiming [--network 784-30-10] [--batch 10] [--epochs 3] [--kernels vector|scalar]
 * </pre>
 *
 * Prints one line per epoch ({@code epoch 1: 0.123 s}), then the median of the epochs after the first
 * (which includes the JIT's compilation), then the classification time (its images' non-zeros kept with
 * them, {@link Plan#sparseInput}).
 * Uses MNIST from {@code data/mnist} ({@code scripts/fetch-mnist}), or synthetic images of the same
 * density when it is absent.
 */
public final class EpochTiming {
  private EpochTiming() {}

  /** Runs the epochs described by the arguments (see the class comment). */
  public static void main(String[] args) {
    String network = "784-30-10";
    int batch = 10;
    int epochs = 3;
    String kernels = "vector";
    int train = 50_000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--network" -> network = args[i + 1];
        case "--batch" -> batch = Integer.parseInt(args[i + 1]);
        case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
        case "--kernels" -> kernels = args[i + 1];
        case "--train" -> train = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    BenchData.Network net = BenchData.network(network);
    int classes = net.widths()[net.widths().length - 1];
    int inputs = net.widths()[0];
    Tensor images = BenchData.images(train);
    Tensor targets = BenchData.oneHot(train, classes, 2);
    SparseRows index = SparseRows.of(images);
    SparseRows rows = SparseRows.empty(inputs);
    TrainingStep step = TrainingStep.builder(net.cost(), net.initial(1)).rule(UpdateRule.gradientDescent(3.0))
        .kernels(BenchData.kernels(kernels)).sparseInput(net.x(), rows).build();
    boolean copyValues = step.readsValuesOf(net.x()); // false: the layer reads the batch through its rows only
    int[] sizes = train % batch == 0 ? new int[] {batch} : new int[] {batch, train % batch};
    Bindings[] bindings = new Bindings[sizes.length];
    double[][] batchImages = new double[sizes.length][];
    double[][] batchTargets = new double[sizes.length][];
    for (int s = 0; s < sizes.length; s++) {
      batchImages[s] = new double[sizes[s] * inputs];
      batchTargets[s] = new double[sizes[s] * classes];
      bindings[s] = Bindings.of(net.x(), Tensor.wrap(Shape.of(sizes[s], inputs), batchImages[s]), net.y(),
          Tensor.wrap(Shape.of(sizes[s], classes), batchTargets[s]));
    }
    System.out.printf("nabla %s, batch %d, %d images, kernels %s, %s%n", network, batch, train, kernels,
        System.getProperty("java.vm.version"));
    int[] order = new int[train];
    Arrays.setAll(order, i -> i);
    Random shuffle = new Random(1);
    double[] seconds = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      long start = System.nanoTime();
      for (int i = train - 1; i > 0; i--) { // Fisher–Yates
        int j = shuffle.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      double cost = 0;
      for (int from = 0; from < train; from += batch) {
        int s = from + batch <= train ? 0 : 1;
        int to = Math.min(train, from + batch);
        for (int r = from; r < to; r++) {
          if (copyValues) {
            System.arraycopy(images.rawData(), order[r] * inputs, batchImages[s], (r - from) * inputs, inputs);
          }
          System.arraycopy(targets.rawData(), order[r] * classes, batchTargets[s], (r - from) * classes, classes);
        }
        rows.gather(index, order, from, to);
        cost += step.run(bindings[s]);
      }
      seconds[e] = (System.nanoTime() - start) / 1e9;
      System.out.printf("epoch %d: %.4f s (mean batch cost %.4f)%n", e + 1, seconds[e], cost / ((train + batch - 1) / batch));
    }
    // the first epoch includes the JIT's compilation; the median is of the others (of all when there is one)
    double[] sorted = Arrays.copyOfRange(seconds, epochs > 1 ? 1 : 0, epochs);
    Arrays.sort(sorted);
    System.out.printf("median s/epoch %.4f (epochs %s)%n", sorted[sorted.length / 2], epochs > 1 ? "2-" + epochs : "1");
    Tensor test = BenchData.images(10_000);
    Plan classify = Plan.of(List.of(dev.nabla.autodiff.Nabla.argmax(net.output(), 1)), BenchData.kernels(kernels))
        .sparseInput(net.x(), SparseRows.of(test));
    Bindings all = Bindings.of(step.parameters()).with(net.x(), test);
    double[] ms = new double[15];
    for (int r = 0; r < ms.length; r++) {
      long start = System.nanoTime();
      classify.run(all);
      ms[r] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf("classify 10,000 images: median %.2f ms (of %d runs)%n", ms[ms.length / 2], ms.length);
  }
}
