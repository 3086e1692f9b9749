package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.agent.RiskLevel;
import dev.beca.core.testkit.DummySecrets;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beca audit}, run in-process against a real knowledge base file. */
class AuditCommandTest {

  private static final String S1 = "3f2a9c1e-0000-4000-8000-000000000001";
  private static final String S2 = "77b0d4aa-0000-4000-8000-000000000002";
  private static final Instant T0 = Instant.parse("2026-05-01T09:00:00.250Z");

  @TempDir Path dataDir;
  private String out = "";
  private String err = "";

  private int run(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "audit";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--data-dir";
    all[args.length + 2] = dataDir.toString();
    BecaRun run = BecaRun.of("", false, Map.of(), all);
    out = run.out();
    err = run.err();
    return run.exit();
  }

  private void record(PermissionDecision... decisions) {
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open()) {
      for (PermissionDecision d : decisions) {
        kb.decisionAudit().record(d);
      }
    }
  }

  private static PermissionDecision decision(
      String session, int second, String tool, String args, RiskLevel risk, DecisionAnswer a) {
    return new PermissionDecision(
        session, tool, args, risk, "mode ask: the rule [why]", a, T0.plusSeconds(second));
  }

  @Test
  void anEmptyAuditSaysSo() {
    assertThat(run()).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("No tool calls audited yet");
  }

  @Test
  void listsDecisionsOldestFirstAsATable() {
    record(
        decision(
            S1,
            1,
            "read_file",
            "{\"path\":\"pom.xml\"}",
            RiskLevel.LOW,
            DecisionAnswer.ALLOWED_BY_POLICY),
        decision(
            S2,
            2,
            "run_command",
            "{\"command\":\"" + "x".repeat(200) + "\"}",
            RiskLevel.HIGH,
            DecisionAnswer.UNANSWERED),
        decision(
            S1,
            3,
            "git_commit",
            "{\"message\":\"Fix\"}",
            RiskLevel.MEDIUM,
            DecisionAnswer.APPROVED));

    assertThat(run()).as(err.toString()).isZero();
    String[] lines = out.toString().split("\n");
    assertThat(lines[0])
        .startsWith("TIME")
        .contains("SESSION", "TOOL", "RISK", "DECISION", "RULE", "ARGUMENTS");
    assertThat(lines[1])
        .startsWith("2026-05-01T09:00:01Z")
        .contains("3f2a9c1e ", "read_file", "low", "allowed-by-policy", "{\"path\":\"pom.xml\"}");
    assertThat(lines[2]).contains("77b0d4aa", "run_command", "high", "unanswered").endsWith("...");
    assertThat(lines[2].length()).isLessThan(220);
    assertThat(lines[3]).contains("git_commit", "medium", "approved");
    assertThat(lines[4]).isEqualTo("3 decisions. --json shows rules and arguments whole.");
  }

  @Test
  void sessionFiltersByIdOrItsStartAndLimitKeepsTheLatest() {
    record(
        decision(S1, 1, "read_file", "{}", RiskLevel.LOW, DecisionAnswer.ALLOWED_BY_POLICY),
        decision(S2, 2, "write_file", "{}", RiskLevel.MEDIUM, DecisionAnswer.DENIED_BY_POLICY),
        decision(S1, 3, "edit_file", "{}", RiskLevel.MEDIUM, DecisionAnswer.REFUSED),
        decision(S1, 4, "list_files", "{}", RiskLevel.LOW, DecisionAnswer.ALLOWED_BY_POLICY));

    assertThat(run("--session", S2)).isZero();
    assertThat(out.toString()).contains("write_file").doesNotContain("read_file");

    assertThat(run("--session", "3f2a", "--limit", "2")).isZero();
    assertThat(out.toString())
        .contains("edit_file", "list_files")
        .doesNotContain("read_file", "write_file")
        .contains("2 decisions (the latest 2; --limit N for more)");

    assertThat(run("--session", "nope")).isZero();
    assertThat(out.toString()).startsWith("No tool calls audited for session nope.");
  }

  @Test
  void jsonIsOneDocumentWithWholeRedactedArguments() throws Exception {
    String token = new DummySecrets(21).githubPat();
    String longArgs = "{\"content\":\"" + "y".repeat(150) + " " + token + "\"}";
    record(
        decision(S1, 1, "write_file", longArgs, RiskLevel.MEDIUM, DecisionAnswer.REFUSED_SECRET));

    assertThat(run("--json")).as(err.toString()).isZero();

    assertThat(out.toString()).doesNotContain(token);
    JsonNode doc = new ObjectMapper().readTree(out.toString());
    assertThat(doc.get("session").isNull()).isTrue();
    JsonNode row = doc.get("decisions").get(0);
    assertThat(row.get("tool").asText()).isEqualTo("write_file");
    assertThat(row.get("decision").asText()).isEqualTo("refused-secret");
    assertThat(row.get("allowed").asBoolean()).isFalse();
    assertThat(row.get("time").asText()).isEqualTo("2026-05-01T09:00:01.250Z");
    assertThat(row.get("arguments").asText())
        .startsWith("{\"content\":\"yyyy")
        .hasSizeGreaterThan(150);
  }

  @Test
  void anInvalidLimitIsAUsageError() {
    assertThat(run("--limit", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--limit must be positive");
  }
}
