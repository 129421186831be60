package dev.nabla.examples.mnist.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that stop halfway through their upload hold a worker thread each until the server cuts
 * them off ({@code mnist serve} sets the JDK server's request time limit). Run in a JVM of its own,
 * because the JDK reads that limit once per JVM; the limit is lowered to 2 s there to keep the test short.
 */
class StalledClientsTest {
  @Test
  void moreStalledUploadsThanWorkersAreCutOffAndTheServerAnswersAgain(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.nabla");
    TestModels.seeds().save(model);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process serve = new ProcessBuilder(java.toString(), "-Djava.awt.headless=true", "-Dsun.net.httpserver.maxReqTime=2",
        "-cp", System.getProperty("java.class.path"), "dev.nabla.examples.mnist.cli.MnistCli", "serve", "--model", model.toString(),
        "--port", "0", "--data", TestModels.subset().toString()).redirectErrorStream(true).start();
    List<Socket> stalled = new ArrayList<>();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      Matcher url = Pattern.compile("Open (http://\\S+/) in a browser").matcher("");
      String line;
      while ((line = out.readLine()) != null && !url.reset(line).find()) {
        // the lines before the URL
      }
      assertTrue(line != null, "mnist serve ended without printing its URL");
      URI base = URI.create(url.group(1));
      for (int i = 0; i < DigitServer.WORKERS + 2; i++) {
        Socket s = new Socket(base.getHost(), base.getPort());
        OutputStream o = s.getOutputStream();
        o.write(("POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 1000\r\n\r\n"
            + "\u0089PNG").getBytes(StandardCharsets.ISO_8859_1));
        o.flush();
        stalled.add(s);
      }
      long start = System.nanoTime();
      ApiClient.Reply r = new ApiClient(base).get("/api/model"); // waits for a free worker
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals(200, r.status());
      assertTrue(seconds < 15, "answered after " + seconds + " s");
      for (Socket s : stalled) {
        s.setSoTimeout(10_000);
        try {
          byte[] rest = s.getInputStream().readAllBytes(); // the server hangs up, perhaps after a 400
          assertTrue(rest.length == 0 || new String(rest, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 400 "),
              new String(rest, StandardCharsets.ISO_8859_1));
        } catch (java.net.SocketException reset) {
          // hung up with a reset: cut off all the same
        }
      }
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
      serve.destroy();
      assertTrue(serve.waitFor(10, TimeUnit.SECONDS), "mnist serve did not stop");
    }
  }
}
