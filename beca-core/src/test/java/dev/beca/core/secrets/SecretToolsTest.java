package dev.beca.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.MutableClock;
import dev.beca.core.testkit.DummySecrets;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent tools expose scanning and alerts without handing secrets back to the model. */
class SecretToolsTest {

  private final DummySecrets secrets = new DummySecrets(17);
  private final InMemorySecurityAlertStore alerts =
      new InMemorySecurityAlertStore(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));

  @Test
  void toolsAreDescribedForTheModel() {
    List<ToolSpecification> specs = ToolSpecifications.toolSpecificationsFrom(SecretTools.class);

    assertThat(specs)
        .extracting(ToolSpecification::name)
        .containsExactlyInAnyOrder("scanText", "scanPath", "recentAlerts");
    assertThat(specs).allSatisfy(spec -> assertThat(spec.description()).isNotBlank());
  }

  @Test
  void scanTextReportsRedactedFindings() {
    String key = secrets.npmToken();
    SecretTools tools = new SecretTools(SecretScanner.standard(), alerts, path -> List.of());

    assertThat(tools.scanText("publish with " + key))
        .startsWith("1 secret(s) found:")
        .contains("text:1:14 npm-token (high, high confidence) npm_****")
        .doesNotContain(key);
    assertThat(tools.scanText("nothing here")).isEqualTo("No secrets found.");
  }

  @Test
  void scanPathDelegatesToThePathScanner() {
    String key = secrets.githubPat();
    SecretFinding finding = SecretScanner.standard().scan("a/b.txt", key).get(0);
    SecretTools tools =
        new SecretTools(
            SecretScanner.standard(),
            alerts,
            path -> path.equals(Path.of("repo")) ? List.of(finding) : List.of());

    assertThat(tools.scanPath("repo")).contains("a/b.txt:1:1 github-pat").doesNotContain(key);
    assertThat(tools.scanPath(" ")).contains("Give the path");
  }

  @Test
  void recentAlertsListsFingerprintsWithinBounds() {
    SecretTools tools = new SecretTools(SecretScanner.standard(), alerts, path -> List.of());
    assertThat(tools.recentAlerts(5)).isEqualTo("No security alerts.");
    String fingerprint = SecretFingerprints.of("x");
    alerts.record(
        new NewSecurityAlert(
            "message:USER", "jwt", Severity.MEDIUM, "messages/3:1:1", fingerprint));

    assertThat(tools.recentAlerts(0))
        .contains("message:USER jwt (medium, high confidence) at messages/3:1:1 " + fingerprint);
  }
}
