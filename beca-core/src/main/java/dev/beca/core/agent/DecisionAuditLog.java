package dev.beca.core.agent;

import java.util.List;

/**
 * Where every permission decision is kept (a port: the app wires the SQLite table). Append-only:
 * decisions are never changed or removed. Implementations commit each record before returning and
 * are thread-safe; they must pass {@code DecisionAuditLogContract} of beca-core's test-jar.
 */
public interface DecisionAuditLog {

  /**
   * Keeps a decision.
   *
   * @param decision the decision; its arguments are already redacted
   * @throws dev.beca.core.StorageException when it cannot be kept (the runner then does not run the
   *     call)
   */
  void record(PermissionDecision decision);

  /**
   * The latest decisions of all sessions.
   *
   * @param limit at most this many, at least 1
   * @return newest first
   */
  List<PermissionDecision> recent(int limit);

  /**
   * The decisions of one session.
   *
   * @param sessionId the session
   * @return oldest first; empty for an unknown session
   */
  List<PermissionDecision> session(String sessionId);
}
