package dev.beca.core.agent;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** One approval request that has not been decided yet; the first answer counts. */
public final class PendingApproval {

  private final ApprovalRequest request;
  private final CompletableFuture<ApprovalAnswer> answer = new CompletableFuture<>();

  PendingApproval(ApprovalRequest request) {
    this.request = Objects.requireNonNull(request, "request");
  }

  /** What is asked. */
  public ApprovalRequest request() {
    return request;
  }

  /**
   * Answers the request.
   *
   * @param value the answer
   * @return whether it counted: false when the request was already answered or gave up waiting
   */
  public boolean answer(ApprovalAnswer value) {
    return answer.complete(Objects.requireNonNull(value, "answer"));
  }

  /** The answer, once given. */
  public Optional<ApprovalAnswer> answered() {
    return answer.isDone() && !answer.isCompletedExceptionally()
        ? Optional.of(answer.join())
        : Optional.empty();
  }

  /** Whether the request is still open. */
  public boolean isOpen() {
    return !answer.isDone();
  }

  CompletableFuture<ApprovalAnswer> future() {
    return answer;
  }

  void expire() {
    answer.completeExceptionally(new IllegalStateException("expired"));
  }
}
