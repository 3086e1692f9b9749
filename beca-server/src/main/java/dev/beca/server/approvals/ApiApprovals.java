package dev.beca.server.approvals;

import dev.beca.core.agent.ApprovalChannel;
import dev.beca.core.agent.PendingApproval;
import dev.beca.core.agent.PendingApprovals;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API as the approval front end of the assistant's tool calls: a call the permission
 * policy asks about waits in {@link #pending()}, is listed by {@code GET /approvals}, announced on
 * the chat's event stream ({@code event: approval}), and answered by {@code POST /approvals/{id}};
 * with no answer within the timeout it is denied, and the tool's result tells the model why ("it
 * needed approval and no answer came within 300 s").
 *
 * <pre>{@code
 * ApiApprovals approvals = ApiApprovals.create(Duration.ofMinutes(5));
 * ToolRunner tools = ToolRunner.builder()....approvals(approvals.pending()).build();
 * BecaServer.builder()....assistant(assistantWith(tools)).approvals(approvals).build();
 * }</pre>
 */
public final class ApiApprovals implements ApprovalChannel {

  private static final Logger LOG = LoggerFactory.getLogger(ApiApprovals.class);

  private final PendingApprovals pending;
  private final Duration timeout;
  private final Map<String, List<Consumer<PendingApproval>>> listeners = new ConcurrentHashMap<>();

  private ApiApprovals(Duration timeout) {
    this.timeout = timeout;
    this.pending = PendingApprovals.answeredBy(this, timeout);
  }

  /**
   * Approvals answered over HTTP.
   *
   * @param timeout how long a tool call waits for an answer before it is denied
   * @return the front end, with its {@link #pending()} to hand to the tool runner
   */
  public static ApiApprovals create(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    return new ApiApprovals(timeout);
  }

  /** The requests, for the tool runner (which asks) and the API (which lists and answers). */
  public PendingApprovals pending() {
    return pending;
  }

  /** How long a call waits for an answer. */
  public Duration timeout() {
    return timeout;
  }

  /** Tells the listeners of the request's session (the chat streams of that session). */
  @Override
  public void requested(PendingApproval request) {
    for (Consumer<PendingApproval> listener :
        listeners.getOrDefault(request.request().sessionId(), List.of())) {
      try {
        listener.accept(request);
      } catch (RuntimeException e) {
        LOG.warn("An approval listener failed on {}", request.request().id(), e);
      }
    }
  }

  /**
   * Listens to the requests of one session until the returned handle is closed.
   *
   * @param sessionId the session
   * @param listener told of each request; must return promptly
   * @return closes the subscription
   */
  public AutoCloseable listen(String sessionId, Consumer<PendingApproval> listener) {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(listener, "listener");
    listeners.computeIfAbsent(sessionId, s -> new CopyOnWriteArrayList<>()).add(listener);
    return () ->
        listeners.computeIfPresent(
            sessionId,
            (s, list) -> {
              list.remove(listener);
              return list.isEmpty() ? null : list;
            });
  }
}
