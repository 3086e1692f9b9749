package dev.beca.app;

import dev.beca.app.internal.Terminal;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One in-process run of {@code beca}, the way the command tests run it without a jar: the user's
 * input and the environment go in, the exit code and what the command printed come out.
 *
 * @param exit the exit code
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
public record BecaRun(int exit, String out, String err) {

  /**
   * Runs {@code beca} with nothing typed, on a terminal that is not interactive.
   *
   * @param env the environment the command sees
   * @param args the command line
   * @return the run's exit code and output
   */
  public static BecaRun of(Map<String, String> env, String... args) {
    return of("", false, env, args);
  }

  /**
   * Runs {@code beca} with what the user types.
   *
   * @param input the lines the user types, as one text
   * @param interactive whether the terminal is interactive (prompts and confirmations)
   * @param env the environment the command sees
   * @param args the command line
   * @return the run's exit code and output
   */
  public static BecaRun of(
      String input, boolean interactive, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal terminal =
        new Terminal(
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            interactive);
    int exit = BecaCommand.run(terminal, env, args);
    return new BecaRun(exit, out.toString(), err.toString());
  }
}
