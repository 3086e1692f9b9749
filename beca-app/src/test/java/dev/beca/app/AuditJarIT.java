package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.app.BecaJar.Result;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.agent.RiskLevel;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beca audit} from the built jar, on a real knowledge base file. */
class AuditJarIT {

  private static final String ESC = "\u001b";

  @TempDir Path dataDir;
  @TempDir Path home;

  private Result audit(String... extra) throws Exception {
    String[] args = new String[extra.length + 3];
    args[0] = "audit";
    args[1] = "--data-dir";
    args[2] = dataDir.toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    return new BecaJar(home).run("", Map.of(), args);
  }

  @Test
  void listsTheAuditAndEscapesControlCharacters() throws Exception {
    Result empty = audit();
    assertThat(empty.exitCode()).as(empty.toString()).isZero();
    assertThat(empty.stdout()).startsWith("No tool calls audited yet");

    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open()) {
      kb.decisionAudit()
          .record(
              new PermissionDecision(
                  "session-1",
                  "write_file",
                  "{\"path\":\"a.txt\",\"content\":\"" + ESC + "[2J\"}",
                  RiskLevel.MEDIUM,
                  "mode read-only: medium risk is denied [writes inside the project]",
                  DecisionAnswer.DENIED_BY_POLICY,
                  Instant.parse("2026-06-01T12:00:00Z")));
    }

    Result table = audit();
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.stdout())
        .contains("2026-06-01T12:00:00Z", "session-", "write_file", "medium", "denied-by-policy")
        .contains("\\x1B[2J")
        .doesNotContain(ESC);

    Result json = audit("--json", "--session", "session-1");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.stdout()).contains("\"session\" : \"session-1\"", "\"allowed\" : false");
  }
}
