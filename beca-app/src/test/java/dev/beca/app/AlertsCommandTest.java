package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.secrets.Confidence;
import dev.beca.core.secrets.NewSecurityAlert;
import dev.beca.core.secrets.SecretFingerprints;
import dev.beca.core.secrets.Severity;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beca alerts} in-process on a real knowledge base. */
class AlertsCommandTest {

  @TempDir Path dataDir;

  @Test
  void eachAlertShowsItsSeverityAndConfidence() {
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open()) {
      kb.securityAlerts()
          .record(
              new NewSecurityAlert(
                  "message:USER",
                  "github-pat",
                  Severity.HIGH,
                  "messages/1:1:5",
                  SecretFingerprints.of("a token"),
                  Confidence.HIGH));
      kb.securityAlerts()
          .record(
              new NewSecurityAlert(
                  "message:ASSISTANT",
                  "high-entropy-base64",
                  Severity.LOW,
                  "messages/2:3:1",
                  SecretFingerprints.of("a guess"),
                  Confidence.LOW));
    }
    BecaRun run = BecaRun.of(Map.of(), "alerts", "--data-dir", dataDir.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains(
            "message:ASSISTANT high-entropy-base64 (low, low confidence) at messages/2:3:1 "
                + SecretFingerprints.of("a guess"))
        .contains(
            "message:USER github-pat (high, high confidence) at messages/1:1:5 "
                + SecretFingerprints.of("a token"))
        .contains("2 of 2 alert(s).");
  }
}
