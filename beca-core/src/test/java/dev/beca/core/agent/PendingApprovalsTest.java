package dev.beca.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PendingApprovalsTest {

  private static ApprovalRequest request(String id) {
    return new ApprovalRequest(
        id,
        "s1",
        "write_file",
        "{\"path\":\"a\"}",
        new RiskAssessment(RiskLevel.MEDIUM, "writes inside the project"),
        "mode ask",
        Instant.EPOCH);
  }

  @Test
  void withoutAFrontEndAnAskEndsAtOnceWithoutAnAnswer() {
    long start = System.nanoTime();

    ApprovalOutcome outcome = PendingApprovals.unattended().ask(request("r1"));

    assertThat(outcome.answer()).isEmpty();
    assertThat(outcome.reason()).contains("no one can answer");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void frontEndAnswersFromAnotherThread() {
    PendingApprovals approvals =
        PendingApprovals.answeredBy(
            pending ->
                CompletableFuture.runAsync(() -> pending.answer(ApprovalAnswer.ALWAYS_FOR_SESSION)),
            Duration.ofSeconds(10));

    ApprovalOutcome outcome = approvals.ask(request("r1"));

    assertThat(outcome.answer()).contains(ApprovalAnswer.ALWAYS_FOR_SESSION);
    assertThat(approvals.pending()).isEmpty();
  }

  @Test
  void openRequestIsListedAndFoundByIdForPollingFrontEnds() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    PendingApprovals approvals =
        PendingApprovals.answeredBy(pending -> asked.countDown(), Duration.ofSeconds(10));
    CompletableFuture<ApprovalOutcome> waiting =
        CompletableFuture.supplyAsync(() -> approvals.ask(request("r7")));
    assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(approvals.pending()).extracting(p -> p.request().id()).containsExactly("r7");
    assertThat(approvals.find("r7").orElseThrow().answer(ApprovalAnswer.NO)).isTrue();

    assertThat(waiting.get(5, TimeUnit.SECONDS).answer()).contains(ApprovalAnswer.NO);
    assertThat(approvals.find("r7")).isEmpty();
  }

  @Test
  void unansweredRequestTimesOutAndALateAnswerDoesNotCount() {
    AtomicReference<PendingApproval> seen = new AtomicReference<>();
    PendingApprovals approvals = PendingApprovals.answeredBy(seen::set, Duration.ofMillis(200));

    ApprovalOutcome outcome = approvals.ask(request("r1"));

    assertThat(outcome.answer()).isEmpty();
    assertThat(outcome.reason()).isEqualTo("no answer came within 200 ms");
    assertThat(seen.get().answer(ApprovalAnswer.YES)).isFalse();
    assertThat(seen.get().isOpen()).isFalse();
    assertThat(approvals.pending()).isEmpty();
  }

  @Test
  void onlyTheFirstAnswerCounts() {
    PendingApprovals approvals =
        PendingApprovals.answeredBy(
            pending -> {
              pending.answer(ApprovalAnswer.NO);
              pending.answer(ApprovalAnswer.YES);
            },
            Duration.ofSeconds(5));

    assertThat(approvals.ask(request("r1")).answer()).contains(ApprovalAnswer.NO);
  }

  @Test
  void failingFrontEndCountsAsNoAnswer() {
    PendingApprovals approvals =
        PendingApprovals.answeredBy(
            pending -> {
              throw new IllegalStateException("terminal closed");
            },
            Duration.ofSeconds(5));

    ApprovalOutcome outcome = approvals.ask(request("r1"));

    assertThat(outcome.answer()).isEmpty();
    assertThat(outcome.reason()).contains("terminal closed");
  }
}
