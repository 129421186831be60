package dev.nabla.examples.mnist.serve;

/** How request text is quoted back in messages: at most 80 characters of it. */
final class Quoting {
  private static final int MAX_SHOWN = 80;

  private Quoting() {}

  static String shown(String text) {
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
  }
}
