package dev.beca.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.conversation.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SecurityAlertStore} must pass. Published in beca-core's test-jar:
 * extend it and return a fresh, empty store that stamps alerts with the given clock.
 */
public abstract class SecurityAlertStoreContract {

  /** The clock handed to the store, at 2026-01-01T00:00:00Z at the start of each test. */
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private SecurityAlertStore alerts;

  /** Creates an empty store for one test. */
  protected abstract SecurityAlertStore createStore(MutableClock clock) throws Exception;

  @BeforeEach
  void createFreshStore() throws Exception {
    alerts = createStore(clock);
  }

  private static NewSecurityAlert alert(String rule, String location) {
    return new NewSecurityAlert(
        "message:USER", rule, Severity.HIGH, location, SecretFingerprints.of(rule + location));
  }

  @Test
  void recordedAlertKeepsEveryFieldAndGetsIdAndTime() {
    NewSecurityAlert alert = alert("github-pat", "messages/1:1:5");

    SecurityAlert stored = alerts.record(alert);

    assertThat(stored.id()).isPositive();
    assertThat(stored.time()).isEqualTo(clock.instant());
    assertThat(stored.source()).isEqualTo("message:USER");
    assertThat(stored.ruleId()).isEqualTo("github-pat");
    assertThat(stored.severity()).isEqualTo(Severity.HIGH);
    assertThat(stored.location()).isEqualTo("messages/1:1:5");
    assertThat(stored.fingerprint()).isEqualTo(alert.fingerprint());
    assertThat(alerts.recent(10)).containsExactly(stored);
  }

  @Test
  void recentListsNewestFirstUpToTheLimit() {
    SecurityAlert first = alerts.record(alert("a", "x:1:1"));
    clock.advance(Duration.ofSeconds(1));
    SecurityAlert second = alerts.record(alert("b", "x:2:1"));
    clock.advance(Duration.ofSeconds(1));
    SecurityAlert third = alerts.record(alert("c", "x:3:1"));

    assertThat(alerts.recent(2)).containsExactly(third, second);
    assertThat(alerts.recent(10)).containsExactly(third, second, first);
    assertThat(alerts.count()).isEqualTo(3);
  }

  @Test
  void emptyStoreHasNoAlertsAndLimitsMustBePositive() {
    assertThat(alerts.recent(5)).isEmpty();
    assertThat(alerts.count()).isZero();
    assertThatThrownBy(() -> alerts.recent(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAlertCannotCarryASecretInsteadOfAFingerprint() {
    assertThatThrownBy(
            () -> new NewSecurityAlert("s", "r", Severity.LOW, "l", "plain-secret-value"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(alerts.count()).isZero();
  }
}
