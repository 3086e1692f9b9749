package dev.beca.memory.internal;

import dev.beca.core.NotFoundException;
import dev.beca.core.conversation.ConversationNames;
import dev.beca.core.conversation.Session;
import dev.beca.core.conversation.SessionExpiry;
import dev.beca.core.conversation.SessionStore;
import dev.beca.core.secrets.Redaction;
import dev.beca.core.secrets.SecretScanner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.ibatis.session.SqlSession;

/**
 * {@link SessionStore} on the SQLite knowledge base; sessions get random UUIDs as ids. Titles are
 * redacted by the secret scanner like messages, with their alerts in the same transaction.
 */
public final class SqliteSessionStore implements SessionStore, SessionExpiry {

  private static final String SOURCE = "session:title";

  private final SqliteDatabase database;
  private final Clock clock;
  private final SecretScanner scanner;

  /**
   * Creates the store.
   *
   * @param database the opened database
   * @param clock the source of session times
   * @param scanner the scanner that redacts titles before they are stored
   */
  public SqliteSessionStore(SqliteDatabase database, Clock clock, SecretScanner scanner) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scanner = Objects.requireNonNull(scanner, "scanner");
  }

  @Override
  public Session create(String title) {
    long now = clock.millis();
    Redaction redaction = scanner.redact(SOURCE, ConversationNames.sessionTitle(title));
    SessionRow row = new SessionRow(UUID.randomUUID().toString(), redaction.text(), now, now);
    try {
      database.write(
          session -> {
            session.getMapper(SessionMapper.class).insert(row);
            SecretAlerts.record(session, SOURCE, "sessions/" + row.id(), redaction, now);
            return null;
          });
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("create a session", database.file(), e);
    }
    return row.toSession();
  }

  @Override
  public Optional<Session> find(String id) {
    try (SqlSession session = database.autoCommitSession()) {
      return Optional.ofNullable(session.getMapper(SessionMapper.class).find(id))
          .map(SessionRow::toSession);
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("read session " + id, database.file(), e);
    }
  }

  @Override
  public void touch(String id) {
    int updated;
    try {
      updated =
          database.write(
              session -> session.getMapper(SessionMapper.class).touch(id, clock.millis()));
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("record activity in session " + id, database.file(), e);
    }
    if (updated == 0) {
      throw new NotFoundException("There is no session '" + id + "'.", "Create the session first.");
    }
  }

  @Override
  public List<Session> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(SessionMapper.class).recent(limit).stream()
          .map(SessionRow::toSession)
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("list sessions", database.file(), e);
    }
  }

  @Override
  public long clear(String sessionId) {
    Integer removed;
    try {
      removed =
          database.write(
              session -> {
                SessionMapper mapper = session.getMapper(SessionMapper.class);
                if (mapper.find(sessionId) == null) {
                  return null;
                }
                int count = mapper.deleteLooseMessages(sessionId);
                mapper.expire(sessionId, clock.millis());
                return count;
              });
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("clear session " + sessionId, database.file(), e);
    }
    if (removed == null) {
      throw new NotFoundException(
          "There is no session '" + sessionId + "'.",
          "List the sessions and use one of their ids.");
    }
    return removed;
  }

  @Override
  public List<String> expireIdle(Duration idleFor) {
    Objects.requireNonNull(idleFor, "idleFor");
    if (idleFor.isZero() || idleFor.isNegative()) {
      throw new IllegalArgumentException("idleFor must be positive, was " + idleFor);
    }
    long before = clock.millis() - idleFor.toMillis();
    List<String> idle;
    try (SqlSession session = database.autoCommitSession()) {
      idle = session.getMapper(SessionMapper.class).idleSince(before);
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("find idle sessions", database.file(), e);
    }
    List<String> expired = new ArrayList<>();
    for (String id : idle) {
      try {
        // One transaction per session, re-checked inside it: a session touched meanwhile stays.
        boolean done =
            database.write(
                session -> {
                  SessionMapper mapper = session.getMapper(SessionMapper.class);
                  SessionRow row = mapper.find(id);
                  if (row == null || row.lastActiveAt() > before) {
                    return false;
                  }
                  mapper.deleteLooseMessages(id);
                  mapper.expire(id, clock.millis());
                  return true;
                });
        if (done) {
          expired.add(id);
        }
      } catch (RuntimeException e) {
        throw SqliteErrors.storage("expire session " + id, database.file(), e);
      }
    }
    return expired;
  }
}
