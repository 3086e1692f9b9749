package dev.beca.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run_command} without a sandbox: real processes in a temporary project. */
class ProjectCommandToolsTest {

  @TempDir Path temp;
  private Path project;
  private ProjectRoot root;

  @BeforeEach
  void createProject() throws IOException {
    project = Files.createDirectories(temp.resolve("project"));
    Files.writeString(project.resolve("hello.txt"), "hello\n");
    root = ProjectRoot.of(project);
  }

  private AgentTool tool(CommandSettings settings) {
    return ProjectCommandTools.create(root, CommandSandbox.none("a test without sandbox"), settings)
        .get(0);
  }

  private AgentTool tool() {
    return tool(CommandSettings.defaults());
  }

  private static ToolArguments args(AgentTool tool, String json) {
    return ToolArguments.parse(tool.specification(), json);
  }

  private static ToolResult run(AgentTool tool, String json) {
    ToolArguments arguments = args(tool, json);
    tool.describe(arguments);
    return tool.execute(arguments, new ToolCancellation());
  }

  private static String json(String command) {
    return "{\"command\": \"" + command.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
  }

  private static String json(String command, int timeoutSeconds) {
    return json(command).replace("}", ", \"timeout_seconds\": " + timeoutSeconds + "}");
  }

  @Test
  void runsInTheProjectFolderWithOutputAndErrorMergedAndTheExitCode() {
    ToolResult result = run(tool(), json("cat hello.txt; echo oops >&2; pwd; exit 3"));

    assertThat(result.success()).isFalse();
    assertThat(result.text()).isEqualTo("hello\noops\n" + root.path() + "\n[exit code 3]");
    assertThat(result.display()).startsWith("ran `cat hello.txt;").contains("exit code 3");
  }

  @Test
  void aZeroExitIsASuccess() {
    ToolResult result = run(tool(), json("true"));

    assertThat(result.success()).isTrue();
    assertThat(result.text()).isEqualTo("(no output)\n[exit code 0]");
  }

  @Test
  void standardInputIsClosedSoAReadEndsAtOnce() {
    ToolResult result = run(tool(), json("cat; read line || echo no-input", 30));

    assertThat(result.text()).isEqualTo("no-input\n[exit code 0]");
  }

  @Test
  void theEnvironmentHasNoCredentialsButKeepsThePath() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("BECA_OPENAI_API_KEY", "sk-not-for-commands");
    env.put("GITHUB_TOKEN", "ghp-not-for-commands");
    env.put("AWS_SECRET_ACCESS_KEY", "aws-not-for-commands");
    env.put("DB_PASSWORD", "pw-not-for-commands");
    env.put("JAVA_HOME", "/opt/some-jdk");
    env.put("LANG", "C.UTF-8");
    AgentTool tool = tool(CommandSettings.builder().environment(env).build());

    ToolResult result = run(tool, json("env | sort"));

    assertThat(result.text())
        .doesNotContain("not-for-commands")
        .contains("JAVA_HOME=/opt/some-jdk")
        .contains("LANG=C.UTF-8")
        .contains("PATH=" + System.getenv("PATH"));
  }

  @Test
  void longOutputKeepsItsStartAndEndAndSaysHowMuchWasDropped() {
    AgentTool tool = tool(CommandSettings.builder().maxOutputChars(300).build());

    ToolResult result = run(tool, json("seq 1 20000"));

    // seq 1 20000 writes 108,894 characters; 300 are kept: the first 100 and the last 200.
    assertThat(result.text())
        .startsWith("1\n2\n3\n")
        .contains("[... 108,594 characters of output dropped here ...]")
        .endsWith("19999\n20000\n[exit code 0]");
    assertThat(result.text().length()).isLessThan(450);
  }

  @Test
  void aCommandThatNeverEndsIsStoppedWithItsChildrenAtTheTimeLimit() throws Exception {
    long marker = Processes.marker();

    ToolResult result =
        run(
            tool(CommandSettings.builder().killGrace(Duration.ofMillis(500)).build()),
            json("sleep " + marker + " & sleep " + marker + " & echo started; wait", 1));

    assertThat(result.success()).isFalse();
    assertThat(result.text())
        .startsWith("started\n")
        .contains("[timed out after 1 s: the command and the 2 processes below it were stopped")
        .doesNotContain("exit code ");
    assertThat(result.display()).endsWith("timed out after 1 s");
    Processes.awaitUpTo(10, () -> Processes.sleeping(marker).isEmpty());
    assertThat(Processes.sleeping(marker)).isEmpty();
  }

  @Test
  void aProcessThatIgnoresSigtermIsKilled() throws Exception {
    long marker = Processes.marker();

    ToolResult result =
        run(
            tool(CommandSettings.builder().killGrace(Duration.ofMillis(300)).build()),
            json("trap '' TERM; sleep " + marker + " & echo started; wait; wait", 1));

    assertThat(result.text()).startsWith("started\n").contains("timed out after 1 s");
    Processes.awaitUpTo(10, () -> Processes.sleeping(marker).isEmpty());
    assertThat(Processes.sleeping(marker)).isEmpty();
  }

  @Test
  void cancellingStopsTheCommandAndItsChildrenAndReturnsTheOutputSoFar() throws Exception {
    long marker = Processes.marker();
    AgentTool tool = tool();
    ToolArguments arguments =
        args(tool, json("echo before; sleep " + marker + " & sleep " + marker + "; echo after"));
    ToolCancellation cancellation = new ToolCancellation();

    CompletableFuture<ToolResult> running =
        CompletableFuture.supplyAsync(() -> tool.execute(arguments, cancellation));
    Processes.awaitUpTo(20, () -> Processes.sleeping(marker).size() == 2);
    assertThat(Processes.sleeping(marker)).hasSize(2);
    cancellation.cancel();
    ToolResult result = running.get(30, TimeUnit.SECONDS);

    assertThat(result.success()).isFalse();
    assertThat(result.text())
        .startsWith("before\n")
        .contains("[cancelled after ")
        .contains(" by the user: the command and the ")
        .doesNotContain("after\n");
    Processes.awaitUpTo(10, () -> Processes.sleeping(marker).isEmpty());
    assertThat(Processes.sleeping(marker)).isEmpty();
  }

  @Test
  void timeoutSecondsIsCheckedWithAClearError() {
    AgentTool tool =
        tool(
            CommandSettings.builder()
                .defaultTimeout(Duration.ofSeconds(60))
                .maxTimeout(Duration.ofSeconds(300))
                .build());

    assertThatThrownBy(() -> tool.describe(args(tool, json("mvn test", 900))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "timeout_seconds of run_command must be between 1 and 300, was 900. A command may run"
                + " at most 300 s; run a smaller part of the work.");
    assertThatThrownBy(() -> tool.describe(args(tool, json("mvn test", 0))))
        .hasMessageContaining("must be between 1 and 300, was 0")
        .hasMessageContaining("default of 60 s");
    assertThatThrownBy(() -> tool.describe(args(tool, json("  "))))
        .hasMessageContaining("The command of run_command is empty");
    assertThat(tool.describe(args(tool, json("mvn -q test", 300))))
        .isEqualTo(ToolAction.command("mvn -q test"));
    assertThat(tool.specification().parameters().required()).containsExactly("command");
  }

  @Test
  void settingsRefuseNonsense() {
    assertThatThrownBy(
            () ->
                CommandSettings.builder()
                    .defaultTimeout(Duration.ofSeconds(700))
                    .maxTimeout(Duration.ofSeconds(600))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("defaultTimeout (700 s) must not be longer than maxTimeout (600 s)");
    assertThatThrownBy(() -> CommandSettings.builder().maxTimeout(Duration.ofMillis(1500)))
        .hasMessageContaining("maxTimeout must be a positive number of whole seconds");
    assertThatThrownBy(() -> CommandSettings.builder().maxOutputChars(10))
        .hasMessageContaining("maxOutputChars must be at least 100");
  }
}
