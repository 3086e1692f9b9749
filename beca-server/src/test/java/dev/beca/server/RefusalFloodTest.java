package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.limits.RateLimits;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of refused requests writes a bounded number of audit rows: past the client address's
 * budget, refusals are answered 429 with {@code Retry-After} and counted into the next row, over
 * real HTTP on loopback.
 */
class RefusalFloodTest {

  @TempDir Path dataDir;
  private ServerFixture fixture;

  @AfterEach
  void stop() {
    fixture.close();
  }

  private void serve(int perMinute) {
    fixture =
        new ServerFixture(
            dataDir,
            RateLimits::unlimited,
            BecaServer.DEFAULT_MAX_BODY_BYTES,
            (kb, builder) -> builder.refusalsPerMinute(perMinute));
  }

  @Test
  void aFloodOfBadTokensWritesOnlyTheBudgetOfAuditRowsAndIsAnswered429() throws Exception {
    serve(5);
    int before = refusals().size();

    List<HttpResponse<String>> answers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      answers.add(fixture.get("/threads", "wrong-token-" + i));
    }

    assertThat(answers.subList(0, 5)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(401));
    assertThat(answers.subList(5, 40))
        .allSatisfy(
            r -> {
              assertThat(r.statusCode()).isEqualTo(429);
              assertThat(r.body()).contains("\"code\":\"rate_limited\"");
              assertThat(r.headers().firstValue("Retry-After")).isPresent();
              assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()))
                  .isBetween(1L, 60L);
            });
    assertThat(refusals().size() - before).isEqualTo(5);
  }

  @Test
  void aValidTokenFromTheSameAddressIsServedWhileItsBadTokensAreThrottled() throws Exception {
    serve(3);
    for (int i = 0; i < 10; i++) {
      fixture.get("/threads", "wrong");
    }

    HttpResponse<String> good = fixture.get("/threads", fixture.admin);

    assertThat(good.statusCode()).isEqualTo(200);
  }

  @Test
  void withoutABudgetEveryRefusalIsAuditedAsBefore() throws Exception {
    serve(0);
    int before = refusals().size();

    for (int i = 0; i < 12; i++) {
      assertThat(fixture.get("/threads", "wrong").statusCode()).isEqualTo(401);
    }

    assertThat(refusals().size() - before).isEqualTo(12);
  }

  private List<PermissionDecision> refusals() {
    return fixture.kb.decisionAudit().recent(1000).stream()
        .filter(d -> d.answer() == DecisionAnswer.DENIED_BY_POLICY)
        .toList();
  }
}
