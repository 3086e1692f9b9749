package dev.beca.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.testkit.DummySecrets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link DecisionAuditLog} implementation must pass. Extend it in the
 * implementation's tests and return a fresh, empty log. Published in beca-core's test-jar so the
 * SQLite audit table (and any user's own store) is held to the same rules as the in-memory one.
 */
public abstract class DecisionAuditLogContract {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private DecisionAuditLog log;

  /**
   * Creates an empty log for one test.
   *
   * @return the log
   */
  protected abstract DecisionAuditLog createLog() throws Exception;

  @BeforeEach
  void createFreshLog() throws Exception {
    log = createLog();
  }

  private static PermissionDecision decision(
      String session, String tool, DecisionAnswer answer, int second) {
    return new PermissionDecision(
        session,
        tool,
        "{\"path\":\"src/A.java\"}",
        RiskLevel.MEDIUM,
        "mode ask: medium risk is asked about [writes inside the project]",
        answer,
        T0.plusSeconds(second));
  }

  @Test
  void recordedDecisionIsReadBackWithEveryField() {
    PermissionDecision d =
        new PermissionDecision(
            "s1",
            "write_file",
            "{\"path\":\"a\",\"content\":\"x = ghp_****\"}",
            RiskLevel.CRITICAL,
            "user rule: allow write_file \"a\" [writes outside]",
            DecisionAnswer.APPROVED_FOR_SESSION,
            T0.plusMillis(1234));

    log.record(d);

    assertThat(log.session("s1")).containsExactly(d);
    assertThat(log.recent(10)).containsExactly(d);
  }

  @Test
  void sessionListsOnlyThatSessionOldestFirst() {
    PermissionDecision first = decision("s1", "read_file", DecisionAnswer.ALLOWED_BY_POLICY, 1);
    PermissionDecision other = decision("s2", "write_file", DecisionAnswer.DENIED_BY_POLICY, 2);
    PermissionDecision second = decision("s1", "edit_file", DecisionAnswer.UNANSWERED, 3);
    log.record(first);
    log.record(other);
    log.record(second);

    assertThat(log.session("s1")).containsExactly(first, second);
    assertThat(log.session("s2")).containsExactly(other);
    assertThat(log.session("unknown")).isEmpty();
  }

  @Test
  void recentListsNewestFirstUpToTheLimit() {
    for (int i = 0; i < 5; i++) {
      log.record(decision("s" + i, "read_file", DecisionAnswer.ALLOWED_BY_POLICY, i));
    }

    assertThat(log.recent(3))
        .extracting(PermissionDecision::sessionId)
        .containsExactly("s4", "s3", "s2");
    assertThat(log.recent(100)).hasSize(5);
  }

  @Test
  void recentRefusesALimitBelowOne() {
    assertThatThrownBy(() -> log.recent(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyAnswerAndRiskLevelRoundTrips() {
    List<PermissionDecision> all = new ArrayList<>();
    int second = 0;
    for (DecisionAnswer answer : DecisionAnswer.values()) {
      for (RiskLevel risk : RiskLevel.values()) {
        PermissionDecision d =
            new PermissionDecision(
                "s", "run_command", "{}", risk, "rule", answer, T0.plusSeconds(second++));
        log.record(d);
        all.add(d);
      }
    }

    assertThat(log.session("s")).containsExactlyElementsOf(all);
  }

  @Test
  void secretsInArgumentsAndRuleAreRedactedBeforeStorage() {
    String token = new DummySecrets(7).githubPat();
    log.record(
        new PermissionDecision(
            "s",
            "write_file",
            "{\"path\":\"a\",\"content\":\"token = " + token + "\"}",
            RiskLevel.MEDIUM,
            "user rule: allow write_file \"" + token + "\"",
            DecisionAnswer.ALLOWED_BY_POLICY,
            T0));

    PermissionDecision kept = log.session("s").get(0);
    assertThat(kept.arguments()).doesNotContain(token).contains("{\"path\":\"a\"");
    assertThat(kept.rule()).doesNotContain(token).startsWith("user rule: allow write_file");
    assertThat(log.recent(1).get(0).arguments()).doesNotContain(token);
  }

  @Test
  void concurrentRecordsAreAllKept() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () -> log.record(decision("s", "read_file", DecisionAnswer.ALLOWED_BY_POLICY, n))));
      }
      for (Future<?> f : futures) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(log.session("s")).hasSize(40);
  }
}
