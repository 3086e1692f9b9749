package dev.beca.models.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the raw stream of one model call looked like. LangChain4j logs a line it cannot process (a
 * malformed NDJSON line) and skips it, so the reply completes with a piece missing; BECA counts
 * such lines here (seen by {@link AuditingHttpClientBuilder}) and treats a reply that had any as
 * incomplete.
 */
public final class StreamAudit {

  // The client's execute() runs on the thread that called chat(), so the caller hands the audit
  // of its attempt to the HTTP layer through this thread-local, set only around that call.
  private static final ThreadLocal<StreamAudit> CURRENT = new ThreadLocal<>();

  private final AtomicInteger malformedLines = new AtomicInteger();

  /** Runs a call with this audit attached to the streams it opens on this thread. */
  public void around(Runnable call) {
    StreamAudit previous = CURRENT.get();
    CURRENT.set(this);
    try {
      call.run();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** The audit attached to the current thread's call, or {@code null}. */
  static StreamAudit current() {
    return CURRENT.get();
  }

  void malformedLine() {
    malformedLines.incrementAndGet();
  }

  /** How many lines of the stream the client failed to process. */
  public int malformedLines() {
    return malformedLines.get();
  }
}
