package dev.nabla.benchmarks;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.kernel.Kernels;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the benchmarks share: the kernels by name, sigmoid networks of any widths with the seeds'
 * quadratic cost, and inputs: the MNIST training images when {@code data/mnist} has them (run
 * {@code scripts/fetch-mnist}; the directory is {@code -Dnabla.mnist.data}), synthetic images of the
 * same density (about 19% non-zeros) otherwise.
 */
final class BenchData {
  private BenchData() {}

  /** {@code "vector"} or {@code "scalar"}. */
  static Kernels kernels(String name) {
    return switch (name) {
      case "vector" -> Kernels.vector().orElseThrow(() -> new IllegalStateException(
          "the vector kernels need --add-modules jdk.incubator.vector"));
      case "scalar" -> Kernels.scalar();
      default -> throw new IllegalArgumentException("kernels: vector or scalar, not " + name);
    };
  }

  /** A sigmoid network: its input and target variables, parameters and quadratic cost. */
  record Network(Variable x, Variable y, List<Variable> parameters, Expr output, Expr cost, int[] widths) {
    /** Parameters drawn from N(0, 1), as the seeds draw them. */
    Map<Variable, Tensor> initial(long seed) {
      Map<Variable, Tensor> init = new LinkedHashMap<>();
      for (int l = 1; l < widths.length; l++) {
        init.put(parameters.get(2 * l - 2), Tensor.randomNormal(Shape.of(widths[l], widths[l - 1]), 0, 1, seed + l));
        init.put(parameters.get(2 * l - 1), Tensor.randomNormal(Shape.of(widths[l]), 0, 1, seed + 100 + l));
      }
      return init;
    }

    /** All outputs a plain step computes: the cost, then one gradient per parameter. */
    List<Expr> costAndGradients() {
      List<Expr> outputs = new ArrayList<>(List.of(cost));
      outputs.addAll(grad(cost, parameters.toArray(new Variable[0])));
      return outputs;
    }
  }

  /** The network of {@code widths} written {@code "784-30-10"}. */
  static Network network(String widths) {
    int[] w = Arrays.stream(widths.split("-")).mapToInt(Integer::parseInt).toArray();
    Variable x = variable("x", Shape.batch(w[0]));
    Variable y = variable("y", Shape.batch(w[w.length - 1]));
    List<Variable> params = new ArrayList<>();
    Expr a = x;
    for (int l = 1; l < w.length; l++) {
      Variable wl = variable("w" + l, w[l], w[l - 1]);
      Variable bl = variable("b" + l, w[l]);
      params.add(wl);
      params.add(bl);
      a = sigmoid(add(matmul(a, transpose(wl)), bl));
    }
    Expr cost = div(sum(square(sub(a, y))), mul(constant(2), Count.of(a, 0)));
    return new Network(x, y, params, a, cost, w);
  }

  /** {@code rows} training images ([rows, 784], values in [0, 1]): MNIST's first ones when present, else synthetic. */
  static Tensor images(int rows) {
    Path file = Path.of(System.getProperty("nabla.mnist.data", "data/mnist"), "train-images-idx3-ubyte");
    if (Files.isReadable(file)) {
      try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
        data.readInt(); // magic
        int count = data.readInt();
        int size = data.readInt() * data.readInt();
        byte[] pixels = data.readNBytes(Math.min(rows, count) * size);
        double[] d = new double[rows * size];
        for (int i = 0; i < d.length; i++) {
          d[i] = (pixels[i % pixels.length] & 0xff) / 255.0;
        }
        return Tensor.of(Shape.of(rows, size), d);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    Random r = new Random(1);
    double[] d = new double[rows * 784];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextDouble() < 0.19 ? r.nextDouble() : 0;
    }
    return Tensor.of(Shape.of(rows, 784), d);
  }

  /**
   * {@code rows} one-hot targets of {@code classes}: MNIST's training labels when {@code data/mnist} has
   * them and there are ten classes, random ones otherwise.
   */
  static Tensor oneHot(int rows, int classes, long seed) {
    Path file = Path.of(System.getProperty("nabla.mnist.data", "data/mnist"), "train-labels-idx1-ubyte");
    if (classes == 10 && Files.isReadable(file)) {
      try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
        data.readInt(); // magic
        int count = data.readInt();
        byte[] labels = data.readNBytes(Math.min(rows, count));
        double[] d = new double[rows * classes];
        for (int i = 0; i < rows; i++) {
          d[i * classes + labels[i % labels.length]] = 1;
        }
        return Tensor.of(Shape.of(rows, classes), d);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    Random r = new Random(seed);
    double[] d = new double[rows * classes];
    for (int i = 0; i < rows; i++) {
      d[i * classes + r.nextInt(classes)] = 1;
    }
    return Tensor.of(Shape.of(rows, classes), d);
  }
}
