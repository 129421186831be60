package dev.nabla.examples.mnist.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.nabla.autodiff.tensor.Tensor;
import dev.nabla.examples.mnist.DigitImage;
import dev.nabla.examples.mnist.LabeledImages;
import dev.nabla.examples.mnist.cli.MnistCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's answers agree with {@code mnist predict} and with the network, one request or 200 at once. */
class PredictApiTest {
  private static RunningServer served;
  private static ApiClient api;
  private static LabeledImages test;

  @BeforeAll
  static void start() {
    served = new RunningServer(TestModels.seeds());
    api = served.client;
    test = TestModels.testImages();
  }

  @AfterAll
  static void stop() throws Exception {
    served.close();
  }

  private static double[] pixels(int i) {
    return Arrays.copyOfRange(test.images().rawData(), i * 784, (i + 1) * 784);
  }

  static double[] numbers(JsonArray a) {
    double[] d = new double[a.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = a.get(i).getAsDouble();
    }
    return d;
  }

  private record Cli(int digit, double[] outputs) {}

  /** Runs {@code mnist predict --image file} and reads its digit and its ten printed outputs. */
  private static Cli predictCommand(Path file) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = MnistCli.run(new String[] {"predict", "--model", served.modelFile.toString(), "--image", file.toString()},
        new PrintWriter(out, true), new PrintWriter(err, true));
    assertEquals(0, status, err.toString());
    Matcher digit = Pattern.compile("digit: (\\d)").matcher(out.toString());
    assertTrue(digit.find(), out.toString());
    Matcher row = Pattern.compile("(?m)^\\s+(\\d)\\s+([0-9.]+)").matcher(out.toString());
    double[] outputs = new double[10];
    int rows = 0;
    while (row.find()) {
      outputs[Integer.parseInt(row.group(1))] = Double.parseDouble(row.group(2));
      rows++;
    }
    assertEquals(10, rows, out.toString());
    return new Cli(Integer.parseInt(digit.group(1)), outputs);
  }

  @Test
  void aPngGivesTheSameDigitAndOutputsAsThePredictCommand(@TempDir Path dir) throws Exception {
    for (int i : new int[] {0, 1, 2, 3, 4, 7, 8, 11, 18, 61}) {
      for (byte[] png : List.of(Pngs.mnist(pixels(i)), Pngs.onPaper(pixels(i), 10), Pngs.onPaper(pixels(i), 3))) {
        Path file = dir.resolve("digit.png");
        Files.write(file, png);
        Cli cli = predictCommand(file);
        ApiClient.Reply r = api.postPng("/api/predict", png);
        assertEquals(200, r.status(), r.json().toString());
        String what = "test image " + i + ", " + png.length + " bytes";
        assertEquals(cli.digit(), r.json().get("digit").getAsInt(), what);
        double[] outputs = numbers(r.json().getAsJsonArray("outputs"));
        assertArrayEquals(cli.outputs(), outputs, 0.5e-4 + 1e-12, what); // predict prints 4 decimals
        // and exactly what the network computes on DigitImage's reading of the same file
        double[] input = DigitImage.read(file);
        assertArrayEquals(input, numbers(r.json().getAsJsonArray("input")), what);
        assertArrayEquals(served.network.feedforward(Tensor.of(input)).toArray(), outputs, what);
      }
    }
  }

  @Test
  void theActivationsAreOneArrayPerLayerEndingWithTheOutputs() throws Exception {
    JsonObject p = api.postPng("/api/predict", Pngs.mnist(pixels(0))).json();
    JsonArray layers = p.getAsJsonArray("activations");
    assertEquals(2, layers.size(), p.toString());
    assertEquals(30, layers.get(0).getAsJsonArray().size());
    assertArrayEquals(numbers(p.getAsJsonArray("outputs")), numbers(layers.get(1).getAsJsonArray()));
    for (double a : numbers(layers.get(0).getAsJsonArray())) {
      assertTrue(a > 0 && a < 1, "a sigmoid activation: " + a);
    }
    assertEquals(784, p.getAsJsonArray("input").size());
  }

  @Test
  void aTestImageComesWithItsLabelAndWhetherTheNetworkGotItRight() throws Exception {
    for (int i : new int[] {0, 1, 499}) {
      JsonObject t = api.get("/api/test/" + i).json();
      int expected = served.network.predict(Tensor.of(pixels(i)).reshape(dev.nabla.autodiff.tensor.Shape.of(1, 784)))[0];
      assertEquals(i, t.get("index").getAsInt());
      assertEquals(test.label(i), t.get("label").getAsInt());
      assertEquals(expected, t.get("digit").getAsInt());
      assertEquals(expected == test.label(i), t.get("correct").getAsBoolean());
      assertArrayEquals(pixels(i), numbers(t.getAsJsonArray("input")), "a test image is the input as it is");
      assertArrayEquals(served.network.feedforward(Tensor.of(pixels(i))).toArray(), numbers(t.getAsJsonArray("outputs")));
    }
  }

  @Test
  void aNeuronsIncomingWeightsAreItsRowOfTheWeightMatrix() throws Exception {
    for (int layer = 1; layer <= 2; layer++) {
      var dense = served.network.layers().get(layer - 1);
      double[] w = served.network.parameters().get(dense.weights()).toArray();
      double[] b = served.network.parameters().get(dense.biases()).toArray();
      for (int neuron : new int[] {0, 4, dense.outputs() - 1}) {
        JsonObject r = api.get("/api/weights/" + layer + "/" + neuron).json();
        int in = dense.inputs();
        assertArrayEquals(Arrays.copyOfRange(w, neuron * in, (neuron + 1) * in), numbers(r.getAsJsonArray("weights")));
        assertEquals(b[neuron], r.get("bias").getAsDouble());
      }
    }
  }

  @Test
  void theModelDescriptionGivesTheLayersAndTheTestImages() throws Exception {
    JsonObject m = api.get("/api/model").json();
    assertArrayEquals(new double[] {784, 30, 10}, numbers(m.getAsJsonArray("sizes")));
    assertEquals("[\"sigmoid\",\"sigmoid\"]", m.getAsJsonArray("activations").toString());
    assertEquals(500, m.get("testImages").getAsInt());
    assertEquals(served.network.toString(), m.get("description").getAsString());
  }

  @Test
  void twoHundredConcurrentRequestsFromEightThreadsAreAllAnsweredCorrectly() throws Exception {
    int requests = 200;
    byte[][] pngs = new byte[requests][];
    int[] digits = new int[requests];
    double[][] outputs = new double[requests][];
    for (int k = 0; k < requests; k++) {
      double[] px = pixels(k);
      pngs[k] = k % 2 == 0 ? Pngs.mnist(px) : Pngs.onPaper(px, 5);
      double[] input = DigitImage.fromImage(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(pngs[k])), "png " + k);
      outputs[k] = served.network.feedforward(Tensor.of(input)).toArray();
      digits[k] = served.network.predict(Tensor.of(input).reshape(dev.nabla.autodiff.tensor.Shape.of(1, 784)))[0];
    }
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int k = 0; k < requests; k++) {
        int request = k;
        answers.add(threads.submit(() -> {
          ApiClient.Reply r = request % 10 == 9 ? api.get("/api/test/" + request) : api.postPng("/api/predict", pngs[request]);
          if (r.status() != 200) {
            return "request " + request + ": " + r.status() + " " + r.json();
          }
          boolean same = request % 10 == 9
              ? Arrays.equals(numbers(r.json().getAsJsonArray("input")), pixels(request))
              : r.json().get("digit").getAsInt() == digits[request]
                  && Arrays.equals(numbers(r.json().getAsJsonArray("outputs")), outputs[request]);
          return same ? "" : "request " + request + ": wrong answer " + r.json().get("digit");
        }));
      }
      List<String> wrong = new ArrayList<>();
      for (Future<String> a : answers) {
        String s = a.get(60, TimeUnit.SECONDS);
        if (!s.isEmpty()) {
          wrong.add(s);
        }
      }
      assertEquals(List.of(), wrong);
    } finally {
      threads.shutdownNow();
    }
  }
}
