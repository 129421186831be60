package dev.nabla.examples.mnist.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * A handler that always answers, or closes the connection when it cannot: a refused request
 * ({@link ApiException}) gets its status and message as JSON, a body that breaks off gets a 400 if
 * the client is still there, and a bug gets a 500 with no stack trace (the trace goes to the server's
 * log). Nothing a request does stops the server.
 */
abstract class GuardedHandler implements HttpHandler {
  /** The most of a refused body read (and dropped) so the client sees the refusal: 4 × the upload limit. */
  private static final long DISCARD_AT_MOST = 4L * PngUpload.MAX_BYTES;

  private final Consumer<Throwable> log;

  GuardedHandler(Consumer<Throwable> log) {
    this.log = log;
  }

  /** Answers one request; throws {@link ApiException} to refuse it. */
  abstract void serve(HttpExchange exchange) throws IOException;

  @Override
  public final void handle(HttpExchange exchange) {
    try {
      serve(exchange);
    } catch (ApiException e) {
      tryToAnswer(exchange, e.status(), e.getMessage());
    } catch (IOException e) {
      tryToAnswer(exchange, 400, "the request could not be read: it broke off or was malformed");
    } catch (RuntimeException | OutOfMemoryError e) {
      log.accept(e);
      tryToAnswer(exchange, 500, "the server failed on this request (its log says why)");
    } finally {
      exchange.close();
    }
  }

  private static void tryToAnswer(HttpExchange exchange, int status, String message) {
    try {
      exchange.getResponseHeaders().set("Connection", "close");
      Replies.error(exchange, status, message);
      discardRestOfBody(exchange);
    } catch (IOException | RuntimeException ignored) {
      // the client has gone, or a reply was already on its way: nothing more can be said
    }
  }

  /**
   * After a refusal, reads and drops what the client is still sending (up to a bound), so that it
   * reads the refusal rather than a reset connection: the JDK's server drains only 64 KB of an unread
   * body before hanging up, and a client still uploading then loses the reply. Nothing is kept.
   */
  private static void discardRestOfBody(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    byte[] scrap = new byte[64 * 1024];
    long left = DISCARD_AT_MOST;
    int n;
    while (left > 0 && (n = in.read(scrap, 0, (int) Math.min(scrap.length, left))) > 0) {
      left -= n;
    }
  }

  /** Refuses any method but {@code allowed}, with 405 and the Allow header. */
  static void requireMethod(HttpExchange exchange, String allowed) {
    if (!exchange.getRequestMethod().equals(allowed)) {
      exchange.getResponseHeaders().set("Allow", allowed);
      throw new ApiException(405, "%s %s: use %s", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), allowed);
    }
  }
}
