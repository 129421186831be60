package dev.nabla.autodiff.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one statement line into tokens: node references ({@code %3}), quoted strings with JSON-style
 * escapes, words (names, numbers, {@code ?}), and the punctuation {@code = ( ) , : [ ]}.
 */
final class Tokens {
  enum Kind { REF, STRING, WORD, PUNCT }

  /** One token; {@code text} is unescaped for strings, without the {@code %} for references. */
  record Token(Kind kind, String text) {
    boolean is(String punct) {
      return kind == Kind.PUNCT && text.equals(punct);
    }

    @Override
    public String toString() {
      return switch (kind) {
        case REF -> "%" + text;
        case STRING -> GraphWriter.quote(text);
        default -> "'" + text + "'";
      };
    }
  }

  /** Thrown for a line that cannot be split; the reader adds the line number. */
  static final class LexException extends Exception {
    private static final long serialVersionUID = 1L;

    LexException(String message) {
      super(message, null, false, false);
    }
  }

  private Tokens() {}

  static List<Token> split(String line) throws LexException {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if ("=(),:[]".indexOf(c) >= 0) {
        out.add(new Token(Kind.PUNCT, String.valueOf(c)));
        i++;
      } else if (c == '"') {
        StringBuilder sb = new StringBuilder();
        i = string(line, i + 1, sb);
        out.add(new Token(Kind.STRING, sb.toString()));
      } else if (c == '%') {
        int start = ++i;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
          i++;
        }
        if (start == i) {
          throw new LexException("'%' must be followed by a node number, as in %3");
        }
        out.add(new Token(Kind.REF, line.substring(start, i)));
      } else if (isWordChar(c)) {
        int start = i;
        while (i < line.length() && isWordChar(line.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.WORD, line.substring(start, i)));
      } else {
        throw new LexException("unexpected character '" + printable(c) + "' at column " + (i + 1));
      }
    }
    return out;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '+' || c == '?';
  }

  /** Reads a string body from {@code i} (after the opening quote) into {@code sb}; returns the index after the closing quote. */
  private static int string(String line, int i, StringBuilder sb) throws LexException {
    while (i < line.length()) {
      char c = line.charAt(i++);
      if (c == '"') {
        return i;
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (i >= line.length()) {
        break;
      }
      char e = line.charAt(i++);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'u' -> {
          if (i + 4 > line.length()) {
            throw new LexException("\\u needs four hex digits");
          }
          try {
            sb.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
          } catch (NumberFormatException notHex) {
            throw new LexException("\\u" + line.substring(i, i + 4) + " is not four hex digits");
          }
          i += 4;
        }
        default -> throw new LexException("unknown escape \\" + printable(e) + " in a string");
      }
    }
    throw new LexException("a string is not closed with '\"'");
  }

  static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
  }
}
