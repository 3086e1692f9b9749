package dev.beca.memory.internal;

import dev.beca.core.NotFoundException;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.MessageStore;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.TokenEstimator;
import dev.beca.core.secrets.Redaction;
import dev.beca.core.secrets.SecretFinding;
import dev.beca.core.secrets.SecretScanner;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MessageStore} on the SQLite knowledge base; each append is its own committed transaction.
 *
 * <p>Secrets never reach the table: each message is redacted by the secret scanner first, and every
 * secret found is recorded in {@code security_alerts} in the same transaction, so there is never a
 * redacted message without its alert or an alert without its message.
 */
public final class SqliteMessageStore implements MessageStore {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteMessageStore.class);

  private final SqliteDatabase database;
  private final Clock clock;
  private final SecretScanner scanner;
  private final TokenEstimator tokens;
  private final Runnable afterAppend;

  /**
   * Creates the store.
   *
   * @param database the opened database
   * @param clock the source of message times
   * @param scanner the scanner that redacts messages before they are stored
   */
  public SqliteMessageStore(SqliteDatabase database, Clock clock, SecretScanner scanner) {
    this(database, clock, scanner, TokenEstimator.DEFAULT, () -> {});
  }

  /**
   * Creates the store.
   *
   * @param database the opened database
   * @param clock the source of message times
   * @param scanner the scanner that redacts messages before they are stored
   * @param tokens estimates the token count stored with each message
   * @param afterAppend told after each committed append (e.g. to compute its embedding later)
   */
  public SqliteMessageStore(
      SqliteDatabase database,
      Clock clock,
      SecretScanner scanner,
      TokenEstimator tokens,
      Runnable afterAppend) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scanner = Objects.requireNonNull(scanner, "scanner");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.afterAppend = Objects.requireNonNull(afterAppend, "afterAppend");
  }

  @Override
  public ConversationMessage append(NewMessage original) {
    Objects.requireNonNull(original, "message");
    String source = "message:" + original.role().name();
    String toolsSource = "message-tools:" + original.role().name();
    Redaction redaction = scanner.redact(source, original.content());
    Optional<Redaction> tools = original.toolsJson().map(json -> scanner.redact(toolsSource, json));
    boolean clean = redaction.isClean() && tools.map(Redaction::isClean).orElse(true);
    NewMessage message =
        clean
            ? original
            : new NewMessage(
                original.sessionId(),
                original.role(),
                redaction.text(),
                original.threadId(),
                original.parentId(),
                tools.map(Redaction::text),
                original.success());
    long now = clock.millis();
    MessageInsert row = new MessageInsert(message, now, tokens.estimate(message.content()));
    try {
      if (clean) {
        // The common case: one self-committing insert on the serialised writer connection.
        row.id =
            database.writeStatement(
                session -> {
                  try {
                    return HotReads.insertMessage(
                        database.writerStatement(HotReads.INSERT_MESSAGE),
                        database.writerStatement(HotReads.LAST_INSERT_ID),
                        row);
                  } catch (SQLException e) {
                    throw new PersistenceException(e);
                  }
                });
      } else {
        // A redacted message commits together with its alerts.
        row.id =
            database.write(
                session -> {
                  long id;
                  try (PreparedStatement insert =
                          session.getConnection().prepareStatement(HotReads.INSERT_MESSAGE);
                      PreparedStatement lastId =
                          session.getConnection().prepareStatement(HotReads.LAST_INSERT_ID)) {
                    id = HotReads.insertMessage(insert, lastId, row);
                  } catch (SQLException e) {
                    throw new PersistenceException(e);
                  }
                  SecretAlerts.record(session, source, "messages/" + id, redaction, now);
                  tools.ifPresent(
                      r ->
                          SecretAlerts.record(
                              session, toolsSource, "messages/" + id + "/tools", r, now));
                  return id;
                });
      }
    } catch (RuntimeException e) {
      if (SqliteErrors.isForeignKeyViolation(e)) {
        throw missingReference(message);
      }
      if (SqliteErrors.isUnknownThread(e)) {
        throw new NotFoundException(
            "There is no thread " + message.threadId().orElse(-1) + "; the message was not stored.",
            "Create the thread first (beca threads new NAME) or leave the thread out.");
      }
      throw SqliteErrors.storage(
          "store a message of session " + message.sessionId(), database.file(), e);
    }
    if (!clean) {
      List<SecretFinding> found = new ArrayList<>(redaction.findings());
      tools.ifPresent(r -> found.addAll(r.findings()));
      LOG.warn(
          "Redacted {} secret(s) from a {} message (id {}) of session {} before storing it: {}",
          found.size(),
          message.role(),
          row.id,
          message.sessionId(),
          found.stream().map(f -> f.ruleId() + " " + f.redacted()).toList());
    }
    afterAppend.run();
    return new ConversationMessage(
        row.id,
        message.sessionId(),
        message.role(),
        message.content(),
        Instant.ofEpochMilli(row.createdAt),
        message.threadId(),
        message.parentId(),
        message.toolsJson(),
        message.success(),
        row.tokenCount);
  }

  @Override
  public Optional<ConversationMessage> find(long id) {
    try (SqlSession session = database.autoCommitSession()) {
      return Optional.ofNullable(session.getMapper(MessageMapper.class).find(id))
          .map(MessageRow::toMessage);
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("read message " + id, database.file(), e);
    }
  }

  @Override
  public List<ConversationMessage> recent(String sessionId, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    List<MessageRow> newestFirst;
    try (SqlSession session = database.autoCommitSession()) {
      newestFirst = session.getMapper(MessageMapper.class).latest(sessionId, limit);
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("read the messages of session " + sessionId, database.file(), e);
    }
    List<ConversationMessage> result = new ArrayList<>(newestFirst.size());
    for (MessageRow row : newestFirst) {
      result.add(row.toMessage());
    }
    Collections.reverse(result);
    return result;
  }

  @Override
  public long count(String sessionId) {
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(MessageMapper.class).count(sessionId);
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("count the messages of session " + sessionId, database.file(), e);
    }
  }

  /** Tells which reference of a rejected message points nowhere. */
  private NotFoundException missingReference(NewMessage message) {
    boolean sessionExists;
    try (SqlSession session = database.autoCommitSession()) {
      sessionExists = session.getMapper(SessionMapper.class).find(message.sessionId()) != null;
    }
    if (!sessionExists) {
      return new NotFoundException(
          "There is no session '" + message.sessionId() + "'; the message was not stored.",
          "Create the session first.");
    }
    return new NotFoundException(
        "The message answers message "
            + message.parentId().orElse(-1)
            + ", which does not exist; the message was not stored.",
        "Pass the id of a stored message as parent, or none.");
  }
}
