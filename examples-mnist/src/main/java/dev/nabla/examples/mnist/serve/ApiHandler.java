package dev.nabla.examples.mnist.serve;

import com.sun.net.httpserver.HttpExchange;
import dev.nabla.nn.Dense;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The JSON API under {@code /api/}, which is all the page uses:
 * <ul>
 *   <li>{@code GET /api/model}: the layer sizes, activations and the number of test images;
 *   <li>{@code POST /api/predict} with a PNG body: {@code {"digit", "outputs", "input", "activations"}};
 *   <li>{@code GET /api/weights/{layer}/{neuron}}: a neuron's incoming weights and bias;
 *   <li>{@code GET /api/test/{index}}: a test image, its label and the prediction.
 * </ul>
 * Refusals are {@code {"status": 4xx, "error": "…"}}.
 */
final class ApiHandler extends GuardedHandler {
  private static final String ENDPOINTS =
      "GET /api/model, POST /api/predict, GET /api/weights/{layer}/{neuron}, GET /api/test/{index}";

  private final NetworkInspector inspector;
  private final TestDigits testDigits;

  ApiHandler(NetworkInspector inspector, TestDigits testDigits, Consumer<Throwable> log) {
    super(log);
    this.inspector = inspector;
    this.testDigits = testDigits;
  }

  @Override
  void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    List<String> parts = List.of(path.substring(1).split("/", -1)); // "api", then the endpoint
    String endpoint = parts.size() > 1 ? parts.get(1) : "";
    if (endpoint.equals("model") && parts.size() == 2) {
      requireMethod(exchange, "GET");
      Replies.json(exchange, 200, model());
    } else if (endpoint.equals("predict") && parts.size() == 2) {
      requireMethod(exchange, "POST");
      Replies.json(exchange, 200, predict(exchange));
    } else if (endpoint.equals("weights") && parts.size() == 4) {
      requireMethod(exchange, "GET");
      Replies.json(exchange, 200, weights(number("layer", parts.get(2)), number("neuron", parts.get(3))));
    } else if (endpoint.equals("test") && parts.size() == 3) {
      requireMethod(exchange, "GET");
      Replies.json(exchange, 200, testImage(number("index", parts.get(2))));
    } else {
      throw new ApiException(404, "no such endpoint: %s (the API has %s)", Quoting.shown(path), ENDPOINTS);
    }
  }

  private Map<String, Object> model() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", inspector.network().toString());
    m.put("sizes", inspector.sizes());
    m.put("activations", inspector.network().layers().stream().map(Dense::activation)
        .map(a -> a.name().toLowerCase(Locale.ROOT)).toList());
    m.put("testImages", testDigits.count());
    testDigits.unavailableReason().ifPresent(r -> m.put("testImagesUnavailable", r));
    return m;
  }

  private Map<String, Object> predict(HttpExchange exchange) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.strip().toLowerCase(Locale.ROOT).startsWith("image/png")) {
      throw new ApiException(415, "send the picture as Content-Type: image/png, not %s",
          type == null ? "no Content-Type" : "'" + Quoting.shown(type) + "'");
    }
    // checked before the body is touched: closing a body stream reads what is left of it
    PngUpload.checkDeclaredLength(exchange.getRequestHeaders().getFirst("Content-Length"));
    byte[] body = PngUpload.readBody(exchange.getRequestBody());
    return prediction(inspector.predict(PngUpload.toInput(body)));
  }

  private Map<String, Object> weights(int layer, int neuron) {
    Map<String, Object> m = new LinkedHashMap<>();
    try {
      m.put("layer", layer);
      m.put("neuron", neuron);
      m.put("bias", inspector.bias(layer, neuron));
      m.put("weights", inspector.incomingWeights(layer, neuron));
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, "%s", e.getMessage());
    }
    return m;
  }

  private Map<String, Object> testImage(int index) {
    if (testDigits.count() == 0) {
      throw new ApiException(404, "%s", testDigits.unavailableReason().orElse("there are no test images"));
    }
    if (index >= testDigits.count()) {
      throw new ApiException(404, "test image %s does not exist: the indices are 0 to %s", index, testDigits.count() - 1);
    }
    Prediction p = inspector.predict(testDigits.pixels(index));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", index);
    m.put("label", testDigits.label(index));
    m.put("correct", p.digit() == testDigits.label(index));
    m.putAll(prediction(p));
    return m;
  }

  private static Map<String, Object> prediction(Prediction p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("digit", p.digit());
    m.put("outputs", p.outputs());
    m.put("input", p.input());
    m.put("activations", p.activations());
    return m;
  }

  /** A path segment that must be a whole number 0 … 999,999,999. */
  private static int number(String what, String segment) {
    if (!segment.matches("[0-9]{1,9}")) {
      throw new ApiException(400, "%s must be a whole number, got '%s'", what, Quoting.shown(segment));
    }
    return Integer.parseInt(segment);
  }
}
