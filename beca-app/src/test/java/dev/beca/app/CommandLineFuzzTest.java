package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.beca.app.internal.Terminal;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Generated command lines, 10,000 seeded argument vectors of BECA's own subcommands, options and
 * hostile values (empty, negative, huge, control characters, {@code --opt=value} forms): parsing
 * either succeeds or is a usage error, never another exception; and every hundredth usage error,
 * when run, exits with 2 and a message on standard error, without a stack trace. Nothing that
 * parses is run (it could start a benchmark or a model pull).
 */
class CommandLineFuzzTest {

  private static final int CASES = 10_000;
  private static final String[] COMMANDS = {
    "chat",
    "threads",
    "list",
    "show",
    "new",
    "link",
    "search",
    "summarize",
    "models",
    "use",
    "rollback",
    "history",
    "pull",
    "rm",
    "health",
    "test",
    "updates",
    "scan",
    "alerts",
    "audit",
    "benchmark",
    "help",
    "general",
    "coding"
  };
  private static final String[] OPTIONS = {
    "--data-dir",
    "--ollama-url",
    "--session",
    "--context-tokens",
    "--model",
    "-m",
    "--first-token-timeout",
    "--reply-timeout",
    "--stall-timeout",
    "--mode",
    "--limit",
    "--since",
    "--until",
    "--role",
    "--thread",
    "--format",
    "--temperature",
    "--staged",
    "--help",
    "-h",
    "--version",
    "-V",
    "--",
    "-",
    "--no-such"
  };
  private static final String[] VALUES = {
    "",
    " ",
    "0",
    "-1",
    "-3",
    "99999999999999999999",
    "1e9",
    "NaN",
    "abc",
    "http://",
    "localhost:11434",
    "http://user:pw@127.0.0.1:1",
    "\u001b[2J",
    "a\nb",
    "\u0000",
    "\u00e9t\u00e9",
    "2026-13-45",
    "keyword",
    "json",
    "sarif",
    "/nonexistent/path",
    "..",
    "--",
    "-x",
    "@file",
    "%s%n"
  };

  @Test
  void generatedCommandLinesParseOrAreUsageErrorsWithoutAStackTrace() {
    Random random = new Random(20261201L);
    int usageErrors = 0;
    // One command line for all the cases: picocli resets every option before each parse.
    CommandLine commandLine =
        BecaCommand.commandLine(terminal(new StringWriter(), new StringWriter()), Map.of());
    for (int i = 0; i < CASES; i++) {
      String[] args = args(random);
      try {
        commandLine.parseArgs(args);
      } catch (CommandLine.ParameterException e) {
        usageErrors++;
        if (usageErrors % 100 == 0) {
          StringWriter err = new StringWriter();
          int code = BecaCommand.run(terminal(new StringWriter(), err), Map.of(), args);
          assertThat(code).as("exit code of %s", List.of(args)).isEqualTo(2);
          assertThat(err.toString())
              .as("%s", List.of(args))
              .isNotBlank()
              .doesNotContain("\tat ", "Exception in");
        }
      } catch (RuntimeException e) {
        fail("parsing " + List.of(args) + " threw " + e, e);
      }
    }
    assertThat(usageErrors)
        .as("the generator reaches usage errors and valid command lines")
        .isBetween(1, CASES - 1);
  }

  private static String[] args(Random random) {
    List<String> args = new ArrayList<>();
    int n = random.nextInt(7);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(4)) {
        case 0 -> args.add(COMMANDS[random.nextInt(COMMANDS.length)]);
        case 1 -> args.add(OPTIONS[random.nextInt(OPTIONS.length)]);
        case 2 ->
            args.add(
                OPTIONS[random.nextInt(OPTIONS.length)]
                    + "="
                    + VALUES[random.nextInt(VALUES.length)]);
        default -> args.add(VALUES[random.nextInt(VALUES.length)]);
      }
    }
    return args.toArray(String[]::new);
  }

  private static Terminal terminal(StringWriter out, StringWriter err) {
    return new Terminal(
        new ByteArrayInputStream(new byte[0]),
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        false);
  }
}
