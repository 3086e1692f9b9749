package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beca agents}: the registry of the assistant, self-improvement and mcp.toml's servers. */
class AgentsCommandTest {

  @TempDir Path dataDir;
  private String out = "";
  private String err = "";

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of("agents"));
    all.addAll(List.of(args));
    all.addAll(List.of("--data-dir", dataDir.toString()));
    BecaRun run = BecaRun.of("", false, Map.of(), all.toArray(String[]::new));
    out = run.out();
    err = run.err();
    return run.exit();
  }

  @Test
  void listsTheAssistantTheSelfImprovementAgentAndTheConfiguredMcpServers() throws Exception {
    Files.writeString(
        dataDir.resolve("mcp.toml"),
        "[servers.notes]\ncommand = \"beca-no-such-program\"\nkind = \"read\"\n");

    assertThat(run("--json")).as(err.toString()).isZero();

    JsonNode doc = new ObjectMapper().readTree(out.toString());
    JsonNode agents = doc.get("agents");
    assertThat(agents).hasSize(3);
    assertThat(agents.get(0).get("name").asText()).isEqualTo("assistant");
    assertThat(agents.get(0).get("handles").asText()).isEqualTo("chat");
    assertThat(agents.get(1).get("name").asText()).isEqualTo("self-improvement");
    assertThat(agents.get(1).get("capabilities").toString())
        .contains("approve")
        .contains("stop")
        .contains("source:scripted");
    assertThat(agents.get(2).get("name").asText()).isEqualTo("mcp:notes");
    assertThat(agents.get(2).get("handles").asText()).isEqualTo("external_tool");
    assertThat(agents.get(2).get("available").asBoolean()).isFalse();
    assertThat(doc.get("routing").get("chat").asText()).isEqualTo("assistant");
    assertThat(doc.get("routing").get("improve").asText()).isEqualTo("self-improvement");
  }

  @Test
  void connectingSaysWhyAServerCannotBeUsed() throws Exception {
    Files.writeString(
        dataDir.resolve("mcp.toml"),
        "[servers.notes]\ncommand = \"beca-no-such-program\"\nkind = \"read\"\n");

    assertThat(run("--connect")).as(err.toString()).isZero();

    assertThat(out.toString())
        .contains("mcp:notes  external_tool  unavailable")
        .contains("'beca-no-such-program' is not on the PATH")
        .contains("routing: chat -> assistant, improve -> self-improvement");
  }
}
