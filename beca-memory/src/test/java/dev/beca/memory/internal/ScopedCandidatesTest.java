package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.MessageRole;
import dev.beca.core.conversation.SearchFilter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-memory candidates of scoped semantic searches against a real file whose rows are written
 * directly, as another process would: every answer must equal what a fresh read of the tables
 * gives, whether the cache replayed the change log, started over, or found it pruned.
 */
class ScopedCandidatesTest {

  @TempDir Path dir;
  private Connection connection;
  private final ScopedCandidates cache = new ScopedCandidates();
  private long embedding;

  @BeforeEach
  void open() throws SQLException {
    Path file = dir.resolve("beca.db");
    SqliteDatabase.open(file, Duration.ofSeconds(5)).close(); // the schema, by the real migrations
    connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    execute(
        "INSERT INTO sessions (id, created_at, last_active_at) VALUES ('s1', 0, 0), ('s2', 0, 0)");
    execute(
        "INSERT INTO threads (id, name, created_at, updated_at) VALUES (1, 'one', 0, 0), (2, 'two', 0, 0)");
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void readingTheBoundsOfTheChangeLogDoesNotScanIt() throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("EXPLAIN QUERY PLAN " + ScopedCandidates.BOUNDS)) {
      while (r.next()) {
        plan.append(r.getString("detail")).append('\n');
      }
    }

    assertThat(plan.toString()).contains("search_changes").doesNotContain("SCAN search_changes");
  }

  @Test
  void additionsAfterAScopeWasCachedAreReplayedIntoIt() throws SQLException {
    embedded("s1", 1L, "USER", 1);
    embedded("s1", 1L, "USER", 2);
    assertThat(scoped(SearchFilter.all().thread(1))).hasSize(2);

    embedded("s1", 1L, "ASSISTANT", 3);
    embedded("s2", 2L, "USER", 4);
    embedded("s2", null, "USER", 5);

    assertMatchesTables(SearchFilter.all().thread(1));
    assertMatchesTables(SearchFilter.all().thread(2));
    assertMatchesTables(SearchFilter.all().session("s2"));
    assertMatchesTables(SearchFilter.all().session("s1").thread(1));
    assertThat(scoped(SearchFilter.all().thread(1))).hasSize(3);
  }

  @Test
  void movesDeletesAndReembeddingsAreSeenThroughTheLog() throws SQLException {
    long first = embedded("s1", 1L, "USER", 1);
    long second = embedded("s1", 1L, "USER", 2);
    scoped(SearchFilter.all().thread(1));
    scoped(SearchFilter.all().thread(2));

    execute("UPDATE messages SET thread_id = 2 WHERE id = " + first);
    assertMatchesTables(SearchFilter.all().thread(1));
    assertMatchesTables(SearchFilter.all().thread(2));

    execute(
        "UPDATE message_embeddings SET embedding_id = "
            + newEmbedding()
            + " WHERE message_id = "
            + second);
    assertMatchesTables(SearchFilter.all().thread(1));

    execute("DELETE FROM messages WHERE id = " + second);
    assertMatchesTables(SearchFilter.all().thread(1));
    assertThat(scoped(SearchFilter.all().thread(1))).isEmpty();
  }

  @Test
  void moreChangesThanItReplaysOrALogPrunedPastItStartOver() throws SQLException {
    embedded("s1", 1L, "USER", 1);
    scoped(SearchFilter.all().thread(1));
    for (int i = 0; i < ScopedCandidates.MAX_REPLAYED_CHANGES + 50; i++) {
      embedded("s1", 1L, "USER", 10 + i);
    }
    assertMatchesTables(SearchFilter.all().thread(1));

    embedded("s1", 1L, "USER", 5_000);
    execute("DELETE FROM search_changes"); // pruned before this cache read it
    embedded("s1", 1L, "USER", 5_001);
    assertMatchesTables(SearchFilter.all().thread(1));
    assertThat(scoped(SearchFilter.all().thread(1)))
        .hasSize(ScopedCandidates.MAX_REPLAYED_CHANGES + 53);
  }

  @Test
  void identicalTextsCountOnceAsTheirNewestMessageThatPassesRoleAndTime() throws SQLException {
    long shared = newEmbedding();
    long user = embedded("s1", 1L, "USER", 1_000, shared);
    long assistant = embedded("s1", 1L, "ASSISTANT", 2_000, shared);
    scoped(SearchFilter.all().thread(1));

    assertThat(scoped(SearchFilter.all().thread(1)))
        .containsExactly(new CandidateRow(assistant, shared));
    assertThat(scoped(SearchFilter.all().thread(1).role(MessageRole.USER)))
        .containsExactly(new CandidateRow(user, shared));
    assertThat(
            scoped(
                SearchFilter.all()
                    .thread(1)
                    .between(Instant.ofEpochMilli(0), Instant.ofEpochMilli(1_500))))
        .containsExactly(new CandidateRow(user, shared));
    assertMatchesTables(SearchFilter.all().thread(1).role(MessageRole.ASSISTANT));
  }

  @Test
  void keepsTheScopesSearchedLastAndStillAnswersForTheOnesItDropped() throws SQLException {
    for (long thread = 3; thread <= ScopedCandidates.MAX_SCOPES + 4; thread++) {
      execute(
          "INSERT INTO threads (id, name, created_at, updated_at) VALUES ("
              + thread
              + ", 't', 0, 0)");
    }
    for (long thread = 1; thread <= ScopedCandidates.MAX_SCOPES + 4; thread++) {
      embedded("s1", thread, "USER", thread);
      scoped(SearchFilter.all().thread(thread));
    }

    assertThat(cache.cachedScopes()).isEqualTo(ScopedCandidates.MAX_SCOPES);
    embedded("s1", 1L, "USER", 99);
    assertMatchesTables(SearchFilter.all().thread(1)); // dropped earlier, read again
  }

  @Test
  void eachCandidateCarriesItsStoredVectorNormalisedWhetherReadOrReplayed() throws SQLException {
    embedded("s1", 1L, "USER", 1);
    embedded("s1", 1L, "USER", 2);
    assertVectorsAreTheStoredOnes(SearchFilter.all().thread(1));

    embedded("s1", 1L, "ASSISTANT", 3); // replayed from the log into the cached scope
    long shared = newEmbedding(new float[] {0, 3, 4});
    embedded("s1", 1L, "USER", 4, shared);
    embedded("s1", 1L, "USER", 5, shared);

    assertMatchesTables(SearchFilter.all().thread(1));
    assertVectorsAreTheStoredOnes(SearchFilter.all().thread(1));
    assertVectorsAreTheStoredOnes(SearchFilter.all().thread(1).role(MessageRole.USER));
    ScopedCandidates.Candidates candidates =
        cache.candidates(connection, new SearchParams(null, SearchFilter.all().thread(1), 10));
    int sharedAt = candidates.asRows().indexOf(new CandidateRow(embeddingOwner(5), shared));
    assertThat(candidates.vector(sharedAt)).containsExactly(0f, 0.6f, 0.8f);
  }

  @Test
  void aScopeLargerThanTheCacheIsReadPerSearchAndStillAnswers() throws SQLException {
    ScopedCandidates small = new ScopedCandidates(ScopedCandidates.ROW_BYTES * 3);
    embedded("s1", 1L, "USER", 1);
    embedded("s1", 1L, "USER", 2);
    SearchParams thread = new SearchParams(null, SearchFilter.all().thread(1), 10);

    assertThat(small.candidates(connection, thread)).isNull();
    assertThat(small.cachedScopes()).isZero();
    embedded("s1", 1L, "USER", 3);
    assertThat(small.candidates(connection, thread)).isNull();
  }

  @Test
  void aVectorOfAnotherLengthMakesTheScopeReadPerSearch() throws SQLException {
    embedded("s1", 1L, "USER", 1);
    assertThat(scoped(SearchFilter.all().thread(1))).hasSize(1);

    embedded("s1", 1L, "USER", 2, newEmbedding(new float[] {1, 2}));

    assertThat(
            cache.candidates(connection, new SearchParams(null, SearchFilter.all().thread(1), 10)))
        .isNull();
    assertThat(cache.cachedScopes()).isZero();
  }

  /** Every candidate's vector equals the stored one, normalised as search compares them. */
  private void assertVectorsAreTheStoredOnes(SearchFilter filter) throws SQLException {
    ScopedCandidates.Candidates candidates =
        cache.candidates(connection, new SearchParams(null, filter, 10));
    assertThat(candidates.size()).isPositive();
    for (int i = 0; i < candidates.size(); i++) {
      float[] stored;
      try (Statement s = connection.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT vector FROM embeddings WHERE id = " + candidates.vectorIds()[i])) {
        r.next();
        stored = Vectors.fromBytes(r.getBytes(1));
      }
      assertThat(candidates.vector(i)).containsExactly(Vectors.normalized(stored));
    }
  }

  /** The message created at this time (each test gives every message its own time). */
  private long embeddingOwner(long createdAt) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT id FROM messages WHERE created_at = " + createdAt)) {
      r.next();
      return r.getLong(1);
    }
  }

  private List<CandidateRow> scoped(SearchFilter filter) throws SQLException {
    return cache.candidates(connection, new SearchParams(null, filter, 10)).asRows();
  }

  /** The cache's answer equals a fresh read of the tables (the unscoped path's query). */
  private void assertMatchesTables(SearchFilter filter) throws SQLException {
    List<CandidateRow> fresh = HotReads.candidates(connection, new SearchParams(null, filter, 10));
    assertThat(scoped(filter)).containsExactlyInAnyOrderElementsOf(fresh);
  }

  private long embedded(String session, Long thread, String role, long createdAt)
      throws SQLException {
    return embedded(session, thread, role, createdAt, newEmbedding());
  }

  private long embedded(String session, Long thread, String role, long createdAt, long embeddingId)
      throws SQLException {
    long id;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO messages (session_id, thread_id, role, content, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
      insert.setString(1, session);
      insert.setObject(2, thread);
      insert.setString(3, role);
      insert.setString(4, "message at " + createdAt);
      insert.setLong(5, createdAt);
      try (ResultSet r = insert.executeQuery()) {
        r.next();
        id = r.getLong(1);
      }
    }
    execute(
        "INSERT INTO message_embeddings (message_id, embedding_id) VALUES ("
            + id
            + ", "
            + embeddingId
            + ")");
    return id;
  }

  /** A new stored vector, different from every other: (n, 1, n mod 7) for the n-th. */
  private long newEmbedding() throws SQLException {
    return newEmbedding(new float[] {embedding + 1, 1, (embedding + 1) % 7});
  }

  private long newEmbedding(float[] vector) throws SQLException {
    embedding++;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO embeddings (id, model, text_hash, dimensions, vector)"
                + " VALUES (?, 'test', ?, ?, ?)")) {
      insert.setLong(1, embedding);
      insert.setBytes(2, ("vector " + embedding).getBytes(StandardCharsets.UTF_8));
      insert.setInt(3, vector.length);
      insert.setBytes(4, Vectors.toBytes(vector));
      insert.executeUpdate();
    }
    return embedding;
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }
}
