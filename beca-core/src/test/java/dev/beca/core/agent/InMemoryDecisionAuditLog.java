package dev.beca.core.agent;

import dev.beca.core.secrets.SecretScanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reference {@link DecisionAuditLog}: a list in memory, for tests and the contract. Like every
 * store, it redacts secrets in the arguments and the rule before keeping a decision.
 */
public final class InMemoryDecisionAuditLog implements DecisionAuditLog {

  private final List<PermissionDecision> decisions = new ArrayList<>();

  @Override
  public synchronized void record(PermissionDecision decision) {
    java.util.Objects.requireNonNull(decision, "decision");
    SecretScanner scanner = SecretScanner.standard();
    decisions.add(
        new PermissionDecision(
            decision.sessionId(),
            decision.tool(),
            scanner.redact("permission-decision", decision.arguments()).text(),
            decision.risk(),
            scanner.redact("permission-decision", decision.rule()).text(),
            decision.answer(),
            decision.time()));
  }

  @Override
  public synchronized List<PermissionDecision> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    List<PermissionDecision> newestFirst = new ArrayList<>(decisions);
    java.util.Collections.reverse(newestFirst);
    newestFirst.sort(Comparator.comparing(PermissionDecision::time).reversed());
    return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
  }

  @Override
  public synchronized List<PermissionDecision> session(String sessionId) {
    return decisions.stream().filter(d -> d.sessionId().equals(sessionId)).toList();
  }
}
