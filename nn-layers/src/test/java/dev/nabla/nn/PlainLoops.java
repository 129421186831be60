package dev.nabla.nn;

import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;

/**
 * An independent oracle for the tests: the forward pass and the seeds' backpropagation equations in
 * plain loops over {@code double[]}, one example at a time, sharing no code with the graph.
 */
final class PlainLoops {
  private PlainLoops() {}

  /** Weighted inputs z and activations a of every layer for one example: {@code z[l][j]}, {@code a[l][j]} (a[0] = x). */
  record Trace(double[][] z, double[][] a) {}

  static double f(Activation act, double z) {
    return switch (act) {
      case IDENTITY -> z;
      case SIGMOID -> 1 / (1 + Math.exp(-z));
      case TANH -> Math.tanh(z);
      case RELU -> Math.max(z, 0);
      case SOFTMAX -> throw new IllegalArgumentException("softmax is not elementwise");
    };
  }

  static double fPrime(Activation act, double z) {
    return switch (act) {
      case IDENTITY -> 1;
      case SIGMOID -> f(act, z) * (1 - f(act, z));
      case TANH -> 1 - Math.tanh(z) * Math.tanh(z);
      case RELU -> z > 0 ? 1 : 0;
      case SOFTMAX -> throw new IllegalArgumentException("softmax is not elementwise");
    };
  }

  /** The forward pass of one example {@code x} through {@code net}'s layers. */
  static Trace forward(Network net, double[] x) {
    List<Dense> layers = net.layers();
    double[][] z = new double[layers.size() + 1][];
    double[][] a = new double[layers.size() + 1][];
    a[0] = x.clone();
    for (int l = 1; l <= layers.size(); l++) {
      Dense layer = layers.get(l - 1);
      double[] w = net.parameters().get(layer.weights()).toArray();
      double[] b = net.parameters().get(layer.biases()).toArray();
      int nOut = layer.outputs();
      int nIn = layer.inputs();
      z[l] = new double[nOut];
      a[l] = new double[nOut];
      for (int j = 0; j < nOut; j++) {
        double s = b[j];
        for (int k = 0; k < nIn; k++) {
          s += w[j * nIn + k] * a[l - 1][k];
        }
        z[l][j] = s;
      }
      if (layer.activation() == Activation.SOFTMAX) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z[l]) {
          max = Math.max(max, v);
        }
        double total = 0;
        for (int j = 0; j < nOut; j++) {
          a[l][j] = Math.exp(z[l][j] - max);
          total += a[l][j];
        }
        for (int j = 0; j < nOut; j++) {
          a[l][j] /= total;
        }
      } else {
        for (int j = 0; j < nOut; j++) {
          a[l][j] = f(layer.activation(), z[l][j]);
        }
      }
    }
    return new Trace(z, a);
  }

  /** The output activations of every row of {@code x}. */
  static double[][] feedforward(Network net, Tensor x) {
    double[][] rows = x.toMatrix();
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      double[][] a = forward(net, rows[i]).a();
      out[i] = a[a.length - 1];
    }
    return out;
  }

  /** The smallest |z| over all layers with the given activation and all rows of {@code x}. */
  static double smallestPreActivation(Network net, Tensor x, Activation act) {
    double min = Double.POSITIVE_INFINITY;
    for (double[] row : x.toMatrix()) {
      Trace t = forward(net, row);
      for (int l = 1; l < t.z().length; l++) {
        if (net.layers().get(l - 1).activation() == act) {
          for (double v : t.z()[l]) {
            min = Math.min(min, Math.abs(v));
          }
        }
      }
    }
    return min;
  }

  /**
   * The gradient of the quadratic cost C = 1/(2n) Σₓ ‖y(x) − a‖² by the backpropagation equations:
   * δᴸ = (aᴸ − y) ⊙ f′(zᴸ), δˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ f′(zˡ), ∂C/∂bˡ = δˡ, ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ, each averaged
   * over the n examples. Returns one array per parameter in the order w1, b1, w2, b2, ….
   */
  static double[][] backprop(Network net, Tensor x, Tensor y) {
    List<Dense> layers = net.layers();
    int depth = layers.size();
    double[][] grads = new double[2 * depth][];
    for (int l = 0; l < depth; l++) {
      grads[2 * l] = new double[layers.get(l).outputs() * layers.get(l).inputs()];
      grads[2 * l + 1] = new double[layers.get(l).outputs()];
    }
    double[][] xs = x.toMatrix();
    double[][] ys = y.toMatrix();
    int n = xs.length;
    for (int i = 0; i < n; i++) {
      Trace t = forward(net, xs[i]);
      Activation outAct = layers.get(depth - 1).activation();
      double[] delta = new double[t.a()[depth].length];
      for (int j = 0; j < delta.length; j++) {
        delta[j] = (t.a()[depth][j] - ys[i][j]) * fPrime(outAct, t.z()[depth][j]);
      }
      for (int l = depth; l >= 1; l--) {
        Dense layer = layers.get(l - 1);
        int nIn = layer.inputs();
        double[] aPrev = t.a()[l - 1];
        for (int j = 0; j < delta.length; j++) {
          grads[2 * (l - 1) + 1][j] += delta[j] / n;
          for (int k = 0; k < nIn; k++) {
            grads[2 * (l - 1)][j * nIn + k] += delta[j] * aPrev[k] / n;
          }
        }
        if (l > 1) {
          double[] w = net.parameters().get(layer.weights()).toArray();
          Activation prevAct = layers.get(l - 2).activation();
          double[] next = new double[nIn];
          for (int k = 0; k < nIn; k++) {
            double s = 0;
            for (int j = 0; j < delta.length; j++) {
              s += w[j * nIn + k] * delta[j];
            }
            next[k] = s * fPrime(prevAct, t.z()[l - 1][k]);
          }
          delta = next;
        }
      }
    }
    return grads;
  }
}
