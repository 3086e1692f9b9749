package dev.beca.app;

import dev.beca.app.internal.BecaVersionProvider;
import dev.beca.app.internal.BenchmarkCommand;
import dev.beca.app.internal.AlertsCommand;
import dev.beca.app.internal.ChatCommand;
import dev.beca.app.internal.ScanCommand;
import dev.beca.app.internal.ModelsCommand;
import dev.beca.app.internal.Terminal;
import dev.beca.app.internal.ThreadsCommand;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code beca} command line: {@code beca --version}, {@code beca --help}, {@code beca chat},
 * {@code beca benchmark}, {@code beca scan} (secrets in files) and {@code beca alerts}.
 * {@code beca threads ...}.
 *
 * <p>Run it with {@code java -jar beca-app/target/beca.jar}. Exit codes: 0 success, 1 a model
 * or storage failure (one line on standard error, details in {@code DATA_DIR/logs/beca.log}),
 * 2 invalid usage.
 */
@Command(
    name = "beca",
    mixinStandardHelpOptions = true,
    versionProvider = BecaVersionProvider.class,
    description = "BECA, a self-improving coding assistant for the JVM.",
    subcommands = {CommandLine.HelpCommand.class})
public final class BecaCommand implements Runnable {

  @Spec CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(Terminal.system(), System.getenv(), args));
  }

  /**
   * Runs the command line without exiting, for embedding and tests.
   *
   * @param terminal where to read and write
   * @param env environment variables to take settings from
   * @param args the arguments
   * @return the exit code
   */
  public static int run(Terminal terminal, Map<String, String> env, String... args) {
    CommandLine commandLine = commandLine(terminal, env);
    return commandLine.execute(args);
  }

  /** The configured picocli command line, with every subcommand. */
  static CommandLine commandLine(Terminal terminal, Map<String, String> env) {
    CommandLine commandLine = new CommandLine(new BecaCommand());
    commandLine.addSubcommand(new ChatCommand(terminal, env));
    commandLine.addSubcommand(BenchmarkCommand.commandLine(terminal, env));
    commandLine.addSubcommand(new ScanCommand(terminal));
    commandLine.addSubcommand(new AlertsCommand(terminal, env));
    commandLine.addSubcommand(ThreadsCommand.create(terminal, env));
    commandLine.addSubcommand(ModelsCommand.commandLine(terminal, env));
    commandLine.setOut(terminal.out());
    commandLine.setErr(terminal.err());
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          // The last line of defence: never a stack trace on the console.
          cmd.getErr().println("beca: unexpected failure: " + exception
              + ". Please report it with the log file from your data directory.");
          org.slf4j.LoggerFactory.getLogger(BecaCommand.class).error("Unexpected failure", exception);
          return ChatCommand.EXIT_FAILURE;
        });
    return commandLine;
  }

  /** Without a subcommand, show the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
