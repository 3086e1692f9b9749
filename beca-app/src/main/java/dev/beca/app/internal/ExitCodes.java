package dev.beca.app.internal;

import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The exit codes every {@code beca} command shares, and the one place that turns a failure into one
 * line on standard error and a code: {@value #USAGE} for input the user can correct (bad options,
 * unknown roles, out-of-range values), {@value #FAILURE} for a model, server or storage failure,
 * {@value #FAILURE} for anything unexpected (with the stack trace in the log only). Commands with
 * codes of their own ({@code scan}: 1 means secrets found; {@code benchmark --compare}: 3 means
 * regressions) declare them beside their code.
 */
public final class ExitCodes {

  /** The command did what was asked. */
  public static final int OK = 0;

  /** A model, server or storage failure, or an unknown id. */
  public static final int FAILURE = 1;

  /** Invalid usage: an option, argument or value the user can correct. */
  public static final int USAGE = 2;

  private ExitCodes() {}

  /** The exit code of a BECA failure: {@link #USAGE} for invalid input, else {@link #FAILURE}. */
  public static int of(BecaException failure) {
    return failure instanceof InvalidInputException ? USAGE : FAILURE;
  }

  /**
   * Picocli's execution-exception handler for the whole command line: a {@link BecaException}
   * thrown by a command becomes {@code beca: PROBLEM REMEDY} and {@link #of its code}; anything
   * else is reported as unexpected, never as a stack trace on the console.
   */
  public static CommandLine.IExecutionExceptionHandler handler() {
    return (exception, commandLine, parseResult) -> {
      commandLine.getOut().flush();
      var log = LoggerFactory.getLogger(commandLine.getCommand().getClass());
      int code;
      if (exception instanceof BecaException failure) {
        code = of(failure);
        if (code == USAGE) {
          log.warn(
              "beca {} refused its input: {}", commandLine.getCommandName(), failure.getMessage());
        } else {
          log.error(
              "beca {} failed: {}", commandLine.getCommandName(), failure.getMessage(), failure);
        }
        commandLine.getErr().println("beca: " + failure.getMessage());
      } else {
        log.error("Unexpected failure", exception);
        commandLine
            .getErr()
            .println(
                "beca: unexpected failure: "
                    + exception
                    + ". Please report it with the log file from your data directory.");
        code = FAILURE;
      }
      commandLine.getErr().flush();
      return code;
    };
  }
}
