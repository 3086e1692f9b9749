package dev.beca.core.agent;

import dev.beca.core.InvalidInputException;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command tool, {@value #RUN_COMMAND}{@code {command, timeout_seconds}}: runs a shell command
 * line ({@code bash -c}, else {@code sh -c}) in the project folder, inside the {@link
 * CommandSandbox} when there is one, with standard input closed, standard output and error merged,
 * the {@linkplain CommandEnvironment scrubbed environment}, and a time limit ({@link
 * CommandSettings#defaultTimeout()}, at most {@link CommandSettings#maxTimeout()}). On timeout or
 * {@linkplain ToolCancellation cancellation} the command and every process it started get SIGTERM,
 * then SIGKILL after {@link CommandSettings#killGrace()}, and the result says so, with the output
 * so far. The output is capped at {@link CommandSettings#maxOutputChars()} (its start and its end,
 * with a note saying how much was dropped); the result ends with the exit code. A non-zero exit
 * code is a failed result, whose text the model reads like any other.
 */
public final class ProjectCommandTools {

  /** Runs a shell command line in the project folder. */
  public static final String RUN_COMMAND = "run_command";

  private static final Logger LOG = LoggerFactory.getLogger(ProjectCommandTools.class);

  private ProjectCommandTools() {}

  /**
   * The command tool on a project.
   *
   * @param root the project: the working directory and, in the sandbox, the writable folder
   * @param sandbox where commands run ({@link CommandSandbox#detect()} for this machine's)
   * @param settings time limits, output cap, environment, network
   * @return the tool, in a list to hand to {@link ToolRunner.Builder#tools}
   */
  public static List<AgentTool> create(
      ProjectRoot root, CommandSandbox sandbox, CommandSettings settings) {
    return List.of(new RunCommand(root, sandbox, settings));
  }

  private static final class RunCommand implements AgentTool {
    private final ProjectRoot root;
    private final CommandSandbox sandbox;
    private final CommandSettings settings;
    private final ToolSpecification spec;
    private final String shell;

    RunCommand(ProjectRoot root, CommandSandbox sandbox, CommandSettings settings) {
      this.root = Objects.requireNonNull(root, "root");
      this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
      this.settings = Objects.requireNonNull(settings, "settings");
      this.shell = Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/bin/sh";
      long max = settings.maxTimeout().toSeconds();
      this.spec =
          ToolSpecification.builder()
              .name(RUN_COMMAND)
              .description(
                  "Run a shell command line in the project folder (for example the build or the"
                      + " tests) and return its output (standard output and error together) and"
                      + " exit code. No input can be given to it. It runs in "
                      + sandbox.description(settings)
                      + ". It is stopped after timeout_seconds.")
              .parameters(
                  JsonObjectSchema.builder()
                      .addStringProperty("command", "the command line, run with " + shell + " -c")
                      .addIntegerProperty(
                          "timeout_seconds",
                          "optional time limit in seconds, 1 to "
                              + max
                              + "; default "
                              + settings.defaultTimeout().toSeconds())
                      .required("command")
                      .build())
              .build();
    }

    @Override
    public ToolSpecification specification() {
      return spec;
    }

    @Override
    public ToolAction describe(ToolArguments arguments) {
      String command = arguments.string("command");
      if (command.isBlank()) {
        throw new InvalidInputException(
            "The command of " + RUN_COMMAND + " is empty.", "Send the command line to run.");
      }
      timeout(arguments);
      return ToolAction.command(command);
    }

    private Duration timeout(ToolArguments arguments) {
      long max = settings.maxTimeout().toSeconds();
      long seconds =
          arguments
              .optionalInteger("timeout_seconds")
              .orElse(settings.defaultTimeout().toSeconds());
      if (seconds < 1 || seconds > max) {
        throw new InvalidInputException(
            "timeout_seconds of "
                + RUN_COMMAND
                + " must be between 1 and "
                + max
                + ", was "
                + seconds
                + ".",
            seconds > max
                ? "A command may run at most " + max + " s; run a smaller part of the work."
                : "Leave it out for the default of "
                    + settings.defaultTimeout().toSeconds()
                    + " s.");
      }
      return Duration.ofSeconds(seconds);
    }

    @Override
    public ToolResult execute(ToolArguments arguments) {
      return execute(arguments, ToolCancellation.none());
    }

    @Override
    public ToolResult execute(ToolArguments arguments, ToolCancellation cancellation) {
      String command = arguments.string("command");
      Duration timeout = timeout(arguments);
      Map<String, String> environment = CommandEnvironment.scrub(settings.environment());
      List<String> line =
          sandbox.commandLine(List.of(shell, "-c", command), root.path(), environment, settings);
      ProcessBuilder builder = new ProcessBuilder(line).directory(root.path().toFile());
      builder.redirectErrorStream(true);
      builder.environment().clear();
      builder.environment().putAll(environment);
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        return ToolResult.error(
            "The command could not be started: " + e.getMessage() + ". Tell the user.");
      }
      OutputCapture output = new OutputCapture(settings.maxOutputChars());
      Thread reader = startReader(process, output);
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // Standard input is closed either way once the process ends.
      }
      long start = System.nanoTime();
      long deadline = start + timeout.toNanos();
      String stopped = null;
      int killed = 0;
      boolean interrupted = false;
      while (true) {
        long left = deadline - System.nanoTime();
        try {
          if (process.waitFor(Math.max(1, Math.min(left, 100_000_000L)), TimeUnit.NANOSECONDS)) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
        if (interrupted || cancellation.isCancelled()) {
          stopped =
              "cancelled after "
                  + seconds(System.nanoTime() - start)
                  + (interrupted ? " (interrupted)" : " by the user");
          break;
        }
        if (System.nanoTime() - deadline >= 0) {
          stopped = "timed out after " + timeout.toSeconds() + " s";
          break;
        }
      }
      if (stopped != null) {
        killed = ProcessTree.kill(process.toHandle(), settings.killGrace());
        try {
          process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      boolean outputComplete = join(reader);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return result(command, process, output, outputComplete, stopped, killed);
    }

    private ToolResult result(
        String command,
        Process process,
        OutputCapture output,
        boolean outputComplete,
        String stopped,
        int killed) {
      String text = output.text();
      StringBuilder result = new StringBuilder(text.isEmpty() ? "(no output)" : text);
      if (result.charAt(result.length() - 1) != '\n') {
        result.append('\n');
      }
      if (!outputComplete) {
        result.append(
            "[processes started in the background still hold the output open; what they write"
                + " later is not shown]\n");
      }
      String shown = command.length() <= 60 ? command : command.substring(0, 57) + "...";
      if (stopped != null) {
        result
            .append("[")
            .append(stopped)
            .append(": the command")
            .append(
                killed == 0
                    ? ""
                    : " and the "
                        + killed
                        + (killed == 1 ? " process" : " processes")
                        + " below it")
            .append(" were stopped (SIGTERM, then SIGKILL); there is no exit code]");
        return new ToolResult(result.toString(), false, "`" + shown + "` " + stopped);
      }
      int exit = process.exitValue();
      result.append("[exit code ").append(exit).append(']');
      return new ToolResult(
          result.toString(),
          exit == 0,
          "ran `"
              + shown
              + "`: exit code "
              + exit
              + ", "
              + String.format(Locale.ROOT, "%,d", output.total())
              + " characters of output");
    }

    private static Thread startReader(Process process, OutputCapture output) {
      Thread reader =
          new Thread(
              () -> {
                char[] buffer = new char[8192];
                try (Reader in =
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                  int n;
                  while ((n = in.read(buffer)) >= 0) {
                    output.append(buffer, 0, n);
                  }
                } catch (IOException e) {
                  LOG.debug("Reading a command's output ended", e);
                }
              },
              "beca-command-output");
      reader.setDaemon(true);
      reader.start();
      return reader;
    }

    /** Waits for the output to end; false when something in the background still holds it. */
    private static boolean join(Thread reader) {
      try {
        reader.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return !reader.isAlive();
    }

    private static String seconds(long nanos) {
      return Math.max(0, nanos / 1_000_000_000L) + " s";
    }
  }
}
