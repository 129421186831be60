package dev.nabla.examples.mnist.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every refusal is JSON with its 4xx status and a message that says what was wrong, never a stack
 * trace; and after each bad request the server still answers a good one.
 */
class ApiErrorsTest {
  private static RunningServer served;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    served = new RunningServer(TestModels.seeds());
    api = served.client;
  }

  @AfterAll
  static void stop() throws Exception {
    served.close();
  }

  @AfterEach
  void theServerStillServes() throws Exception {
    assertEquals(200, api.get("/api/model").status());
    assertEquals(200, api.postPng("/api/predict", Pngs.mnist(digitSeven())).status());
  }

  private static double[] digitSeven() {
    return Arrays.copyOfRange(TestModels.testImages().images().rawData(), 0, 784);
  }

  /** Asserts the reply is {@code {"status": status, "error": "…"}} and the error contains {@code words}. */
  private static void assertRefused(ApiClient.Reply r, int status, String words) {
    JsonObject json = r.json();
    assertEquals(status, r.status(), json.toString());
    assertEquals(status, json.get("status").getAsInt());
    String error = json.get("error").getAsString();
    assertTrue(error.contains(words), "expected '" + words + "' in: " + error);
    assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    for (String internal : new String[] {"Exception", "\tat ", "java.", "dev.nabla"}) {
      assertFalse(error.contains(internal), "internal detail in: " + error);
    }
  }

  @Test
  void aBodyThatIsNotAPngIsRefused() throws Exception {
    assertRefused(api.postPng("/api/predict", "hello".getBytes(StandardCharsets.UTF_8)), 415,
        "the body is not a PNG picture (it does not start with PNG's signature)");
    assertRefused(api.post("/api/predict", "text/plain", Pngs.mnist(digitSeven())), 415,
        "send the picture as Content-Type: image/png, not 'text/plain'");
    assertRefused(api.postPng("/api/predict", new byte[0]), 400, "the body is empty: POST a PNG picture of a digit");
  }

  @Test
  void aDamagedPngIsRefused() throws Exception {
    byte[] png = Pngs.mnist(digitSeven());
    assertRefused(api.postPng("/api/predict", Arrays.copyOf(png, png.length / 2)), 400,
        "the PNG picture is damaged and could not be decoded");
    byte[] scrambled = png.clone();
    for (int i = 40; i < scrambled.length; i += 3) {
      scrambled[i] ^= 0x5a;
    }
    assertRefused(api.postPng("/api/predict", scrambled), 400, "the PNG picture is damaged");
  }

  @Test
  void aBlankPictureIsRefusedWithDigitImagesReason() throws Exception {
    assertRefused(api.postPng("/api/predict", Pngs.blank(280, 280)), 422, "the picture is blank");
  }

  @Test
  void aPictureClaimingHugeDimensionsIsRefusedBeforeItsPixelsAreDecoded() throws Exception {
    byte[] bomb = Pngs.claiming(20_000, 20_000);
    assertTrue(bomb.length < 100);
    assertRefused(api.postPng("/api/predict", bomb), 413,
        "the picture is 20,000 × 20,000 pixels; at most 4096 × 4096 are accepted");
  }

  @Test
  void aBodyOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
    // only the headers and 1 KB of a declared 50 MB body are sent: the 413 comes back all the same
    String reply = api.raw("POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 50000000\r\n\r\n",
        new byte[1024], false);
    assertTrue(reply.startsWith("HTTP/1.1 413 "), reply);
    JsonObject json = JsonParser.parseString(reply.substring(reply.indexOf("\r\n\r\n") + 4)).getAsJsonObject();
    assertEquals("the body is 50,000,000 bytes; the limit is 5,242,880 bytes (5 MB)", json.get("error").getAsString());
  }

  @Test
  void aClientSendingABodyOverTheLimitGetsTheRefusal() throws Exception {
    ApiClient.Reply r = api.postPng("/api/predict", new byte[6 * 1024 * 1024]);
    assertRefused(r, 413, "the body is 6,291,456 bytes; the limit is 5,242,880 bytes (5 MB)");
  }

  @Test
  void aChunkedBodyIsRefusedOnceItPassesTheLimit() throws Exception {
    StringBuilder request = new StringBuilder("POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n");
    byte[] chunk = new byte[1 << 20];
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < 6; i++) {
      body.write(("100000\r\n").getBytes(StandardCharsets.US_ASCII));
      body.write(chunk);
      body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    body.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    String reply = api.raw(request.toString(), body.toByteArray(), false);
    assertTrue(reply.startsWith("HTTP/1.1 413 "), reply);
    assertTrue(reply.contains("the body is more than 5,242,880 bytes; the limit is 5,242,880 bytes (5 MB)"), reply);
  }

  @Test
  void anUnknownLayerOrNeuronIsRefused() throws Exception {
    assertRefused(api.get("/api/weights/3/0"), 404, "layer 3 does not exist: the network [784, 30, 10] has layers 1 to 2");
    assertRefused(api.get("/api/weights/0/0"), 404, "layer 0 does not exist");
    assertRefused(api.get("/api/weights/1/30"), 404, "neuron 30 does not exist: layer 1 has neurons 0 to 29");
    assertRefused(api.get("/api/weights/2/10"), 404, "neuron 10 does not exist: layer 2 has neurons 0 to 9");
    assertRefused(api.get("/api/weights/one/2"), 400, "layer must be a whole number, got 'one'");
    assertRefused(api.get("/api/weights/1/-1"), 400, "neuron must be a whole number, got '-1'");
    assertRefused(api.get("/api/weights/1/99999999999"), 400, "neuron must be a whole number");
  }

  @Test
  void aTestIndexOutOfRangeIsRefused() throws Exception {
    assertRefused(api.get("/api/test/500"), 404, "test image 500 does not exist: the indices are 0 to 499");
    assertRefused(api.get("/api/test/x"), 400, "index must be a whole number, got 'x'");
  }

  @Test
  void unknownEndpointsAndWrongMethodsAreRefused() throws Exception {
    assertRefused(api.get("/api/nothing"), 404, "no such endpoint: /api/nothing (the API has GET /api/model, POST /api/predict");
    assertRefused(api.get("/api/weights/1"), 404, "no such endpoint: /api/weights/1");
    ApiClient.Reply r = api.get("/api/predict");
    assertRefused(r, 405, "GET /api/predict: use POST");
    assertEquals("POST", r.raw().headers().firstValue("Allow").orElse(""));
    assertRefused(api.post("/api/model", "image/png", new byte[1]), 405, "POST /api/model: use GET");
  }

  @Test
  void requestPathsNeverNameFilesOnDisk() throws Exception {
    for (String path : new String[] {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/pom.xml", "/..%2f..%2fpom.xml", "/app.js/..",
        "/dev/nabla/examples/mnist/serve/ApiHandler.class", "/index.html%00", "/style.css?x", "//etc/passwd", "/C:/Windows"}) {
      String reply = api.raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0], false);
      String status = reply.lines().findFirst().orElse("");
      assertTrue(status.startsWith("HTTP/1.1 404 ") || status.startsWith("HTTP/1.1 400 ")
          || path.equals("/style.css?x") && status.startsWith("HTTP/1.1 200 "), path + " → " + status);
      assertFalse(reply.contains("root:") || reply.contains("<project"), path + " leaked a file: " + reply);
    }
    assertEquals(200, api.getText("/").statusCode());
    assertTrue(api.getText("/").body().contains("<canvas id=\"pad\""));
    assertEquals("text/javascript; charset=utf-8", api.getText("/app.js").headers().firstValue("Content-Type").orElse(""));
    assertRefused(api.get("/secret.txt"), 404, "no such page: /secret.txt (the page is at /)");
  }

  @Test
  void malformedRequestsAndAbruptDisconnectsLeaveTheServerServing() throws Exception {
    String[] broken = {
        "GARBAGE\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n",
        "POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: nine\r\n\r\n",
        "POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "\u0000\u0001\u0002\r\n\r\n"};
    for (String request : broken) {
      try {
        // HTTP the JDK's server cannot parse never reaches the API: the server answers 400 itself
        // (a one-line HTML page) and hangs up
        String reply = api.raw(request, new byte[0], false);
        assertTrue(reply.isEmpty() || reply.startsWith("HTTP/1.1 400 "), reply);
        assertFalse(reply.contains("\tat "), reply);
      } catch (java.net.SocketException reset) {
        // a hang-up is an answer to a malformed request too
      }
      theServerStillServes();
    }
    byte[] png = Pngs.mnist(digitSeven());
    // headers cut off; a body cut off; gone before the reply is read
    api.raw("POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Ty", new byte[0], true);
    api.raw("POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: " + png.length + "\r\n\r\n",
        Arrays.copyOf(png, png.length / 3), true);
    api.raw("POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: " + png.length + "\r\n\r\n",
        png, true);
    for (int i = 0; i < 20; i++) {
      api.raw("GET /api/test/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n", new byte[0], true);
    }
  }
}
