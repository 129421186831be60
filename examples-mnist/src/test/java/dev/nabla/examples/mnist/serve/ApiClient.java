package dev.nabla.examples.mnist.serve;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The tests' side of the API: the JDK's HTTP client, and a raw socket for requests it will not send. */
final class ApiClient {
  /** A reply: its status and its body parsed as JSON. */
  record Reply(int status, JsonObject json, HttpResponse<String> raw) {}

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  ApiClient(URI base) {
    this.base = base;
  }

  URI base() {
    return base;
  }

  Reply get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  Reply postPng(String path, byte[] body) throws IOException, InterruptedException {
    return post(path, "image/png", body);
  }

  Reply post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  HttpResponse<String> getText(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), JsonParser.parseString(r.body()).getAsJsonObject(), r);
  }

  /**
   * Writes {@code request} (then {@code body}) on a fresh connection and returns the reply: its head
   * and as many body bytes as its Content-Length gives (or all until the server hangs up); reads time
   * out after 5 s. With {@code closeEarly} it hangs up right after writing and returns "".
   */
  String raw(String request, byte[] body, boolean closeEarly) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      if (closeEarly) {
        return "";
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return head.toString(StandardCharsets.UTF_8);
        }
        head.write(b);
      }
      Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head.toString(StandardCharsets.ISO_8859_1));
      byte[] content = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes();
      return head.toString(StandardCharsets.ISO_8859_1) + new String(content, StandardCharsets.UTF_8);
    }
  }
}
