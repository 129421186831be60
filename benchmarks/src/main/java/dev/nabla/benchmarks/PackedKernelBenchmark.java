package dev.nabla.benchmarks;

import dev.nabla.autodiff.eval.SparseRows;
import dev.nabla.autodiff.kernel.Activation;
import dev.nabla.autodiff.kernel.Kernels;
import dev.nabla.autodiff.kernel.PackedMatrix;
import dev.nabla.autodiff.kernel.Rows;
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
 * The packed-layout kernels one training step of [784, 30, 10] runs, alone, for both implementations:
 * the first layer's product {@code σ(x·P₁ + b₁)} over the images' non-zeros, the fused update {@code P₁
 * += α·xᵀ·δ₁}, and the backward product through the second layer {@code δ₂·P₂ᵀ}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PackedKernelBenchmark {
  @Param({"10", "100"})
  public int batch;

  @Param({"vector", "scalar"})
  public String kernels;

  private Kernels k;
  private Rows rows;
  private PackedMatrix p1;
  private PackedMatrix p2;
  private double[] b1;
  private double[] a1;
  private double[] d1;
  private double[] d2;
  private double[] back;

  /** Random weights and MNIST images. */
  @Setup
  public void setUp() {
    k = BenchData.kernels(kernels);
    SparseRows x = SparseRows.of(BenchData.images(batch));
    rows = sparse(x);
    p1 = PackedMatrix.zeros(784, 30);
    p1.copyFrom(Tensor.randomNormal(Shape.of(30, 784), 0, 1, 1).rawData(), true);
    p2 = PackedMatrix.zeros(30, 10);
    p2.copyFrom(Tensor.randomNormal(Shape.of(10, 30), 0, 1, 2).rawData(), true);
    b1 = Tensor.randomNormal(Shape.of(30), 0, 1, 3).toArray();
    a1 = new double[batch * 30];
    d1 = Tensor.randomNormal(Shape.of(batch * 30), 0, 1e-3, 4).toArray();
    d2 = Tensor.randomNormal(Shape.of(batch * 10), 0, 1, 5).toArray();
    back = new double[batch * 30];
  }

  private static Rows sparse(SparseRows x) {
    Tensor dense = x.toTensor();
    int m = x.rows();
    int[] start = new int[m + 1];
    int[] cols = new int[x.nonZeros()];
    double[] vals = new double[x.nonZeros()];
    int t = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < x.cols(); j++) {
        double v = dense.rawData()[i * x.cols() + j];
        if (v != 0) {
          cols[t] = j;
          vals[t++] = v;
        }
      }
      start[i + 1] = t;
    }
    return new Rows().sparse(start, cols, vals);
  }

  /** σ(x·P₁ + b₁). */
  @Benchmark
  public double[] forward() {
    k.packedProduct(rows, p1, b1, Activation.SIGMOID, null, a1, 0, batch);
    return a1;
  }

  /** P₁ += α·xᵀ·δ₁ (α tiny, so the weights stay put across iterations). */
  @Benchmark
  public PackedMatrix fusedUpdate() {
    k.packedOuterUpdate(rows, d1, batch, -1e-9, p1, 0, 784);
    return p1;
  }

  /** σ(x·P₁ + b₁), the first half of P₁'s columns only: one core's part when split by columns. */
  @Benchmark
  public double[] forwardHalf() {
    k.packedProduct(rows, p1, b1, Activation.SIGMOID, null, a1, 0, batch, 0, p1.ld() / 2);
    return a1;
  }

  /** P₁ += α·xᵀ·δ₁ over the first half of P₁'s columns. */
  @Benchmark
  public PackedMatrix fusedUpdateHalf() {
    k.packedOuterUpdate(rows, d1, batch, -1e-9, p1, 0, 784, 0, p1.ld() / 2);
    return p1;
  }

  /** δ₂·P₂ᵀ. */
  @Benchmark
  public double[] backward() {
    k.packedTransposedProduct(d2, p2, back, 0, batch);
    return back;
  }
}
