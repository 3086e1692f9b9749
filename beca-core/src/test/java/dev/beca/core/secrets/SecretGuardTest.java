package dev.beca.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.conversation.MutableClock;
import dev.beca.core.secrets.SecretGuard.Permission;
import dev.beca.core.testkit.DummySecrets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file-write and command-execution gate tools must pass. */
class SecretGuardTest {

  private final DummySecrets secrets = new DummySecrets(3);
  private final InMemorySecurityAlertStore alerts =
      new InMemorySecurityAlertStore(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
  private final SecretGuard guard = new SecretGuard(SecretScanner.standard(), alerts);

  @Test
  void cleanWritesAndCommandsPassWithoutAlerts() {
    assertThat(guard.checkFileWrite("src/Main.java", "class Main {}", Permission.REFUSE_SECRETS))
        .isEmpty();
    assertThat(guard.checkCommand(List.of("git", "status"), Permission.REFUSE_SECRETS)).isEmpty();
    assertThat(guard.checkCommand(List.of(), Permission.REFUSE_SECRETS)).isEmpty();
    assertThat(alerts.count()).isZero();
  }

  @Test
  void fileWriteWithASecretIsRefusedWithAClearMessageAndAnAlert() {
    String key = secrets.stripeSecretKey();

    assertThatThrownBy(
            () ->
                guard.checkFileWrite(
                    "config/app.properties", "stripe.key=" + key + "\n", Permission.REFUSE_SECRETS))
        .isInstanceOf(SecretDetectedException.class)
        .hasMessageContaining("Writing config/app.properties was refused")
        .hasMessageContaining("stripe-secret-key at config/app.properties:1:12")
        .hasMessageContaining("environment variable")
        .hasMessageNotContaining(key)
        .satisfies(e -> assertThat(((SecretDetectedException) e).findings()).hasSize(1));
    assertThat(alerts.recent(1))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.source()).isEqualTo("file-write");
              assertThat(a.ruleId()).isEqualTo("stripe-secret-key");
              assertThat(a.fingerprint()).isEqualTo(SecretFingerprints.of(key));
            });
  }

  @Test
  void commandWithASecretArgumentIsRefusedNamingTheArgumentLine() {
    String token = secrets.githubPat();

    assertThatThrownBy(
            () ->
                guard.checkCommand(
                    List.of(
                        "curl", "-H", "Authorization: token " + token, "https://api.github.com"),
                    Permission.REFUSE_SECRETS))
        .isInstanceOf(SecretDetectedException.class)
        .hasMessageContaining("Running curl was refused")
        .hasMessageContaining("command:3:")
        .hasMessageNotContaining(token);
    assertThat(alerts.count()).isEqualTo(1);
  }

  @Test
  void explicitlyAllowedSecretsPassButAreStillRecorded() {
    String key = secrets.awsAccessKeyId();

    List<SecretFinding> findings =
        guard.checkFileWrite("test/fixture.txt", key, Permission.ALLOW_SECRETS);

    assertThat(findings).extracting(SecretFinding::ruleId).containsExactly("aws-access-key-id");
    assertThat(alerts.count()).isEqualTo(1);
  }
}
