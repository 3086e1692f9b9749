package dev.beca.memory.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The semantic-search candidates (embedded message, its vector, role and time) of the threads and
 * sessions searched lately, kept in memory so that a scoped search, which context assembly runs on
 * every turn, does not read the whole scope again. Before each use the cache reads the {@code
 * search_changes} log (see the V6 migration) from where it last stopped: a message that got its
 * vector is added to the cached scopes it belongs to; anything else (a message moved to another
 * thread, deleted or re-embedded), too many changes, or a log pruned past the last change seen,
 * drops every cached scope. Log and scope are read in one read transaction, so a scope built from
 * the tables and the changes applied to it agree. Searches of scopes take turns (one lock): they
 * are a few milliseconds each, and a knowledge base serves one user.
 */
final class ScopedCandidates {

  /** How many scopes are kept; the least recently searched is dropped first. */
  static final int MAX_SCOPES = 16;

  /** More changes than this since the last look: rebuilding is cheaper than replaying. */
  static final int MAX_REPLAYED_CHANGES = 1_000;

  /**
   * Rows kept over all scopes (about 40 bytes each, so some 40 MB at most); the least recently
   * searched scopes are dropped to stay below. A larger scope is read per search, as unscoped
   * searches are.
   */
  static final int MAX_ROWS = 1_000_000;

  private static final String CHANGES =
      "SELECT c.seq, c.added, m.thread_id, m.session_id, m.role, m.created_at, me.message_id, me.embedding_id"
          + " FROM search_changes c LEFT JOIN messages m ON m.id = c.message_id"
          + " LEFT JOIN message_embeddings me ON me.message_id = c.message_id"
          + " WHERE c.seq > ? ORDER BY c.seq LIMIT "
          + (MAX_REPLAYED_CHANGES + 1);

  /**
   * The first and last change of the log. Two subqueries, not {@code min(seq), max(seq)} in one
   * select: SQLite reads one end of the primary key for a lone {@code min()} or {@code max()}, but
   * scans the whole log for both together (150 ms a search on a log of 1,000,000 rows).
   */
  static final String BOUNDS =
      "SELECT coalesce((SELECT min(seq) FROM search_changes), 0),"
          + " coalesce((SELECT max(seq) FROM search_changes), 0)";

  /** A thread, a session, or both. */
  record Scope(Long threadId, String sessionId) {
    Scope {
      if (threadId == null && sessionId == null) {
        throw new IllegalArgumentException("a scope needs a thread or a session");
      }
    }

    boolean contains(Long thread, String session) {
      return (threadId == null || threadId.equals(thread))
          && (sessionId == null || sessionId.equals(session));
    }
  }

  /** A message that got its vector, as the change log's reader saw it. */
  private record Addition(
      Long threadId,
      String sessionId,
      String role,
      long createdAt,
      long messageId,
      long embeddingId) {}

  /** Column-wise rows of one scope, in the order they became candidates. */
  private static final class Rows {
    long[] messageIds = new long[64];
    long[] embeddingIds = new long[64];
    String[] roles = new String[64];
    long[] createdAt = new long[64];
    int size;

    void add(long messageId, long embeddingId, String role, long created) {
      if (size == messageIds.length) {
        int capacity = size * 2;
        messageIds = Arrays.copyOf(messageIds, capacity);
        embeddingIds = Arrays.copyOf(embeddingIds, capacity);
        roles = Arrays.copyOf(roles, capacity);
        createdAt = Arrays.copyOf(createdAt, capacity);
      }
      messageIds[size] = messageId;
      embeddingIds[size] = embeddingId;
      roles[size] = role.intern(); // four distinct values: one string each instead of one per row
      createdAt[size] = created;
      size++;
    }
  }

  /** Least recently searched first. */
  private final LinkedHashMap<Scope, Rows> scopes = new LinkedHashMap<>(32, 0.75f, true);

  /** The last change applied; -1 before the first use. */
  private long lastSeq = -1;

  /**
   * The scope a filter limits a search to, or {@code null} when it has neither thread nor session.
   */
  static Scope scopeOf(SearchParams filter) {
    return filter.threadId == null && filter.sessionId == null
        ? null
        : new Scope(filter.threadId, filter.sessionId);
  }

  /**
   * The candidates of a scoped filter, one per distinct vector (the newest message with it), as
   * {@link HotReads#candidates} returns them.
   *
   * @param connection a connection in auto-commit mode, outside a transaction
   * @param filter a filter with a thread or a session
   */
  synchronized List<CandidateRow> candidates(Connection connection, SearchParams filter)
      throws SQLException {
    Scope scope = Objects.requireNonNull(scopeOf(filter), "filter has no scope");
    Rows rows = null;
    // A deferred (read) transaction by hand: the pool's connections begin theirs IMMEDIATE, which
    // would take the write lock for a read. It must end before the connection goes back to the
    // pool (the pool cannot see a transaction begun by statement), so a failure to end it fails
    // the search too, with the first failure kept.
    SQLException failure = null;
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN DEFERRED");
      try {
        catchUp(connection);
        rows = scopes.get(scope);
        if (rows == null) {
          rows = load(connection, scope);
          if (rows.size <= MAX_ROWS) {
            scopes.put(scope, rows);
          }
        }
      } catch (SQLException | RuntimeException e) {
        startOver(-1); // a half-applied catch-up must not be trusted
        throw e;
      } finally {
        try {
          statement.execute("ROLLBACK"); // nothing was written: this only ends the snapshot
        } catch (SQLException e) {
          failure = e;
        }
      }
    } catch (SQLException e) {
      if (failure != null) {
        e.addSuppressed(failure);
      }
      throw e;
    }
    if (failure != null) {
      throw failure;
    }
    List<CandidateRow> selected = select(rows, filter);
    trim();
    return selected;
  }

  /**
   * Drops the least recently searched scopes while there are too many or they hold too many rows.
   */
  private void trim() {
    long total = 0;
    for (Rows rows : scopes.values()) {
      total += rows.size;
    }
    var eldest = scopes.entrySet().iterator();
    while ((scopes.size() > MAX_SCOPES || total > MAX_ROWS) && eldest.hasNext()) {
      total -= eldest.next().getValue().size;
      eldest.remove();
    }
  }

  /** How many scopes are cached; for tests. */
  synchronized int cachedScopes() {
    return scopes.size();
  }

  private void catchUp(Connection connection) throws SQLException {
    long min;
    long max;
    try (PreparedStatement bounds = connection.prepareStatement(BOUNDS);
        ResultSet r = bounds.executeQuery()) {
      r.next();
      min = r.getLong(1);
      max = r.getLong(2);
    }
    if (max == lastSeq) {
      return;
    }
    if (lastSeq < 0 || max < lastSeq || min > lastSeq + 1) {
      startOver(max); // first use, a replaced file, or changes pruned before this cache saw them
      return;
    }
    List<Addition> additions = new ArrayList<>();
    int count = 0;
    long seq = lastSeq;
    try (PreparedStatement changes = connection.prepareStatement(CHANGES)) {
      changes.setLong(1, lastSeq);
      try (ResultSet r = changes.executeQuery()) {
        while (r.next()) {
          if (++count > MAX_REPLAYED_CHANGES || r.getInt(2) == 0) {
            startOver(max);
            return;
          }
          seq = r.getLong(1);
          long messageId = r.getLong(7);
          if (r.wasNull()) {
            continue; // not embedded (any more): a later change says what happened
          }
          long thread = r.getLong(3);
          boolean inThread = !r.wasNull();
          additions.add(
              new Addition(
                  inThread ? thread : null,
                  r.getString(4),
                  r.getString(5),
                  r.getLong(6),
                  messageId,
                  r.getLong(8)));
        }
      }
    }
    for (Map.Entry<Scope, Rows> entry : scopes.entrySet()) {
      for (Addition a : additions) {
        if (entry.getKey().contains(a.threadId(), a.sessionId())) {
          entry.getValue().add(a.messageId(), a.embeddingId(), a.role(), a.createdAt());
        }
      }
    }
    lastSeq = seq;
  }

  private void startOver(long seq) {
    scopes.clear();
    lastSeq = seq;
  }

  private static Rows load(Connection connection, Scope scope) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT me.message_id, me.embedding_id, m.role, m.created_at FROM message_embeddings me"
                + " JOIN messages m ON m.id = me.message_id WHERE 1 = 1");
    if (scope.threadId() != null) {
      sql.append(" AND m.thread_id = ?");
    }
    if (scope.sessionId() != null) {
      sql.append(" AND m.session_id = ?");
    }
    Rows rows = new Rows();
    try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
      int i = 1;
      if (scope.threadId() != null) {
        select.setLong(i++, scope.threadId());
      }
      if (scope.sessionId() != null) {
        select.setString(i, scope.sessionId());
      }
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          rows.add(r.getLong(1), r.getLong(2), r.getString(3), r.getLong(4));
        }
      }
    }
    return rows;
  }

  /** The rows passing the role and time filters, one per vector: its newest message. */
  private static List<CandidateRow> select(Rows rows, SearchParams filter) {
    Map<Long, Long> newestByVector = new HashMap<>();
    for (int i = 0; i < rows.size; i++) {
      if (filter.role != null && !filter.role.equals(rows.roles[i])
          || filter.from != null && rows.createdAt[i] < filter.from
          || filter.until != null && rows.createdAt[i] >= filter.until) {
        continue;
      }
      newestByVector.merge(rows.embeddingIds[i], rows.messageIds[i], Math::max);
    }
    List<CandidateRow> candidates = new ArrayList<>(newestByVector.size());
    newestByVector.forEach((vector, message) -> candidates.add(new CandidateRow(message, vector)));
    return candidates;
  }
}
