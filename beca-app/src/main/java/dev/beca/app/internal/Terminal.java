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
 * @param interactive whether a person types at a terminal (prompts are shown, failures do not
 *     end the session)
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
}
