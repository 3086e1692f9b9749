package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.agent.ActionKind;
import dev.beca.core.agent.AgentTool;
import dev.beca.core.agent.ToolArguments;
import dev.beca.core.agent.ToolResult;
import dev.beca.core.testkit.DummySecrets;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import dev.beca.server.mcp.McpClientTools;
import dev.beca.server.mcp.McpServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP both ways with the built jar: an MCP client (the SDK's, through BECA's client) starts {@code
 * beca mcp} and uses BECA's tools under its policy; and {@code beca chat} lends the tools of an MCP
 * server listed in {@code mcp.toml} (here another {@code beca mcp}) to the model.
 */
class McpJarIT {

  @TempDir Path temp;

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String jar() {
    return Path.of(System.getProperty("beca.jar", "target/beca.jar")).toAbsolutePath().toString();
  }

  private McpServerConfig becaMcp(Path dataDir, Path project) {
    return new McpServerConfig(
        "beca",
        java(),
        List.of(
            "-jar",
            jar(),
            "mcp",
            "--data-dir",
            dataDir.toString(),
            "--project",
            project.toString()),
        Map.of("HOME", temp.resolve("home").toString()),
        ActionKind.READ);
  }

  private static ToolResult call(McpClientTools tools, String name, String json) {
    AgentTool tool =
        tools.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    return tool.execute(ToolArguments.parse(tool.specification(), json));
  }

  @Test
  void anMcpClientUsesBecasToolsUnderItsPolicyAndEveryCallIsAudited() throws Exception {
    Path dataDir = temp.resolve("data");
    Path project = Files.createDirectories(temp.resolve("project"));
    String key = new DummySecrets(31).githubPat();
    Files.writeString(project.resolve("config.txt"), "token=" + key + "\n");
    List<String> problems = new ArrayList<>();

    try (McpClientTools tools =
        McpClientTools.connect(
            List.of(becaMcp(dataDir, project)), Duration.ofSeconds(120), problems::add)) {
      assertThat(problems).isEmpty();
      assertThat(tools.tools())
          .extracting(AgentTool::name)
          .contains(
              "mcp__beca__searchHistory",
              "mcp__beca__createThread",
              "mcp__beca__scanPath",
              "mcp__beca__runCodeBenchmark")
          .noneMatch(name -> name.equals("mcp__beca__write_file"));

      ToolResult scan = call(tools, "mcp__beca__scanPath", "{\"path\":\"config.txt\"}");
      ToolResult outside = call(tools, "mcp__beca__scanPath", "{\"path\":\"/etc\"}");
      ToolResult thread = call(tools, "mcp__beca__createThread", "{\"name\":\"from a client\"}");

      assertThat(scan.success()).isTrue();
      assertThat(scan.text()).contains("config.txt").doesNotContain(key);
      assertThat(outside.success()).isFalse();
      assertThat(outside.text()).contains("outside the project");
      // read-only by default: BECA's memory is not changed by a client.
      assertThat(thread.success()).isFalse();
    }
    assertThat(
            rows(
                dataDir,
                "SELECT tool || ':' || risk || ':' || answer FROM permission_decisions ORDER BY id"))
        .containsExactly(
            "scanPath:LOW:ALLOWED_BY_POLICY",
            "scanPath:CRITICAL:DENIED_BY_POLICY",
            "createThread:MEDIUM:DENIED_BY_POLICY");
    assertThat(rows(dataDir, "SELECT DISTINCT session_id FROM permission_decisions"))
        .singleElement()
        .asString()
        .startsWith("mcp-");
  }

  @Test
  void chatLendsTheToolsOfTheServersInMcpToml() throws Exception {
    Path dataDir = Files.createDirectories(temp.resolve("data"));
    Path otherData = temp.resolve("other-data");
    Path project = Files.createDirectories(temp.resolve("project"));
    Files.writeString(
        dataDir.resolve("mcp.toml"),
        "[servers.other]\n"
            + "command = \""
            + java()
            + "\"\n"
            + "args = [\"-jar\", \""
            + jar()
            + "\", \"mcp\", \"--data-dir\", \""
            + otherData
            + "\", \"--project\", \""
            + project
            + "\"]\n"
            + "kind = \"read\"\n"
            + "\n[servers.broken]\ncommand = \"no-such-mcp-server-program\"\n");
    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start()) {
      ollama.enqueue(
          OllamaReply.toolCall("mcp__other__scanText", "{\"text\":\"nothing secret here\"}"),
          OllamaReply.text("Scanned through MCP."));

      BecaJar.Result result =
          new BecaJar(temp.resolve("home"))
              .run(
                  "Scan this\n",
                  Map.of(),
                  "chat",
                  "--data-dir",
                  dataDir.toString(),
                  "--ollama-url",
                  ollama.baseUrl(),
                  "--project",
                  project.toString(),
                  "--approval",
                  "read-only");

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.stdout())
          .contains("> mcp__other__scanText")
          .contains("Scanned through MCP.");
      assertThat(result.stderr()).contains("MCP server broken could not be used");
      assertThat(ollama.lastChatRequest().toolNames())
          .contains("mcp__other__scanText", "read_file");
      assertThat(rows(dataDir, "SELECT tool || ':' || answer FROM permission_decisions"))
          .containsExactly("mcp__other__scanText:ALLOWED_BY_POLICY");
      // The other BECA audited the call it served.
      assertThat(rows(otherData, "SELECT tool || ':' || answer FROM permission_decisions"))
          .containsExactly("scanText:ALLOWED_BY_POLICY");
    }
  }

  private static List<String> rows(Path dataDir, String sql) throws Exception {
    return KnowledgeBaseRows.rows(dataDir, sql);
  }
}
