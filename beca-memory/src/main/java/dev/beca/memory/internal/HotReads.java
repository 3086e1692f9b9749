package dev.beca.memory.internal;

import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.MessageRole;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The hot paths, on the MyBatis session's own connection: the append, and the two reads that return
 * thousands of rows per call (a whole thread, the semantic-search candidates of a scope). MyBatis's
 * per-call and per-row work costs several times the statement itself there (measured by {@code
 * ConversationBenchmark}); every other statement goes through the mappers.
 */
final class HotReads {

  static final String THREAD_MESSAGES =
      "SELECT " + MessageMapper.COLUMNS + " FROM messages WHERE thread_id = ? ORDER BY id";

  /**
   * The append. Not {@code INSERT ... RETURNING id}: such an insert commits when its statement is
   * reset, and SQLite then skips the automatic WAL checkpoint, so the WAL grew without bound (2,000
   * appends left a 69 MB WAL instead of 4 MB) and every append got slower as it grew.
   */
  static final String INSERT_MESSAGE =
      "INSERT INTO messages (session_id, thread_id, parent_id, role, content, created_at, tools_json, success,"
          + " token_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** The id of the row the connection inserted last. */
  static final String LAST_INSERT_ID = "SELECT last_insert_rowid()";

  private HotReads() {}

  /**
   * Appends a message with statements prepared once per writer connection: the hottest write, where
   * MyBatis's per-call work cost as much as the committed insert itself (measured by {@code
   * ConversationBenchmark}). In auto-commit mode the insert has committed when this returns.
   *
   * @param insert {@link #INSERT_MESSAGE}, prepared on the connection
   * @param lastId {@link #LAST_INSERT_ID}, prepared on the same connection
   */
  static long insertMessage(PreparedStatement insert, PreparedStatement lastId, MessageInsert row)
      throws SQLException {
    insert.setString(1, row.sessionId);
    insert.setObject(2, row.threadId);
    insert.setObject(3, row.parentId);
    insert.setString(4, row.role);
    insert.setString(5, row.content);
    insert.setLong(6, row.createdAt);
    insert.setString(7, row.toolsJson);
    insert.setBoolean(8, row.success);
    insert.setInt(9, row.tokenCount);
    insert.executeUpdate();
    try (ResultSet id = lastId.executeQuery()) {
      if (!id.next()) {
        throw new SQLException("the insert left no row id");
      }
      return id.getLong(1);
    }
  }

  /** Every message of a thread in id order. */
  static List<ConversationMessage> threadMessages(Connection connection, long threadId)
      throws SQLException {
    List<ConversationMessage> messages = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(THREAD_MESSAGES)) {
      select.setLong(1, threadId);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          messages.add(message(r));
        }
      }
    }
    return messages;
  }

  /**
   * The messages with these ids that exist, in no particular order: what a search reads for its
   * hits once it has ranked them (the semantic side's winners after the query's embedding, so on
   * the critical path of every turn's context assembly).
   */
  static List<ConversationMessage> messagesById(Connection connection, List<Long> ids)
      throws SQLException {
    return byIds(
        connection, "SELECT " + MessageMapper.COLUMNS + " FROM messages", ids, HotReads::message);
  }

  /**
   * The lessons with these ids that exist, in no particular order: the hits of a lesson search,
   * read after the query's embedding (MyBatis's dynamic SQL cost several times the statement).
   */
  static List<LessonRow> lessonsById(Connection connection, List<Long> ids) throws SQLException {
    return byIds(
        connection, "SELECT " + LessonRow.COLUMNS + " FROM lessons", ids, HotReads::lesson);
  }

  /** The stored vectors with these ids that exist, in no particular order. */
  static List<VectorRow> vectorsById(Connection connection, List<Long> ids) throws SQLException {
    return byIds(
        connection,
        "SELECT id, vector FROM embeddings",
        ids,
        r -> new VectorRow(r.getLong(1), r.getBytes(2)));
  }

  /** How many ids one statement of {@link #byIds} binds at most. */
  static final int MAX_IDS_PER_READ = 500;

  /** Maps the current row of a result. */
  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /**
   * The rows of {@code select} (a select of one table, without a where clause) whose {@code id} is
   * among {@code ids}, at most {@value #MAX_IDS_PER_READ} ids a statement.
   */
  private static <T> List<T> byIds(
      Connection connection, String select, List<Long> ids, RowReader<T> reader)
      throws SQLException {
    List<T> rows = new ArrayList<>(ids.size());
    for (int from = 0; from < ids.size(); from += MAX_IDS_PER_READ) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_READ));
      StringBuilder sql = new StringBuilder(select).append(" WHERE id IN (?");
      sql.append(",?".repeat(chunk.size() - 1)).append(')');
      try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
        for (int i = 0; i < chunk.size(); i++) {
          statement.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet r = statement.executeQuery()) {
          while (r.next()) {
            rows.add(reader.read(r));
          }
        }
      }
    }
    return rows;
  }

  /** The lesson on the current row of a select of {@link LessonRow#COLUMNS}. */
  private static LessonRow lesson(ResultSet r) throws SQLException {
    long lastUsed = r.getLong(10);
    Long lastUsedAt = r.wasNull() ? null : lastUsed;
    long superseded = r.getLong(11);
    Long supersededBy = r.wasNull() ? null : superseded;
    long embedding = r.getLong(12);
    Long embeddingId = r.wasNull() ? null : embedding;
    return new LessonRow(
        r.getLong(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getLong(6),
        r.getLong(7),
        r.getDouble(8),
        r.getLong(9),
        lastUsedAt,
        supersededBy,
        embeddingId);
  }

  /** The message on the current row of a select of {@link MessageMapper#COLUMNS}. */
  private static ConversationMessage message(ResultSet r) throws SQLException {
    long thread = r.getLong(3);
    OptionalLong threadIdOf = r.wasNull() ? OptionalLong.empty() : OptionalLong.of(thread);
    long parent = r.getLong(4);
    OptionalLong parentId = r.wasNull() ? OptionalLong.empty() : OptionalLong.of(parent);
    return new ConversationMessage(
        r.getLong(1),
        r.getString(2),
        MessageRole.valueOf(r.getString(5)),
        r.getString(6),
        Instant.ofEpochMilli(r.getLong(7)),
        threadIdOf,
        parentId,
        Optional.ofNullable(r.getString(8)),
        r.getBoolean(9),
        r.getInt(10));
  }

  /**
   * The (message id, vector id) pairs of the embedded messages that pass the filter, one per
   * distinct vector: identical texts share a vector, and only the newest message with that text is
   * a candidate (SQLite groups them, so a scope with many repeated texts costs little).
   */
  static List<CandidateRow> candidates(Connection connection, SearchParams filter)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT max(me.message_id), me.embedding_id FROM message_embeddings me JOIN messages m ON m.id = me.message_id"
                + " WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (filter.threadId != null) {
      sql.append(" AND m.thread_id = ?");
      args.add(filter.threadId);
    }
    if (filter.sessionId != null) {
      sql.append(" AND m.session_id = ?");
      args.add(filter.sessionId);
    }
    if (filter.role != null) {
      sql.append(" AND m.role = ?");
      args.add(filter.role);
    }
    if (filter.from != null) {
      sql.append(" AND m.created_at >= ?");
      args.add(filter.from);
    }
    if (filter.until != null) {
      sql.append(" AND m.created_at < ?");
      args.add(filter.until);
    }
    sql.append(" GROUP BY me.embedding_id");
    List<CandidateRow> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        select.setObject(i + 1, args.get(i));
      }
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          rows.add(new CandidateRow(r.getLong(1), r.getLong(2)));
        }
      }
    }
    return rows;
  }
}
