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
 * The two reads that return thousands of rows per call, mapped by hand on the MyBatis session's
 * own connection: a whole thread, and the semantic-search candidates of a scope. MyBatis's
 * per-row mapping costs several times the query itself at that size (measured by
 * {@code ConversationBenchmark}); every other query goes through the mappers.
 */
final class HotReads {

  static final String THREAD_MESSAGES =
      "SELECT " + MessageMapper.COLUMNS + " FROM messages WHERE thread_id = ? ORDER BY id";

  private HotReads() {}

  /** Every message of a thread in id order. */
  static List<ConversationMessage> threadMessages(Connection connection, long threadId) throws SQLException {
    List<ConversationMessage> messages = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(THREAD_MESSAGES)) {
      select.setLong(1, threadId);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          long thread = r.getLong(3);
          OptionalLong threadIdOf = r.wasNull() ? OptionalLong.empty() : OptionalLong.of(thread);
          long parent = r.getLong(4);
          OptionalLong parentId = r.wasNull() ? OptionalLong.empty() : OptionalLong.of(parent);
          messages.add(new ConversationMessage(
              r.getLong(1),
              r.getString(2),
              MessageRole.valueOf(r.getString(5)),
              r.getString(6),
              Instant.ofEpochMilli(r.getLong(7)),
              threadIdOf,
              parentId,
              Optional.ofNullable(r.getString(8)),
              r.getBoolean(9),
              r.getInt(10)));
        }
      }
    }
    return messages;
  }

  /**
   * The (message id, vector id) pairs of the embedded messages that pass the filter, one per
   * distinct vector: identical texts share a vector, and only the newest message with that text
   * is a candidate (SQLite groups them, so a scope with many repeated texts costs little).
   */
  static List<CandidateRow> candidates(Connection connection, SearchParams filter) throws SQLException {
    StringBuilder sql = new StringBuilder(
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
