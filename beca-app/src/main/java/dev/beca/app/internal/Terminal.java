package dev.beca.app.internal;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Where a command reads the user's input and writes its output.
 *
 * @param in the user's input
 * @param out replies and results
 * @param err one-line diagnoses
 * @param interactive whether a person types at a terminal (prompts are shown, failures do not end
 *     the session)
 */
public record Terminal(InputStream in, PrintWriter out, PrintWriter err, boolean interactive) {

  /** The process's own streams; interactive when a console is attached. */
  public static Terminal system() {
    return new Terminal(
        System.in,
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        System.console() != null);
  }

  /** The input as UTF-8 lines. */
  BufferedReader reader() {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /**
   * Prints {@code text} on {@link #out} without a line end and flushes it (prompts, terminal
   * modes).
   */
  void print(String text) {
    out.print(text);
    out.flush();
  }

  /**
   * Text as it may be printed: every control character except line feed and tab is shown as a
   * visible escape ({@code \x1B}, {@code \r}, {@code \u009B}), so that stored text (a thread name,
   * a message, a model's reply) cannot move the cursor, rewrite the window title or clear the
   * screen.
   */
  static String printable(String text) {
    return escape(text, false);
  }

  /**
   * Like {@link #printable}, for text that must stay on one line: line feeds and tabs are escaped
   * too.
   */
  static String printableLine(String text) {
    return escape(text, true);
  }

  private static String escape(String text, boolean oneLine) {
    int i = 0;
    while (i < text.length() && !escaped(text.charAt(i), oneLine)) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!escaped(c, oneLine)) {
        out.append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c < 0x80) {
        out.append(String.format(java.util.Locale.ROOT, "\\x%02X", (int) c));
      } else {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
      }
    }
    return out.toString();
  }

  private static boolean escaped(char c, boolean oneLine) {
    return Character.isISOControl(c) && (oneLine || c != '\n' && c != '\t');
  }
}
