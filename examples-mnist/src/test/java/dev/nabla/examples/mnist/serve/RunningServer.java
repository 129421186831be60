package dev.nabla.examples.mnist.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.nn.Network;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link DigitServer} on a free port of 127.0.0.1 for one test class, serving a network saved to a
 * file and loaded back (as {@code mnist serve} does) and the subset's 500 test images. Closing it
 * checks that no request made the server fail unexpectedly (a 500).
 */
final class RunningServer implements AutoCloseable {
  final Path modelFile;
  final Network network;
  final DigitServer server;
  final ApiClient client;
  private final List<Throwable> bugs = new CopyOnWriteArrayList<>();

  RunningServer(Network trained) {
    try {
      modelFile = Files.createTempFile("serve-test-", ".nabla");
      trained.save(modelFile);
      network = Network.load(modelFile);
      server = DigitServer.start(new InetSocketAddress("127.0.0.1", 0), new NetworkInspector(network),
          TestDigits.of(TestModels.testImages()), bugs::add);
      client = new ApiClient(server.uri());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(modelFile);
    assertEquals(List.of(), bugs, "requests the server failed on (answered 500)");
  }
}
