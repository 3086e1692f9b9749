package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background indexer against a real file whose messages are written directly, as another
 * process would write them, with a small deterministic embedding model.
 */
class EmbeddingIndexerTest {

  @TempDir Path dir;
  private SqliteDatabase database;
  private Connection connection;
  private final AtomicInteger embedded = new AtomicInteger();
  private final EmbeddingModel model =
      new EmbeddingModel() {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
          embedded.addAndGet(segments.size());
          return Response.from(
              segments.stream()
                  .map(s -> Embedding.from(new float[] {s.text().length(), 1, 0, 0}))
                  .toList());
        }

        @Override
        public int dimension() {
          return 4;
        }
      };

  @BeforeEach
  void open() throws SQLException {
    Path file = dir.resolve("beca.db");
    database = SqliteDatabase.open(file, Duration.ofSeconds(5));
    connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    execute("INSERT INTO sessions (id, created_at, last_active_at) VALUES ('s', 0, 0)");
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
    database.close();
  }

  @Test
  void embedsEveryTextOnceAndSkipsBlankMessages() throws SQLException {
    append("alpha");
    append("alpha");
    append("   ");
    append("beta");
    try (EmbeddingIndexer indexer = new EmbeddingIndexer(database, model, "fake")) {
      assertThat(indexer.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    assertThat(count("SELECT count(*) FROM message_embeddings")).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM embeddings")).isEqualTo(2);
    assertThat(embedded.get()).isEqualTo(2);
  }

  @Test
  void aQuestionEmbeddedForTheTurnIsNotEmbeddedAgainWhenItsMessageIsIndexed() throws SQLException {
    QueryEmbeddingCache turns = new QueryEmbeddingCache(model);
    turns.embed("why does the build fail?");
    append("why does the build fail?");
    append("it is the flaky test");
    try (EmbeddingIndexer indexer = new EmbeddingIndexer(database, turns, "fake")) {
      assertThat(indexer.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    assertThat(embedded.get()).as("the question once, the answer once").isEqualTo(2);
    assertThat(count("SELECT count(*) FROM message_embeddings")).isEqualTo(2);
  }

  @Test
  void aScanThatFindsNothingPendingMovesItsMarkSoLaterScansStartThere() throws SQLException {
    for (int i = 0; i < 5; i++) {
      append("message " + i);
    }
    try (EmbeddingIndexer first = new EmbeddingIndexer(database, model, "fake")) {
      assertThat(first.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }
    long newest = count("SELECT max(id) FROM messages");

    // A fresh indexer (a restarted BECA) finds everything embedded already.
    try (EmbeddingIndexer second = new EmbeddingIndexer(database, model, "fake")) {
      assertThat(second.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(second.mark()).as("up to the newest message, not left at 0").isEqualTo(newest);

      append("one more");
      assertThat(second.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(second.mark()).isEqualTo(newest + 1);
    }
    assertThat(count("SELECT count(*) FROM message_embeddings")).isEqualTo(6);
  }

  private void append(String text) throws SQLException {
    execute(
        "INSERT INTO messages (session_id, role, content, created_at) VALUES ('s', 'USER', '"
            + text
            + "', 0)");
  }

  private long count(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.getLong(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }
}
