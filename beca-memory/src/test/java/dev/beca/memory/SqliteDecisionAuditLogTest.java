package dev.beca.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.DecisionAuditLog;
import dev.beca.core.agent.DecisionAuditLogContract;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.agent.RiskLevel;
import dev.beca.core.testkit.DummySecrets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite audit table passes the audit contract on a real database file. */
class SqliteDecisionAuditLogTest extends DecisionAuditLogContract {

  @TempDir Path dataDir;
  private SqliteKnowledgeBase knowledgeBase;

  @Override
  protected DecisionAuditLog createLog() {
    knowledgeBase = SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();
    return knowledgeBase.decisionAudit();
  }

  @AfterEach
  void close() {
    knowledgeBase.close();
  }

  @Test
  void aDecisionIsKeptAcrossReopeningTheFile() {
    PermissionDecision d =
        new PermissionDecision(
            "s1",
            "run_command",
            "{\"command\":\"mvn test\"}",
            RiskLevel.HIGH,
            "mode full-auto: high risk is allowed [runs a command]",
            DecisionAnswer.ALLOWED_BY_POLICY,
            Instant.parse("2026-03-01T10:00:00.123Z"));
    knowledgeBase.decisionAudit().record(d);
    knowledgeBase.close();

    knowledgeBase = SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();

    assertThat(knowledgeBase.decisionAudit().session("s1")).containsExactly(d);
  }

  @Test
  void aRedactedSecretIsRecordedAsAnAlert() {
    String token = new DummySecrets(3).githubPat();
    long before = knowledgeBase.securityAlerts().count();

    knowledgeBase
        .decisionAudit()
        .record(
            new PermissionDecision(
                "s1",
                "write_file",
                "{\"content\":\"" + token + "\"}",
                RiskLevel.MEDIUM,
                "rule",
                DecisionAnswer.REFUSED_SECRET,
                Instant.parse("2026-03-01T10:00:00Z")));

    assertThat(knowledgeBase.securityAlerts().count()).isEqualTo(before + 1);
    assertThat(knowledgeBase.securityAlerts().recent(1).get(0).source())
        .isEqualTo("permission-decision");
  }
}
