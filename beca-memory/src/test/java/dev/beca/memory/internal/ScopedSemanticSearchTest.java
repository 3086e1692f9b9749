package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.MessageRole;
import dev.beca.core.conversation.SearchFilter;
import dev.beca.core.conversation.SearchHit;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoped semantic and hybrid search through the in-memory scope cache give exactly what the same
 * search gives reading the scope per call (a cache that keeps nothing): the same messages, order
 * and scores, after appends, moves, re-embeddings and deletes written by another connection, as
 * another process writes them, and from several threads at once. A small deterministic model gives
 * every distinct text its own vector.
 */
class ScopedSemanticSearchTest {

  private static final List<SearchFilter> FILTERS =
      List.of(
          SearchFilter.all().thread(1),
          SearchFilter.all().thread(2),
          SearchFilter.all().session("s1"),
          SearchFilter.all().session("s1").thread(1),
          SearchFilter.all().thread(1).role(MessageRole.ASSISTANT),
          SearchFilter.all().thread(1).between(Instant.ofEpochMilli(0), Instant.ofEpochMilli(40)));

  private static final List<String> QUERIES =
      List.of("topic 3", "topic 11", "something else entirely", "topic 7 and topic 2");

  @TempDir Path dir;
  private SqliteDatabase database;
  private EmbeddingIndexer indexer;
  private Connection other;
  private SqliteHistorySearch cached;
  private SqliteHistorySearch perCall;
  private long time;

  private final EmbeddingModel model =
      new EmbeddingModel() {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
          return Response.from(
              segments.stream().map(s -> Embedding.from(vector(s.text()))).toList());
        }

        @Override
        public int dimension() {
          return 16;
        }
      };

  private static float[] vector(String text) {
    Random random = new Random(text.hashCode());
    float[] v = new float[16];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  @BeforeEach
  void open() throws SQLException {
    Path file = dir.resolve("beca.db");
    database = SqliteDatabase.open(file, Duration.ofSeconds(5));
    indexer = new EmbeddingIndexer(database, model, "fake");
    cached = new SqliteHistorySearch(database, indexer);
    perCall = new SqliteHistorySearch(database, indexer, new ScopedCandidates(0));
    other = DriverManager.getConnection("jdbc:sqlite:" + file);
    other.createStatement().execute("PRAGMA busy_timeout = 5000");
    execute(
        "INSERT INTO sessions (id, created_at, last_active_at) VALUES ('s1', 0, 0), ('s2', 0, 0)");
    execute(
        "INSERT INTO threads (id, name, created_at, updated_at) VALUES (1, 'one', 0, 0), (2, 'two', 0, 0)");
  }

  @AfterEach
  void close() throws SQLException {
    other.close();
    indexer.close();
    database.close();
  }

  @Test
  void scopedSearchesEqualTheUncachedPathAfterAppendsMovesReembeddingsAndDeletes()
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) { // 15 distinct texts, each twice: shared vectors
      ids.add(append("s1", i % 3 == 0 ? 2L : 1L, i % 2 == 0 ? "USER" : "ASSISTANT", i % 15));
    }
    embedAll();
    assertCachedEqualsPerCall(); // every scope now cached

    for (int i = 30; i < 40; i++) {
      ids.add(append(i % 4 == 0 ? "s2" : "s1", 1L, "USER", i % 20)); // new and known texts
    }
    embedAll();
    assertCachedEqualsPerCall();

    execute("UPDATE messages SET thread_id = 2 WHERE id = " + ids.get(1));
    assertCachedEqualsPerCall();

    execute(
        "UPDATE message_embeddings SET embedding_id = (SELECT embedding_id FROM message_embeddings"
            + " WHERE message_id = "
            + ids.get(5)
            + ") WHERE message_id = "
            + ids.get(4));
    assertCachedEqualsPerCall();

    execute("DELETE FROM messages WHERE id IN (" + ids.get(2) + ", " + ids.get(17) + ")");
    assertCachedEqualsPerCall();

    ids.add(append("s1", 1L, "ASSISTANT", 3));
    embedAll();
    assertCachedEqualsPerCall();
  }

  @Test
  void searchesFromSeveralThreadsWhileAnotherConnectionWritesEndEqualToTheUncachedPath()
      throws Exception {
    for (int i = 0; i < 40; i++) {
      append("s1", 1L, "USER", i);
    }
    embedAll();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<SearchHit>>> searches = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String query = QUERIES.get(i % QUERIES.size());
        searches.add(pool.submit(() -> cached.semantic(query, SearchFilter.all().thread(1), 10)));
        if (i % 20 == 0) {
          append("s1", 1L, "ASSISTANT", 100 + i);
          indexer.nudge();
        }
      }
      for (Future<List<SearchHit>> search : searches) {
        assertThat(search.get())
            .hasSize(10)
            .allSatisfy(h -> assertThat(h.message().threadId()).hasValue(1));
      }
    } finally {
      pool.shutdown();
    }
    embedAll();
    assertCachedEqualsPerCall();
  }

  private void assertCachedEqualsPerCall() {
    for (SearchFilter filter : FILTERS) {
      for (String query : QUERIES) {
        // 50: every candidate; 3: the cache compares exactly only those its codes cannot rule out
        for (int limit : new int[] {50, 3}) {
          List<SearchHit> expected = perCall.semantic(query, filter, limit);
          assertThat(cached.semantic(query, filter, limit))
              .as("semantic '%s' in %s, %d", query, filter, limit)
              .extracting(h -> h.message().id(), SearchHit::score)
              .containsExactlyElementsOf(
                  expected.stream()
                      .map(h -> org.assertj.core.groups.Tuple.tuple(h.message().id(), h.score()))
                      .toList());
        }
        assertThat(cached.hybrid(query, filter, 20))
            .as("hybrid '%s' in %s", query, filter)
            .extracting(h -> h.message().id())
            .containsExactlyElementsOf(
                perCall.hybrid(query, filter, 20).stream().map(h -> h.message().id()).toList());
      }
    }
  }

  private void embedAll() {
    indexer.nudge();
    assertThat(indexer.awaitIdle(Duration.ofSeconds(30))).isTrue();
  }

  /** Appends through the other connection; texts are "topic N" (the same N, the same text). */
  private long append(String session, Long thread, String role, int topic) throws SQLException {
    try (PreparedStatement insert =
        other.prepareStatement(
            "INSERT INTO messages (session_id, thread_id, role, content, created_at)"
                + " VALUES (?, ?, ?, ?, ?) RETURNING id")) {
      insert.setString(1, session);
      insert.setObject(2, thread);
      insert.setString(3, role);
      insert.setString(4, "topic " + topic);
      insert.setLong(5, time++);
      try (var r = insert.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = other.createStatement()) {
      s.execute(sql);
    }
  }
}
