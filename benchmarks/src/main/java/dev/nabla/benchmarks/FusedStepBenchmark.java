package dev.nabla.benchmarks;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.SparseRows;
import dev.nabla.autodiff.eval.TrainingStep;
import dev.nabla.autodiff.eval.UpdateRule;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step compiled as one program ({@link TrainingStep}: packed weights, fused updates),
 * as an optimiser drives it: the non-zeros of the next batch of a shuffled set of 5,000 images are
 * gathered from an index kept with the data ({@link SparseRows}; the values are copied into the batch
 * tensor only when the step reads them, which it does not for these networks), the targets are
 * copied, and the step runs, updating the parameters in place. Compare with NumPy's step time (seconds per epoch /
 * steps per epoch).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FusedStepBenchmark {
  private static final int IMAGES = 5000;

  @Param({"10", "100"})
  public int batch;

  @Param({"784-30-10"})
  public String network;

  @Param({"vector", "scalar"})
  public String kernels;

  /** Whether the inputs' non-zeros come from an index kept with the data (else the step scans each batch). */
  @Param({"true"})
  public boolean sparse;

  private TrainingStep step;
  private Tensor images;
  private Tensor targets;
  private SparseRows index;
  private SparseRows batchRows;
  private double[] batchImages;
  private double[] batchTargets;
  private Bindings bindings;
  private int[] order;
  private int next;
  private boolean copyValues;

  /** Builds the step and the data. */
  @Setup
  public void setUp() {
    BenchData.Network net = BenchData.network(network);
    int classes = net.widths()[net.widths().length - 1];
    images = BenchData.images(IMAGES);
    targets = BenchData.oneHot(IMAGES, classes, 2);
    index = SparseRows.of(images);
    batchRows = SparseRows.empty(784);
    batchImages = new double[batch * 784];
    batchTargets = new double[batch * classes];
    bindings = Bindings.of(net.x(), Tensor.wrap(Shape.of(batch, 784), batchImages), net.y(),
        Tensor.wrap(Shape.of(batch, classes), batchTargets));
    TrainingStep.Builder b = TrainingStep.builder(net.cost(), net.initial(3)).rule(UpdateRule.gradientDescent(3.0))
        .kernels(BenchData.kernels(kernels));
    if (sparse) {
      b.sparseInput(net.x(), batchRows);
    }
    step = b.build();
    copyValues = step.readsValuesOf(net.x());
    order = new int[IMAGES];
    java.util.Random r = new java.util.Random(4);
    for (int i = 0; i < IMAGES; i++) {
      int j = r.nextInt(i + 1);
      order[i] = order[j];
      order[j] = i;
    }
  }

  /** Gathers the next batch and runs the step; returns the cost. */
  @Benchmark
  public double step() {
    if (next + batch > IMAGES) {
      next = 0;
    }
    int classes = batchTargets.length / batch;
    for (int r = 0; r < batch; r++) {
      int i = order[next + r];
      if (copyValues) {
        System.arraycopy(images.rawData(), i * 784, batchImages, r * 784, 784);
      }
      System.arraycopy(targets.rawData(), i * classes, batchTargets, r * classes, classes);
    }
    batchRows.gather(index, order, next, next + batch);
    next += batch;
    return step.run(bindings);
  }
}
