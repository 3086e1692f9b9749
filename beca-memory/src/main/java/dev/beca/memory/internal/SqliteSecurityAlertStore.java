package dev.beca.memory.internal;

import dev.beca.core.secrets.NewSecurityAlert;
import dev.beca.core.secrets.SecurityAlert;
import dev.beca.core.secrets.SecurityAlertStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.ibatis.session.SqlSession;

/** {@link SecurityAlertStore} on the SQLite knowledge base. */
public final class SqliteSecurityAlertStore implements SecurityAlertStore {

  private final SqliteDatabase database;
  private final Clock clock;

  /**
   * Creates the store.
   *
   * @param database the opened database
   * @param clock the source of alert times
   */
  public SqliteSecurityAlertStore(SqliteDatabase database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public SecurityAlert record(NewSecurityAlert alert) {
    Objects.requireNonNull(alert, "alert");
    try {
      return database.write(session -> insert(session, alert, clock.millis()));
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(
          "record a security alert of rule " + alert.ruleId(), database.file(), e);
    }
  }

  /** Inserts within the caller's session, so an alert can commit together with what caused it. */
  static SecurityAlert insert(SqlSession session, NewSecurityAlert alert, long now) {
    SecurityAlertInsert row = new SecurityAlertInsert(alert, now);
    session.getMapper(SecurityAlertMapper.class).insert(row);
    return new SecurityAlert(
        row.id,
        Instant.ofEpochMilli(now),
        alert.source(),
        alert.ruleId(),
        alert.severity(),
        alert.location(),
        alert.fingerprint(),
        alert.confidence());
  }

  @Override
  public List<SecurityAlert> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(SecurityAlertMapper.class).latest(limit).stream()
          .map(SecurityAlertRow::toAlert)
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("read the security alerts", database.file(), e);
    }
  }

  @Override
  public long count() {
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(SecurityAlertMapper.class).count();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("count the security alerts", database.file(), e);
    }
  }
}
