package dev.beca.memory.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.SearchFilter;
import dev.beca.memory.SqliteKnowledgeBase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every acknowledged append survives SIGKILL: a child JVM appends in a loop and prints each id
 * after {@code append} returned; it is killed ({@code destroyForcibly}, SIGKILL on Linux) at random
 * moments, 20 times; after each kill the file reopens with every printed id present, the FTS index
 * in step and {@code PRAGMA integrity_check} = ok.
 */
class CrashRecoveryTest {

  private static final int ROUNDS = 20;

  @TempDir Path dir;

  @Test
  void acknowledgedAppendsSurviveSigkill() throws Exception {
    Path file = dir.resolve("beca.db");
    String session;
    long thread;
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().databaseFile(file).withoutEmbeddings().open()) {
      session = kb.sessions().create("crash").id();
      thread = kb.threads().create("crash").id();
    }
    Random random = new Random(42);
    Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    int killedWhileAppending = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  CrashAppender.class.getName(),
                  file.toString(),
                  session,
                  Long.toString(thread))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      CountDownLatch ready = new CountDownLatch(1);
      List<Long> thisRound = new ArrayList<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = lines.readLine()) != null; ) {
                    if (line.equals("ready")) {
                      ready.countDown();
                    } else if (!line.isBlank()) {
                      long id = Long.parseLong(line.strip());
                      synchronized (thisRound) {
                        thisRound.add(id);
                      }
                      acknowledged.add(id);
                    }
                  }
                } catch (Exception endOfStream) {
                  // the child was killed mid-line: a partial line is not an acknowledgement
                }
              });
      reader.start();
      assertThat(ready.await(30, TimeUnit.SECONDS)).as("child started").isTrue();
      Thread.sleep(50 + random.nextInt(400));
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      reader.join(5_000);
      synchronized (thisRound) {
        if (!thisRound.isEmpty()) {
          killedWhileAppending++;
        }
      }

      try (SqliteKnowledgeBase kb =
          SqliteKnowledgeBase.builder().databaseFile(file).withoutEmbeddings().open()) {
        for (long id : acknowledged) {
          assertThat(kb.messages().find(id))
              .as("acknowledged message %d after round %d", id, round)
              .isPresent();
        }
        assertThat(kb.search().keyword("crash", SearchFilter.all(), 1)).isNotEmpty();
      }
      assertThat(query(file, "PRAGMA integrity_check")).containsExactly("ok");
    }
    assertThat(killedWhileAppending)
        .as("rounds killed while appending")
        .isGreaterThanOrEqualTo(ROUNDS / 2);
    // The FTS index holds exactly the stored messages.
    assertThat(query(file, "SELECT count(*) FROM messages"))
        .isEqualTo(query(file, "SELECT count(*) FROM messages_fts"));
    assertThat(
            query(
                file, "INSERT INTO messages_fts(messages_fts, rank) VALUES('integrity-check', 1)"))
        .isEmpty();
  }

  private static List<String> query(Path file, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        var s = c.createStatement()) {
      if (s.execute(sql)) {
        try (ResultSet r = s.getResultSet()) {
          while (r.next()) {
            rows.add(r.getString(1));
          }
        }
      }
    }
    return rows;
  }
}
