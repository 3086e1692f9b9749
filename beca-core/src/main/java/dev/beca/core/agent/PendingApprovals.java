package dev.beca.core.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where calls that need approval wait for a person. Each request is handed to the {@link
 * ApprovalChannel} and listed in {@link #pending()} (for front ends that poll) until it is answered
 * or times out. Without a channel nobody can answer, so a request ends at once with no answer,
 * which the runner treats as a denial: an "ask" never hangs.
 */
public final class PendingApprovals {

  private static final Logger LOG = LoggerFactory.getLogger(PendingApprovals.class);

  private final ApprovalChannel channel;
  private final Duration timeout;
  private final Map<String, PendingApproval> open = new ConcurrentHashMap<>();

  private PendingApprovals(ApprovalChannel channel, Duration timeout) {
    this.channel = channel;
    this.timeout = timeout;
  }

  /**
   * Requests answered by a front end.
   *
   * @param channel the front end
   * @param timeout how long a call waits for an answer
   * @return the approvals
   */
  public static PendingApprovals answeredBy(ApprovalChannel channel, Duration timeout) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    return new PendingApprovals(channel, timeout);
  }

  /** No front end (piped input, a batch run): every request ends at once without an answer. */
  public static PendingApprovals unattended() {
    return new PendingApprovals(null, Duration.ZERO);
  }

  /** The requests still waiting, for front ends that poll. */
  public List<PendingApproval> pending() {
    return List.copyOf(open.values());
  }

  /**
   * Finds an open request by id, to answer it.
   *
   * @param id the request's id
   * @return the request, or empty when it is unknown or no longer open
   */
  public Optional<PendingApproval> find(String id) {
    return Optional.ofNullable(open.get(id));
  }

  /**
   * Asks and waits for the answer, at most the timeout.
   *
   * @param request what to ask
   * @return the answer, or no answer with the reason
   */
  public ApprovalOutcome ask(ApprovalRequest request) {
    Objects.requireNonNull(request, "request");
    if (channel == null) {
      return new ApprovalOutcome(
          Optional.empty(), "no one can answer here (no terminal or other front end)");
    }
    PendingApproval pending = new PendingApproval(request);
    open.put(request.id(), pending);
    try {
      try {
        channel.requested(pending);
      } catch (RuntimeException e) {
        LOG.warn("The approval front end failed on request {}", request.id(), e);
        return new ApprovalOutcome(
            Optional.empty(), "the approval front end failed: " + e.getMessage());
      }
      ApprovalAnswer answer = pending.future().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new ApprovalOutcome(
          Optional.of(answer), "answered " + answer.name().toLowerCase(java.util.Locale.ROOT));
    } catch (TimeoutException e) {
      return new ApprovalOutcome(
          Optional.empty(),
          "no answer came within "
              + (timeout.toMillis() < 1000
                  ? timeout.toMillis() + " ms"
                  : timeout.toSeconds() + " s"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ApprovalOutcome(Optional.empty(), "the wait for an answer was interrupted");
    } catch (ExecutionException e) {
      return new ApprovalOutcome(Optional.empty(), "the request was withdrawn");
    } finally {
      pending.expire();
      open.remove(request.id());
    }
  }
}
