package dev.beca.app;

import dev.beca.app.internal.AgentsCommand;
import dev.beca.app.internal.AlertsCommand;
import dev.beca.app.internal.AuditCommand;
import dev.beca.app.internal.BecaVersionProvider;
import dev.beca.app.internal.BenchmarkCommand;
import dev.beca.app.internal.ChatCommand;
import dev.beca.app.internal.ExitCodes;
import dev.beca.app.internal.ImproveCommand;
import dev.beca.app.internal.LessonsCommand;
import dev.beca.app.internal.McpCommand;
import dev.beca.app.internal.ModelsCommand;
import dev.beca.app.internal.PatternsCommand;
import dev.beca.app.internal.ScanCommand;
import dev.beca.app.internal.ServeCommand;
import dev.beca.app.internal.Startup;
import dev.beca.app.internal.Terminal;
import dev.beca.app.internal.ThreadsCommand;
import dev.beca.app.internal.TokensCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code beca} command line: {@code beca --version}, {@code beca --help}, {@code beca chat},
 * {@code beca benchmark}, {@code beca scan} (secrets in files) and {@code beca alerts}. {@code beca
 * threads ...}.
 *
 * <p>Run it with {@code java -jar beca-app/target/beca.jar}. Exit codes: 0 success, 1 a model or
 * storage failure (one line on standard error, details in {@code DATA_DIR/logs/beca.log}), 2
 * invalid usage.
 */
@Command(
    name = "beca",
    mixinStandardHelpOptions = true,
    versionProvider = BecaVersionProvider.class,
    description = "BECA, a self-improving coding assistant for the JVM.",
    footer = {
      "",
      "Exit codes: 0 done, 1 a model, server or storage failure, 2 invalid usage (a command's --help lists its own)."
    })
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
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // Loading and verifying picocli (Java 5 class files, which class-data sharing cannot hold)
      // costs several bare JVM starts; the version needs none of it.
      for (String line : new BecaVersionProvider().getVersion()) {
        terminal.out().println(line);
      }
      terminal.out().flush();
      return ExitCodes.OK;
    }
    CommandLine commandLine = commandLine(terminal, env, args);
    return commandLine.execute(args);
  }

  /**
   * The configured picocli command line. Building a subcommand's model takes picocli's reflection
   * over its options, the largest part of a short command's start-up; so only the subcommand the
   * arguments name is added, and every one for help, usage and errors.
   */
  static CommandLine commandLine(Terminal terminal, Map<String, String> env, String... args) {
    Startup startup = new Startup(terminal, env);
    Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
    subcommands.put("chat", () -> new ChatCommand(startup));
    subcommands.put("benchmark", () -> BenchmarkCommand.commandLine(startup));
    subcommands.put("scan", () -> new ScanCommand(terminal));
    subcommands.put("alerts", () -> new AlertsCommand(startup));
    subcommands.put("audit", () -> new AuditCommand(startup));
    subcommands.put("threads", () -> ThreadsCommand.create(startup));
    subcommands.put("models", () -> ModelsCommand.commandLine(startup));
    subcommands.put("serve", () -> new ServeCommand(startup));
    subcommands.put("tokens", () -> TokensCommand.create(startup));
    subcommands.put("mcp", () -> new McpCommand(startup));
    subcommands.put("patterns", () -> PatternsCommand.create(startup));
    subcommands.put("lessons", () -> LessonsCommand.create(startup));
    subcommands.put("improve", () -> ImproveCommand.commandLine(startup));
    subcommands.put("agents", () -> new AgentsCommand(startup));
    String first = args.length == 0 ? "" : args[0];
    CommandLine commandLine = new CommandLine(new BecaCommand());
    if (subcommands.containsKey(first)) {
      commandLine.addSubcommand(first, subcommands.get(first).get());
    } else {
      commandLine.addSubcommand(new CommandLine.HelpCommand());
      subcommands.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
    }
    commandLine.setOut(terminal.out());
    commandLine.setErr(terminal.err());
    commandLine.setExecutionExceptionHandler(ExitCodes.handler());
    return commandLine;
  }

  /** Without a subcommand, show the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
