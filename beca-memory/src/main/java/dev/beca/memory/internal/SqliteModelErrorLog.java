package dev.beca.memory.internal;

import dev.beca.core.model.ModelErrorEntry;
import dev.beca.core.model.ModelErrorLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.ibatis.session.SqlSession;

/**
 * {@link ModelErrorLog} on the SQLite knowledge base; each record is its own committed transaction.
 */
public final class SqliteModelErrorLog implements ModelErrorLog {

  private final SqliteDatabase database;
  private final Clock clock;

  /**
   * Creates the log.
   *
   * @param database the opened database
   * @param clock the source of entry times
   */
  public SqliteModelErrorLog(SqliteDatabase database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public ModelErrorEntry record(
      String server, String model, String errorClass, String message, String action) {
    ModelErrorMapper.ModelErrorInsert row =
        new ModelErrorMapper.ModelErrorInsert(
            clock.millis(),
            Objects.requireNonNull(server, "server"),
            Objects.requireNonNull(model, "model"),
            Objects.requireNonNull(errorClass, "errorClass"),
            ModelErrorLog.cut(message),
            Objects.requireNonNull(action, "action"));
    try {
      database.write(session -> session.getMapper(ModelErrorMapper.class).insert(row));
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("record a model error", database.file(), e);
    }
    return new ModelErrorEntry(
        row.id,
        Instant.ofEpochMilli(row.occurredAt),
        row.server,
        row.model,
        row.errorClass,
        row.message,
        row.action);
  }

  @Override
  public List<ModelErrorEntry> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(ModelErrorMapper.class).recent(limit).stream()
          .map(
              r ->
                  new ModelErrorEntry(
                      r.id(),
                      Instant.ofEpochMilli(r.occurredAt()),
                      r.server(),
                      r.model(),
                      r.errorClass(),
                      r.message(),
                      r.action()))
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("read the model error log", database.file(), e);
    }
  }
}
