package dev.beca.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The user-info of URLs is hidden wherever a server's URL is shown, and nothing else changes. */
class UrlCredentialsTest {

  @Test
  void userAndPasswordOfAUrlAreReplaced() {
    assertThat(UrlCredentials.redact("http://user:secret@host:11434"))
        .isEqualTo("http://***@host:11434");
    assertThat(UrlCredentials.redact("https://ghp_token0123456789@gpu-box/v1"))
        .isEqualTo("https://***@gpu-box/v1");
  }

  @Test
  void anAtSignInThePasswordDoesNotLeaveItsTailBehind() {
    assertThat(UrlCredentials.redact("http://user:p@ss@host:11434/api"))
        .isEqualTo("http://***@host:11434/api");
  }

  @Test
  void everyUrlInAMessageIsRedactedAndTheRestIsKept() {
    String message =
        "No model server answers at http://a:b@one:1 (fallback HTTPS://c:d@two:2/v1 failed too).";

    assertThat(UrlCredentials.redact(message))
        .isEqualTo(
            "No model server answers at http://***@one:1 (fallback HTTPS://***@two:2/v1 failed too).");
  }

  @Test
  void urlsWithoutUserInfoAndAtSignsOutsideTheAuthorityAreLeftAlone() {
    String text = "http://host:11434/api?mail=a@b.c and mail bob@example.com, http://h/p@q";

    assertThat(UrlCredentials.redact(text)).isSameAs(text);
    assertThat(UrlCredentials.redact("http://localhost:11434")).isEqualTo("http://localhost:11434");
    assertThat(UrlCredentials.redact(null)).isNull();
  }

  @Test
  void serverAdviceAndHealthNeverHoldCredentials() {
    ServerAdvice advice = ServerAdvice.generic("http://user:secret@host:11434");
    ServerHealth health =
        new ServerHealth(
            "ollama",
            "http://user:secret@host:11434",
            HealthStatus.DOWN,
            Duration.ZERO,
            "",
            Instant.EPOCH,
            "No model server answers at http://user:secret@host:11434.");

    assertThat(advice.serverUrl()).isEqualTo("http://***@host:11434");
    assertThat(health.baseUrl()).isEqualTo("http://***@host:11434");
    assertThat(health.message()).isEqualTo("No model server answers at http://***@host:11434.");
  }
}
