package dev.nabla.nn;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Saving and loading random networks with awkward values; any single-bit corruption is caught. */
class NetworkFileProperties {
  private static Path dir;

  @BeforeContainer
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("nabla-network-file");
  }

  @AfterContainer
  static void deleteDirectory() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  @Property(tries = 200)
  void saveThenLoadIsBitExactForAnyFiniteValues(@ForAll("networks") Network net) throws IOException {
    Path file = dir.resolve("round-trip.nabla");
    net.save(file);
    Network loaded = NetworkFile.load(file, net.sizes());
    for (int i = 0; i < net.variables().size(); i++) {
      double[] a = net.parameters().get(net.variables().get(i)).toArray();
      double[] b = loaded.parameters().get(loaded.variables().get(i)).toArray();
      for (int k = 0; k < a.length; k++) {
        if (Double.doubleToRawLongBits(a[k]) != Double.doubleToRawLongBits(b[k])) {
          throw new AssertionError(net.variables().get(i).name() + "[" + k + "]: saved " + a[k] + ", loaded " + b[k]);
        }
      }
    }
  }

  @Property(tries = 300)
  void anySingleFlippedBitIsRejected(@ForAll("networks") Network net, @ForAll @IntRange(min = 0) int position,
      @ForAll("bits") int bit) throws IOException {
    Path file = dir.resolve("flipped.nabla");
    net.save(file);
    byte[] bytes = Files.readAllBytes(file);
    int index = position % bytes.length;
    bytes[index] ^= (byte) (1 << bit);
    Files.write(file, bytes);
    try {
      NetworkFile.load(file);
    } catch (NetworkFileException expected) {
      return;
    }
    throw new AssertionError("flipping bit " + bit + " of byte " + index + " of " + bytes.length + " went unnoticed");
  }

  @Provide
  Arbitrary<Integer> bits() {
    return Arbitraries.integers().between(0, 7);
  }

  @Provide
  Arbitrary<Network> networks() {
    Arbitrary<int[]> sizes = Arbitraries.integers().between(1, 6).list().ofMinSize(2).ofMaxSize(4)
        .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    Arbitrary<Activation> act = Arbitraries.of(Activation.class);
    Arbitrary<Double> value = Arbitraries.oneOf(
        Arbitraries.doubles().between(-1e6, 1e6),
        Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300));
    return sizes.flatMap(s -> act.list().ofSize(s.length - 1).flatMap(acts ->
        value.list().ofSize(parameterCount(s)).map(values -> network(s, acts, values))));
  }

  private static int parameterCount(int[] sizes) {
    int n = 0;
    for (int l = 1; l < sizes.length; l++) {
      n += sizes[l] * sizes[l - 1] + sizes[l];
    }
    return n;
  }

  private static Network network(int[] sizes, List<Activation> acts, List<Double> values) {
    List<Dense> layers = new ArrayList<>();
    LinkedHashMap<Variable, Tensor> params = new LinkedHashMap<>();
    int next = 0;
    for (int l = 1; l < sizes.length; l++) {
      Dense layer = Dense.of(l, sizes[l - 1], sizes[l], acts.get(l - 1));
      layers.add(layer);
      for (Variable v : List.of(layer.weights(), layer.biases())) {
        double[] d = new double[v.shape().size()];
        for (int i = 0; i < d.length; i++) {
          d[i] = values.get(next++);
        }
        params.put(v, Tensor.of(v.shape(), d));
      }
    }
    return Network.of(layers, params);
  }
}
