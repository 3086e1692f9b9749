package dev.beca.memory.internal;

import dev.beca.core.agent.DecisionAuditLog;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.secrets.Redaction;
import dev.beca.core.secrets.SecretScanner;
import java.util.List;
import java.util.Objects;
import org.apache.ibatis.session.SqlSession;

/**
 * {@link DecisionAuditLog} on the SQLite knowledge base: the {@code permission_decisions} table.
 *
 * <p>Each decision is committed before {@link #record} returns, so a decision row exists before the
 * tool call it permits runs (the {@code ToolRunner} records first) and survives the process being
 * killed during the call. The arguments and the rule are redacted by the secret scanner again on
 * the way in (the runner already redacts; a store must not rely on its callers), with an alert per
 * secret in the same transaction. Times are kept to the millisecond.
 */
public final class SqliteDecisionAuditLog implements DecisionAuditLog {

  private static final String SOURCE = "permission-decision";

  private final SqliteDatabase database;
  private final SecretScanner scanner;

  /**
   * Creates the log.
   *
   * @param database the opened database
   * @param scanner the scanner that redacts arguments and rules before they are stored
   */
  public SqliteDecisionAuditLog(SqliteDatabase database, SecretScanner scanner) {
    this.database = Objects.requireNonNull(database, "database");
    this.scanner = Objects.requireNonNull(scanner, "scanner");
  }

  @Override
  public void record(PermissionDecision decision) {
    Objects.requireNonNull(decision, "decision");
    Redaction arguments = scanner.redact(SOURCE + ":arguments", decision.arguments());
    Redaction rule = scanner.redact(SOURCE + ":rule", decision.rule());
    long at = decision.time().toEpochMilli();
    PermissionDecisionInsert row =
        new PermissionDecisionInsert(
            at,
            decision.sessionId(),
            decision.tool(),
            arguments.text(),
            decision.risk().name(),
            rule.text(),
            decision.answer().name());
    try {
      database.write(
          session -> {
            session.getMapper(PermissionDecisionMapper.class).insert(row);
            String where = "permission_decisions/" + row.id;
            SecretAlerts.record(session, SOURCE, where, arguments, at);
            SecretAlerts.record(session, SOURCE, where, rule, at);
            return null;
          });
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(
          "record the permission decision for " + decision.tool(), database.file(), e);
    }
  }

  @Override
  public List<PermissionDecision> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(PermissionDecisionMapper.class).latest(limit).stream()
          .map(PermissionDecisionRow::toDecision)
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("read the permission decisions", database.file(), e);
    }
  }

  @Override
  public List<PermissionDecision> session(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(PermissionDecisionMapper.class).ofSession(sessionId).stream()
          .map(PermissionDecisionRow::toDecision)
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(
          "read the permission decisions of session " + sessionId, database.file(), e);
    }
  }
}
