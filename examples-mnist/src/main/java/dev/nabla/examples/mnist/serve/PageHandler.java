package dev.nabla.examples.mnist.serve;

import com.google.common.collect.ImmutableMap;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * The page: a fixed set of files from the jar's resources, loaded once at start-up. A request path is
 * only ever a key into that set, never a file name, so no request can reach another file.
 */
final class PageHandler extends GuardedHandler {
  private record File(String contentType, byte[] content) {}

  private static final ImmutableMap<String, String> FILES = ImmutableMap.of(
      "/", "index.html",
      "/index.html", "index.html",
      "/style.css", "style.css",
      "/app.js", "app.js",
      "/client.js", "client.js",
      "/network-view.js", "network-view.js",
      "/favicon.svg", "favicon.svg");

  private final ImmutableMap<String, File> files;

  PageHandler(Consumer<Throwable> log) {
    super(log);
    ImmutableMap.Builder<String, File> b = ImmutableMap.builder();
    FILES.forEach((path, name) -> b.put(path, load(name)));
    files = b.build();
  }

  private static File load(String name) {
    try (InputStream in = PageHandler.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("mnist serve: resource " + name + " is missing from the jar");
      }
      return new File(contentType(name), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String contentType(String name) {
    String ext = name.substring(name.lastIndexOf('.') + 1);
    return switch (ext) {
      case "html" -> "text/html; charset=utf-8";
      case "css" -> "text/css; charset=utf-8";
      case "js" -> "text/javascript; charset=utf-8";
      case "svg" -> "image/svg+xml";
      default -> throw new IllegalArgumentException("no content type for " + name);
    };
  }

  @Override
  void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    File file = files.get(path);
    if (file == null) {
      throw new ApiException(404, "no such page: %s (the page is at /)", Quoting.shown(path));
    }
    requireMethod(exchange, "GET");
    Replies.send(exchange, 200, file.contentType(), file.content());
  }
}
