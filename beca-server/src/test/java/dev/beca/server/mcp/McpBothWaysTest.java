package dev.beca.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.agent.ActionKind;
import dev.beca.core.agent.AgentTool;
import dev.beca.core.agent.ApprovalMode;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.InMemoryDecisionAuditLog;
import dev.beca.core.agent.PendingApprovals;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.ProjectRoot;
import dev.beca.core.agent.RiskClassifier;
import dev.beca.core.agent.RiskLevel;
import dev.beca.core.agent.ToolResult;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.secrets.InMemorySecurityAlertStore;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.testkit.DummySecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP both ways over real processes and the stdio transport: BECA's agent uses the tools of an MCP
 * server written with the SDK alone, and an MCP client (BECA's own) uses BECA's tools served by
 * {@link McpToolServer}; every call passes BECA's permission policy, audit and secret filter.
 */
class McpBothWaysTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path temp;
  private final List<McpClientTools> opened = new ArrayList<>();
  private final InMemoryDecisionAuditLog audit = new InMemoryDecisionAuditLog();
  private final String token = new DummySecrets(21).githubPat();

  @AfterEach
  void closeClients() {
    opened.forEach(McpClientTools::close);
  }

  private static List<String> java(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private McpClientTools fixture(ActionKind kind, List<String> problems) {
    McpServerConfig config =
        new McpServerConfig(
            "fixture",
            javaBinary(),
            java(McpFixtureServer.class.getName(), token, temp.resolve("calls.log").toString()),
            Map.of(),
            kind);
    McpClientTools tools = McpClientTools.connect(List.of(config), TIMEOUT, problems::add);
    opened.add(tools);
    return tools;
  }

  private ToolRunner runner(ApprovalMode mode, List<AgentTool> tools) {
    ProjectRoot root = ProjectRoot.of(temp);
    return ToolRunner.builder()
        .tools(tools)
        .classifier(new RiskClassifier(root))
        .policy(PermissionPolicy.builder().mode(mode).build())
        .approvals(PendingApprovals.unattended())
        .audit(audit)
        .scanner(SecretScanner.standard())
        .alerts(new InMemorySecurityAlertStore(Clock.systemUTC()))
        .build();
  }

  private List<String> callsReceived() throws IOException {
    Path log = temp.resolve("calls.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  @Test
  void theServersToolsAreOfferedUnderPrefixedNamesWithTheirSchemas() {
    List<String> problems = new ArrayList<>();
    McpClientTools tools = fixture(ActionKind.READ, problems);

    assertThat(problems).isEmpty();
    assertThat(tools.tools())
        .extracting(AgentTool::name)
        .containsExactlyInAnyOrder(
            "mcp__fixture__echo", "mcp__fixture__add", "mcp__fixture__fail", "mcp__fixture__leak");
    AgentTool add =
        tools.tools().stream().filter(t -> t.name().endsWith("add")).findFirst().orElseThrow();
    assertThat(add.specification().description()).startsWith("[MCP server fixture] Adds");
    assertThat(add.specification().parameters().required()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aReadServersToolRunsInReadOnlyModeAndIsAudited() throws IOException {
    ToolRunner runner =
        runner(ApprovalMode.READ_ONLY, fixture(ActionKind.READ, new ArrayList<>()).tools());

    ToolResult echo = runner.run("s1", "mcp__fixture__echo", "{\"text\":\"hi\"}");
    ToolResult add = runner.run("s1", "mcp__fixture__add", "{\"a\":1.5,\"b\":2}");

    assertThat(echo.success()).isTrue();
    assertThat(echo.text()).isEqualTo("echo: hi");
    assertThat(add.text()).isEqualTo("3.5");
    assertThat(audit.session("s1"))
        .extracting(PermissionDecision::risk)
        .containsExactly(RiskLevel.LOW, RiskLevel.LOW);
    assertThat(callsReceived()).hasSize(2);
  }

  @Test
  void aCommandServersToolIsDeniedInReadOnlyModeAndNeverReachesTheServer() throws IOException {
    ToolRunner runner =
        runner(ApprovalMode.READ_ONLY, fixture(ActionKind.COMMAND, new ArrayList<>()).tools());

    ToolResult result = runner.run("s1", "mcp__fixture__echo", "{\"text\":\"hi\"}");

    assertThat(result.success()).isFalse();
    assertThat(audit.session("s1"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.risk()).isIn(RiskLevel.HIGH, RiskLevel.CRITICAL);
              assertThat(d.answer()).isEqualTo(DecisionAnswer.DENIED_BY_POLICY);
            });
    assertThat(callsReceived()).isEmpty();
  }

  @Test
  void aSecretInTheArgumentsNeverLeavesBeca() throws IOException {
    ToolRunner runner =
        runner(ApprovalMode.FULL_AUTO, fixture(ActionKind.READ, new ArrayList<>()).tools());

    ToolResult result =
        runner.run("s1", "mcp__fixture__echo", "{\"text\":\"my token is " + token + "\"}");

    assertThat(result.success()).isFalse();
    assertThat(audit.session("s1"))
        .singleElement()
        .extracting(PermissionDecision::answer)
        .isEqualTo(DecisionAnswer.REFUSED_SECRET);
    assertThat(callsReceived()).isEmpty();
  }

  @Test
  void aSecretInTheServersResultIsRedactedAndAnErrorResultStaysAnError() {
    ToolRunner runner =
        runner(ApprovalMode.READ_ONLY, fixture(ActionKind.READ, new ArrayList<>()).tools());

    ToolResult leak = runner.run("s1", "mcp__fixture__leak", "{}");
    ToolResult fail = runner.run("s1", "mcp__fixture__fail", "{}");

    assertThat(leak.success()).isTrue();
    assertThat(leak.text()).startsWith("token=").doesNotContain(token);
    assertThat(fail.success()).isFalse();
    assertThat(fail.text()).isEqualTo("Error: the fixture refuses");
  }

  @Test
  void aServerThatCannotStartIsReportedAndTheOthersStillServe() {
    List<String> problems = new ArrayList<>();
    McpServerConfig missing =
        new McpServerConfig(
            "missing",
            temp.resolve("no-such-program").toString(),
            List.of(),
            Map.of(),
            ActionKind.READ);
    McpServerConfig fixture =
        new McpServerConfig(
            "fixture",
            javaBinary(),
            java(McpFixtureServer.class.getName(), token, temp.resolve("calls.log").toString()),
            Map.of(),
            ActionKind.READ);

    McpClientTools tools =
        McpClientTools.connect(List.of(missing, fixture), TIMEOUT, problems::add);
    opened.add(tools);

    assertThat(problems)
        .singleElement()
        .asString()
        .contains("MCP server missing could not be used");
    assertThat(tools.tools()).hasSize(4);
  }

  @Test
  void anMcpClientUsesBecasToolsUnderBecasPolicy() throws IOException {
    Path project = Files.createDirectories(temp.resolve("project"));
    Files.writeString(project.resolve("notes.txt"), "remember the milk\n");
    Files.writeString(temp.resolve("outside.txt"), "not for clients\n");
    McpServerConfig beca =
        new McpServerConfig(
            "beca",
            javaBinary(),
            java(BecaToolServerMain.class.getName(), project.toString()),
            Map.of(),
            ActionKind.READ);
    McpClientTools tools = McpClientTools.connect(List.of(beca), TIMEOUT, line -> {});
    opened.add(tools);
    ToolRunner client = runner(ApprovalMode.FULL_AUTO, tools.tools());

    ToolResult read = client.run("c1", "mcp__beca__read_file", "{\"path\":\"notes.txt\"}");
    ToolResult escape = client.run("c1", "mcp__beca__read_file", "{\"path\":\"../outside.txt\"}");
    ToolResult write =
        client.run("c1", "mcp__beca__write_file", "{\"path\":\"new.txt\",\"content\":\"x\"}");

    assertThat(tools.tools())
        .extracting(AgentTool::name)
        .contains("mcp__beca__read_file", "mcp__beca__edit_file");
    assertThat(read.success()).isTrue();
    assertThat(read.text()).contains("remember the milk");
    assertThat(escape.success()).isFalse();
    assertThat(escape.text()).contains("outside the project").doesNotContain("not for clients");
    // BECA's server runs read-only: the write is denied there, whatever the client allows.
    assertThat(write.success()).isFalse();
    assertThat(write.text()).contains("read-only");
    assertThat(project.resolve("new.txt")).doesNotExist();
  }

  @Test
  void theConfigurationFileNamesServersAndRefusesMistakesClearly() throws IOException {
    Path file = temp.resolve("mcp.toml");
    Files.writeString(
        file,
        """
        [servers.files]
        command = "npx"
        args = ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]
        env = { LOG_LEVEL = "warn" }
        kind = "read"

        [servers.shell]
        command = "my-shell-server"
        """);

    List<McpServerConfig> servers = McpServerConfig.load(file);

    assertThat(servers).extracting(McpServerConfig::name).containsExactly("files", "shell");
    assertThat(servers.get(0).args()).hasSize(3);
    assertThat(servers.get(0).env()).containsEntry("LOG_LEVEL", "warn");
    assertThat(servers.get(0).kind()).isEqualTo(ActionKind.READ);
    assertThat(servers.get(1).kind()).isEqualTo(ActionKind.COMMAND);
    assertThat(McpServerConfig.load(temp.resolve("absent.toml"))).isEmpty();
    Files.writeString(file, "[servers.bad]\ncommand = \"x\"\nkind = \"delete\"\n");
    assertThatThrownBy(() -> McpServerConfig.load(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[servers.bad]")
        .hasMessageContaining("delete");
  }
}
