package dev.beca.selfimprove.internal;

import dev.beca.core.agent.AgentTool;
import dev.beca.core.agent.CommandSandbox;
import dev.beca.core.agent.CommandSettings;
import dev.beca.core.agent.ProjectCommandTools;
import dev.beca.core.agent.ProjectRoot;
import dev.beca.core.agent.ToolArguments;
import dev.beca.core.agent.ToolCancellation;
import dev.beca.core.agent.ToolResult;
import dev.beca.selfimprove.spi.CommandOutcome;
import dev.beca.selfimprove.spi.EvaluationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link EvaluationContext} whose commands go through core's {@code run_command} tool: the same
 * sandbox, scrubbed environment, time limit and process-tree kill as the agent's commands.
 */
public final class SandboxedContext implements EvaluationContext {

  private static final Pattern EXIT = Pattern.compile("\\[exit code (-?\\d+)]\\s*$");

  private final Path tree;
  private final Path baseTree;
  private final Duration timeLimit;
  private final CommandSandbox sandbox;
  private final CommandSettings settings;
  private final ToolCancellation cancellation;
  private final BooleanSupplier stopped;
  private final long deadline;

  /**
   * A context.
   *
   * @param tree the tree evaluated
   * @param baseTree the base tree, or null when {@code tree} is the base
   * @param timeLimit the step's time limit
   * @param sandbox the sandbox
   * @param settings command settings (environment, hidden paths, kill grace)
   * @param cancellation cancelled by an emergency stop
   * @param stopped whether a stop was requested
   */
  public SandboxedContext(
      Path tree,
      Path baseTree,
      Duration timeLimit,
      CommandSandbox sandbox,
      CommandSettings settings,
      ToolCancellation cancellation,
      BooleanSupplier stopped) {
    this.tree = tree;
    this.baseTree = baseTree;
    this.timeLimit = timeLimit;
    this.sandbox = sandbox;
    this.settings = settings;
    this.cancellation = cancellation;
    this.stopped = stopped;
    this.deadline = System.nanoTime() + timeLimit.toNanos();
  }

  @Override
  public Path tree() {
    return tree;
  }

  @Override
  public Optional<Path> baseTree() {
    return Optional.ofNullable(baseTree);
  }

  @Override
  public Duration timeLimit() {
    return timeLimit;
  }

  @Override
  public boolean isStopped() {
    return stopped.getAsBoolean() || cancellation.isCancelled();
  }

  @Override
  public CommandOutcome run(String commandLine, Path directory) {
    if (isStopped()) {
      return new CommandOutcome(OptionalInt.empty(), false, true, "");
    }
    long leftSeconds = Math.max(1, (deadline - System.nanoTime() + 999_999_999L) / 1_000_000_000L);
    CommandSettings step =
        settings.toBuilder()
            .maxTimeout(Duration.ofSeconds(Math.max(leftSeconds, 1)))
            .defaultTimeout(Duration.ofSeconds(Math.max(leftSeconds, 1)))
            .build();
    AgentTool tool = ProjectCommandTools.create(ProjectRoot.of(directory), sandbox, step).get(0);
    String json =
        "{\"command\":" + Json.quote(commandLine) + ",\"timeout_seconds\":" + leftSeconds + "}";
    ToolResult result = tool.execute(ToolArguments.parse(tool.specification(), json), cancellation);
    String text = result.text();
    Matcher m = EXIT.matcher(text);
    if (m.find()) {
      return new CommandOutcome(
          OptionalInt.of(Integer.parseInt(m.group(1))), false, false, text.substring(0, m.start()));
    }
    boolean cancelled = result.display().contains("cancelled");
    boolean timedOut = result.display().contains("timed out");
    if (!cancelled && !timedOut) {
      // could not start: report as a failure with the message
      return new CommandOutcome(OptionalInt.of(-1), false, false, text);
    }
    return new CommandOutcome(OptionalInt.empty(), timedOut && !cancelled, cancelled, text);
  }
}
