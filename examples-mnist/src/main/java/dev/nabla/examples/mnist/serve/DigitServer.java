package dev.nabla.examples.mnist.serve;

import static com.google.common.base.Preconditions.checkNotNull;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The web server of {@code mnist serve}: the page at {@code /} and its JSON API under {@code /api/}
 * (see {@link ApiHandler}), on the JDK's own {@code com.sun.net.httpserver}, with a few worker
 * threads. Close it to stop.
 *
 * <pre>{@code
 * NetworkInspector inspector = new NetworkInspector(Network.load(Path.of("mnist-model.nabla")));
 * try (DigitServer server = DigitServer.start(new InetSocketAddress("127.0.0.1", 8080), inspector,
 *     TestDigits.load(Path.of("data/mnist")), Throwable::printStackTrace)) {
 *   System.out.println("open " + server.uri());
 *   // … until closed
 * }
 * }</pre>
 */
public final class DigitServer implements AutoCloseable {
  /** Worker threads: enough that a slow upload does not hold up the page, few enough to bound memory. */
  static final int WORKERS = 4;

  private final HttpServer server;
  private final ExecutorService workers;

  private DigitServer(HttpServer server, ExecutorService workers) {
    this.server = server;
    this.workers = workers;
  }

  /**
   * Starts serving on {@code address} (port 0 picks a free port).
   *
   * @param bugs receives exceptions the server did not expect (answered with a 500); refused
   *     requests and clients that go away are not reported
   * @throws java.net.BindException when the address is in use or cannot be bound
   */
  public static DigitServer start(InetSocketAddress address, NetworkInspector inspector, TestDigits testDigits,
      Consumer<Throwable> bugs) throws IOException {
    checkNotNull(address, "address");
    checkNotNull(inspector, "inspector");
    checkNotNull(testDigits, "testDigits");
    checkNotNull(bugs, "bugs");
    HttpServer server = HttpServer.create(address, 64);
    server.createContext("/", new PageHandler(bugs));
    server.createContext("/api/", new ApiHandler(inspector, testDigits, bugs));
    AtomicInteger count = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> {
      Thread t = new Thread(r, "mnist-serve-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(workers);
    server.start();
    return new DigitServer(server, workers);
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
  }

  /** Stops accepting requests, lets those under way finish for up to a second, and stops the workers. */
  @Override
  public void close() {
    server.stop(1);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
