package dev.nabla.examples.mnist.serve;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes replies: JSON for the API (errors too), bytes for the page's files. */
final class Replies {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  /** Nothing loads from another origin; the page's scripts and styles are its own files. */
  private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
      + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private Replies() {}

  static void json(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json; charset=utf-8", GSON.toJson(body).getBytes(StandardCharsets.UTF_8));
  }

  static void error(HttpExchange exchange, int status, String message) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("error", message);
    json(exchange, status, body);
  }

  /** Sends a reply and flushes it; the caller closes the exchange. */
  static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", contentType);
    headers.set("Cache-Control", "no-cache");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    exchange.sendResponseHeaders(status, body.length);
    OutputStream out = exchange.getResponseBody();
    out.write(body);
    out.flush(); // on its way before anything else; the handler closes the exchange
  }
}
