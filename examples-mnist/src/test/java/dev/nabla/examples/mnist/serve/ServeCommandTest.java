package dev.nabla.examples.mnist.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.examples.mnist.cli.MnistCli;
import dev.nabla.nn.Network;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mnist serve} on the command line: what it prints, its one-line errors, and stopping. */
class ServeCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return MnistCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void aMissingModelSaysToTrainFirstInOneLine(@TempDir Path dir) {
    Path missing = dir.resolve("mnist-model.nabla");
    assertEquals(1, run("serve", "--model", missing.toString()));
    assertEquals("mnist serve: model file " + missing + " does not exist; train one with: ./mnist train --model-out " + missing,
        err.toString().strip());
  }

  @Test
  void helpGivesTheDefaults() {
    assertEquals(0, run("serve", "--help"));
    String help = out.toString().replaceAll("\\s+", " ");
    for (String option : new String[] {"--model=FILE A model from 'mnist train' (default: mnist-model.nabla)",
        "--port=PORT Port to listen on, 0 for any free one (default: 8080)", "--host=HOST Address to listen on (default: 127.0.0.1",
        "--data=DIR"}) {
      assertTrue(help.contains(option), option + " missing from:\n" + out);
    }
    out.getBuffer().setLength(0);
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("serve"), out.toString());
  }

  @Test
  void badOptionsExitTwoWithTheUsageHint(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.nabla");
    TestModels.seeds().save(model);
    assertEquals(2, run("serve", "--model", model.toString(), "--port", "70000"));
    assertEquals("mnist serve: --port must be in 0..65535, got 70000\nRun 'mnist serve --help' for the options.",
        err.toString().strip().replace(System.lineSeparator(), "\n"));
    err.getBuffer().setLength(0);
    assertEquals(2, run("serve", "--model", model.toString(), "--host", "no-such-host.invalid"));
    assertTrue(err.toString().startsWith("mnist serve: --host 'no-such-host.invalid' is not an address or a known host name"),
        err.toString());
  }

  @Test
  void aModelOfAnotherShapeIsRefusedInOneLineWithStatusOne(@TempDir Path dir) throws Exception {
    Path small = dir.resolve("small.nabla");
    Network.builder(4, 3, 2).seed(1).build().save(small);
    assertEquals(1, run("serve", "--model", small.toString()));
    assertEquals("mnist serve: model file " + small + " holds a network of layer sizes [4, 3, 2]; an MNIST model takes 784 "
        + "inputs (28×28 pixels) and has 10 outputs (the digits 0 to 9)", err.toString().strip());
  }

  @Test
  void aPortInUseIsOneLineNamingIt(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.nabla");
    TestModels.seeds().save(model);
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertEquals(1, run("serve", "--model", model.toString(), "--port", String.valueOf(port)));
      String line = err.toString().strip();
      assertTrue(line.startsWith("mnist serve: cannot listen on 127.0.0.1:" + port + " ("), line);
      assertTrue(line.endsWith("): choose another port with --port"), line);
      assertEquals(1, line.lines().count(), line);
    }
  }

  @Test
  void itPrintsTheUrlServesThePageAndStopsWhenInterrupted(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.nabla");
    TestModels.seeds().save(model);
    AtomicInteger status = new AtomicInteger(-1);
    Thread serving = new Thread(() -> status.set(run("serve", "--model", model.toString(), "--port", "0",
        "--data", TestModels.subset().toString())));
    serving.start();
    Matcher url = Pattern.compile("Open (http://127\\.0\\.0\\.1:(\\d+)/) in a browser; Ctrl-C stops the server\\.").matcher("");
    for (int i = 0; i < 200 && !url.reset(out.toString()).find(); i++) {
      Thread.sleep(50);
    }
    assertTrue(url.reset(out.toString()).find(), out + "\n" + err);
    assertTrue(out.toString().startsWith("Serving Network[784, 30, 10] (sigmoid, sigmoid; 23,860 parameters) from " + model),
        out.toString());
    assertEquals("30", System.getProperty("sun.net.httpserver.maxReqTime"), "stalled requests are cut off (StalledClientsTest)");
    assertEquals("30", System.getProperty("sun.net.httpserver.maxRspTime"));
    ApiClient api = new ApiClient(URI.create(url.group(1)));
    assertEquals(200, api.getText("/").statusCode());
    assertEquals(500, api.get("/api/model").json().get("testImages").getAsInt());
    serving.interrupt();
    serving.join(10_000);
    assertEquals(0, status.get(), err.toString());
    int port = Integer.parseInt(url.group(2));
    try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertEquals(port, free.getLocalPort(), "the port is free again once the server has stopped");
    }
  }

  @Test
  void withoutTestImagesItSaysTheRandomDigitsAreOff(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.nabla");
    TestModels.seeds().save(model);
    Thread serving = new Thread(() -> run("serve", "--model", model.toString(), "--port", "0", "--data", dir.toString()));
    serving.start();
    for (int i = 0; i < 200 && !out.toString().contains("Open http"); i++) {
      Thread.sleep(50);
    }
    serving.interrupt();
    serving.join(10_000);
    assertTrue(out.toString().contains("The page's random test digits are off: no MNIST test images in " + dir
        + " (run scripts/fetch-mnist, or give mnist serve --data DIR)"), out.toString());
  }
}
