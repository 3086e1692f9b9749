package dev.beca.memory.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The semantic-search candidates of the threads and sessions searched lately, kept in memory with
 * their vectors so that a scoped search, which context assembly runs on every turn, neither reads
 * the scope again nor reduces its messages to one per vector again: it only compares the query with
 * the scope's distinct vectors, stored one after another in one array.
 *
 * <p>Per scope the cache holds every embedded message (id, role, time and which of the scope's
 * vectors it has), and every distinct vector once (normalised, as search compares them) with the
 * newest message that has it. Before each use the cache reads the {@code search_changes} log (see
 * the V6 migration) from where it last stopped: a message that got its vector is added to the
 * cached scopes it belongs to (its vector read in the same query); anything else (a message moved
 * to another thread, deleted or re-embedded), too many changes, or a log pruned past the last
 * change seen, drops every cached scope. Log, scope and vectors are read in one read transaction,
 * so they agree; another process's writes reach the log the same way. Updates take turns (one
 * lock); the arrays a search gets stay valid after the lock is released (rows are only appended,
 * and a full array is replaced by a larger copy), so comparing vectors needs no lock.
 */
final class ScopedCandidates {

  /** How many scopes are kept; the least recently searched is dropped first. */
  static final int MAX_SCOPES = 16;

  /** More changes than this since the last look: rebuilding is cheaper than replaying. */
  static final int MAX_REPLAYED_CHANGES = 1_000;

  /**
   * The memory the cached scopes may take in all: {@value #ROW_BYTES} bytes per message plus, per
   * distinct vector, its length times 8 (floats and integer code), 24 for the code's stats and
   * {@value #VECTOR_OVERHEAD_BYTES} (some 32 MB per 10,000 messages of distinct texts with 384
   * dimensions). The least recently searched scopes go first; a scope larger than this alone is
   * read per search, as unscoped searches are.
   */
  static final long MAX_BYTES = 64L << 20;

  /** Estimated memory of one message in a cached scope (id, vector slot, role, time). */
  static final int ROW_BYTES = 32;

  /**
   * Estimated memory of one distinct vector besides its floats: its id, newest message, lookup
   * entry and its place in the shared unfiltered candidates.
   */
  static final int VECTOR_OVERHEAD_BYTES = 100;

  private static final String CHANGES =
      "SELECT c.seq, c.added, m.thread_id, m.session_id, m.role, m.created_at, me.message_id,"
          + " me.embedding_id, e.vector"
          + " FROM search_changes c LEFT JOIN messages m ON m.id = c.message_id"
          + " LEFT JOIN message_embeddings me ON me.message_id = c.message_id"
          + " LEFT JOIN embeddings e ON e.id = me.embedding_id"
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

  /** Estimated memory of one distinct vector: its floats, its code and the rest. */
  static long vectorBytes(int dimensions) {
    return VECTOR_OVERHEAD_BYTES
        + (long) dimensions * (Float.BYTES + Integer.BYTES)
        + VectorCodes.STATS * Double.BYTES;
  }

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

    /** The condition on messages {@code m}; its parameters are bound by {@link #bind}. */
    String condition() {
      return (threadId != null ? " AND m.thread_id = ?" : "")
          + (sessionId != null ? " AND m.session_id = ?" : "");
    }

    void bind(PreparedStatement statement) throws SQLException {
      int i = 1;
      if (threadId != null) {
        statement.setLong(i++, threadId);
      }
      if (sessionId != null) {
        statement.setString(i, sessionId);
      }
    }
  }

  /**
   * What one search compares: candidate {@code i} is message {@code messageIds[i]} with vector
   * {@code vectorIds[i]}, whose normalised values are {@code matrix[rows[i] * dimensions ...]} and
   * whose integer code (see {@link VectorCodes}) is {@code codes[rows[i] * dimensions ...]} with
   * its stats at {@code codeStats[rows[i] * VectorCodes.STATS ...]}. One candidate per distinct
   * vector: the newest message with it that passes the filter. Shared by the searches of an
   * unchanged scope: read only.
   */
  record Candidates(
      long[] messageIds,
      long[] vectorIds,
      int[] rows,
      float[] matrix,
      int dimensions,
      int[] codes,
      double[] codeStats) {

    int size() {
      return messageIds.length;
    }

    /** The candidates as (message, vector) pairs; for tests and comparisons. */
    List<CandidateRow> asRows() {
      List<CandidateRow> list = new ArrayList<>(messageIds.length);
      for (int i = 0; i < messageIds.length; i++) {
        list.add(new CandidateRow(messageIds[i], vectorIds[i]));
      }
      return list;
    }

    /** The stored values of candidate {@code i}'s vector, normalised. */
    float[] vector(int i) {
      int from = rows[i] * dimensions;
      return Arrays.copyOfRange(matrix, from, from + dimensions);
    }
  }

  /** A message that got its vector, as the change log's reader saw it. */
  private record Addition(
      Long threadId,
      String sessionId,
      String role,
      long createdAt,
      long messageId,
      long embeddingId,
      float[] vector) {}

  /**
   * One cached scope: its embedded messages column-wise in the order they became candidates, and
   * its distinct vectors, one row of {@code matrix} each, with their integer codes (one row of
   * {@code codes} and of {@code codeStats} each).
   */
  private static final class ScopeData {
    int dimensions;

    long[] messageIds = new long[64];
    int[] vectorRows = new int[64]; // -1: the vector is missing from the table
    String[] roles = new String[64];
    long[] createdAt = new long[64];
    int size;

    long[] vectorIds;
    long[] newest; // per vector, its newest message in the scope
    float[] matrix;
    int[] codes;
    double[] codeStats;
    int vectors;
    final Map<Long, Integer> rowOfVector = new HashMap<>();

    /** The unfiltered candidates until the next addition: most searches are unfiltered. */
    Candidates unfiltered;

    ScopeData(int dimensions, int expectedVectors) {
      this.dimensions = dimensions;
      int capacity = Math.max(16, expectedVectors);
      vectorIds = new long[capacity];
      newest = new long[capacity];
      matrix = new float[capacity * dimensions];
      codes = new int[capacity * dimensions];
      codeStats = new double[capacity * VectorCodes.STATS];
    }

    long bytes() {
      return (long) size * ROW_BYTES + (long) vectors * vectorBytes(dimensions);
    }

    /**
     * Adds an embedded message; its vector is needed when the scope does not hold it yet ({@code
     * null} when the table lacks it: the message is then no candidate, as a fresh read finds).
     *
     * @return false when the vector's length differs from the scope's (the scope cannot keep it)
     */
    boolean add(long messageId, long vectorId, String role, long created, float[] vector) {
      Integer row = rowOfVector.get(vectorId);
      if (row == null && vector != null) {
        if (vectors == 0 && vector.length != dimensions) {
          dimensions = vector.length; // the scope's first vector
          matrix = new float[vectorIds.length * dimensions];
          codes = new int[vectorIds.length * dimensions];
        }
        if (vector.length != dimensions) {
          return false;
        }
        row = addVector(vectorId, vector);
      }
      int r = row == null ? -1 : row;
      unfiltered = null;
      if (size == messageIds.length) {
        int capacity = size * 2;
        messageIds = Arrays.copyOf(messageIds, capacity);
        vectorRows = Arrays.copyOf(vectorRows, capacity);
        roles = Arrays.copyOf(roles, capacity);
        createdAt = Arrays.copyOf(createdAt, capacity);
      }
      messageIds[size] = messageId;
      vectorRows[size] = r;
      roles[size] = role.intern(); // four distinct values: one string each instead of one per row
      createdAt[size] = created;
      size++;
      if (r >= 0 && messageId > newest[r]) {
        newest[r] = messageId;
      }
      return true;
    }

    private int addVector(long vectorId, float[] vector) {
      if (vectors == vectorIds.length) {
        // A full array is replaced, never written again: searches holding it stay correct.
        int capacity = vectors + (vectors >> 1) + 1;
        vectorIds = Arrays.copyOf(vectorIds, capacity);
        newest = Arrays.copyOf(newest, capacity);
        matrix = Arrays.copyOf(matrix, capacity * dimensions);
        codes = Arrays.copyOf(codes, capacity * dimensions);
        codeStats = Arrays.copyOf(codeStats, capacity * VectorCodes.STATS);
      }
      int row = vectors++;
      vectorIds[row] = vectorId;
      newest[row] = Long.MIN_VALUE;
      System.arraycopy(vector, 0, matrix, row * dimensions, dimensions);
      VectorCodes.encode(
          vector, 0, dimensions, codes, row * dimensions, codeStats, row * VectorCodes.STATS);
      rowOfVector.put(vectorId, row);
      return row;
    }

    /** The candidates passing the role and time filters, one per vector: its newest message. */
    Candidates select(SearchParams filter) {
      if (filter.role == null && filter.from == null && filter.until == null) {
        if (unfiltered == null) {
          int[] rows = new int[vectors];
          Arrays.setAll(rows, r -> r); // every vector has a message: the one that brought it
          unfiltered = candidates(rows, newest);
        }
        return unfiltered;
      }
      long[] newestPassing = new long[vectors];
      Arrays.fill(newestPassing, Long.MIN_VALUE);
      for (int i = 0; i < size; i++) {
        int r = vectorRows[i];
        if (r < 0
            || filter.role != null && !filter.role.equals(roles[i])
            || filter.from != null && createdAt[i] < filter.from
            || filter.until != null && createdAt[i] >= filter.until) {
          continue;
        }
        newestPassing[r] = Math.max(newestPassing[r], messageIds[i]);
      }
      int n = 0;
      int[] rows = new int[vectors];
      for (int r = 0; r < vectors; r++) {
        if (newestPassing[r] != Long.MIN_VALUE) {
          rows[n++] = r;
        }
      }
      return candidates(Arrays.copyOf(rows, n), newestPassing);
    }

    private Candidates candidates(int[] rows, long[] messageOfRow) {
      long[] messages = new long[rows.length];
      long[] ids = new long[rows.length];
      for (int i = 0; i < rows.length; i++) {
        messages[i] = messageOfRow[rows[i]];
        ids[i] = vectorIds[rows[i]];
      }
      return new Candidates(messages, ids, rows, matrix, dimensions, codes, codeStats);
    }
  }

  /** Least recently searched first. */
  private final LinkedHashMap<Scope, ScopeData> scopes = new LinkedHashMap<>(32, 0.75f, true);

  /**
   * Scopes found too large to keep (or with vectors of different lengths), read per search until
   * the cache starts over: additions only make a scope larger, while deletions and moves, which may
   * make it small enough, start over.
   */
  private final LinkedHashMap<Scope, Boolean> readPerSearch =
      new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Scope, Boolean> eldest) {
          return size() > MAX_SCOPES;
        }
      };

  /** The last change applied; -1 before the first use. */
  private long lastSeq = -1;

  private final long maxBytes;

  /** A cache of at most {@link #MAX_BYTES}. */
  ScopedCandidates() {
    this(MAX_BYTES);
  }

  /** A cache of at most {@code maxBytes} (0: nothing is kept, every scope is read per search). */
  ScopedCandidates(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * The scope a filter limits a search to, or {@code null} when it has neither thread nor session.
   */
  static Scope scopeOf(SearchParams filter) {
    return filter.threadId == null && filter.sessionId == null
        ? null
        : new Scope(filter.threadId, filter.sessionId);
  }

  /**
   * The candidates of a scoped filter with their vectors, one per distinct vector (the newest
   * message with it), as {@link HotReads#candidates} selects them; or {@code null} when the scope
   * is too large to keep (or its vectors differ in length), and the caller reads it per search.
   *
   * @param connection a connection in auto-commit mode, outside a transaction
   * @param filter a filter with a thread or a session
   */
  synchronized Candidates candidates(Connection connection, SearchParams filter)
      throws SQLException {
    Scope scope = Objects.requireNonNull(scopeOf(filter), "filter has no scope");
    ScopeData data = null;
    // A deferred (read) transaction by hand: the pool's connections begin theirs IMMEDIATE, which
    // would take the write lock for a read. It must end before the connection goes back to the
    // pool (the pool cannot see a transaction begun by statement), so a failure to end it fails
    // the search too, with the first failure kept.
    SQLException failure = null;
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN DEFERRED");
      try {
        catchUp(connection);
        data = scopes.get(scope);
        if (data == null && !readPerSearch.containsKey(scope)) {
          data = load(connection, scope);
          if (data != null) {
            scopes.put(scope, data);
          } else {
            readPerSearch.put(scope, Boolean.TRUE);
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
    if (data == null) {
      return null;
    }
    Candidates selected = data.select(filter);
    trim();
    return selected;
  }

  /**
   * Drops the least recently searched scopes while there are too many or they take too much memory.
   */
  private void trim() {
    long total = 0;
    for (ScopeData data : scopes.values()) {
      total += data.bytes();
    }
    Iterator<ScopeData> eldest = scopes.values().iterator();
    while ((scopes.size() > MAX_SCOPES || total > maxBytes) && eldest.hasNext()) {
      total -= eldest.next().bytes();
      eldest.remove();
    }
    // (A scope dropped here may fit alone: it is loaded again at its next search.)
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
          byte[] vector = r.getBytes(9);
          additions.add(
              new Addition(
                  inThread ? thread : null,
                  r.getString(4),
                  r.getString(5),
                  r.getLong(6),
                  messageId,
                  r.getLong(8),
                  vector == null ? null : Vectors.normalized(Vectors.fromBytes(vector))));
        }
      }
    }
    for (Iterator<Map.Entry<Scope, ScopeData>> it = scopes.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Scope, ScopeData> entry = it.next();
      for (Addition a : additions) {
        if (entry.getKey().contains(a.threadId(), a.sessionId())
            && !entry
                .getValue()
                .add(a.messageId(), a.embeddingId(), a.role(), a.createdAt(), a.vector())) {
          it.remove(); // a vector of another length: this scope is read per search from now on
          readPerSearch.put(entry.getKey(), Boolean.TRUE);
          break;
        }
      }
    }
    lastSeq = seq;
  }

  private void startOver(long seq) {
    scopes.clear();
    readPerSearch.clear();
    lastSeq = seq;
  }

  /** The scope read from the tables, or {@code null} when it cannot be kept. */
  private ScopeData load(Connection connection, Scope scope) throws SQLException {
    Map<Long, float[]> vectors = new HashMap<>();
    int dimensions = -1;
    long bytes = 0;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT e.id, e.vector FROM embeddings e WHERE e.id IN (SELECT me.embedding_id"
                + " FROM message_embeddings me JOIN messages m ON m.id = me.message_id WHERE 1 = 1"
                + scope.condition()
                + ")")) {
      scope.bind(select);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          float[] v = Vectors.normalized(Vectors.fromBytes(r.getBytes(2)));
          if (dimensions < 0) {
            dimensions = v.length;
          }
          bytes += vectorBytes(v.length);
          if (v.length != dimensions || bytes > maxBytes) {
            return null;
          }
          vectors.put(r.getLong(1), v);
        }
      }
    }
    ScopeData data = new ScopeData(Math.max(dimensions, 0), vectors.size());
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT me.message_id, me.embedding_id, m.role, m.created_at FROM message_embeddings me"
                + " JOIN messages m ON m.id = me.message_id WHERE 1 = 1"
                + scope.condition())) {
      scope.bind(select);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          long vectorId = r.getLong(2);
          data.add(r.getLong(1), vectorId, r.getString(3), r.getLong(4), vectors.get(vectorId));
          if (data.bytes() > maxBytes) {
            return null;
          }
        }
      }
    }
    return data;
  }
}
