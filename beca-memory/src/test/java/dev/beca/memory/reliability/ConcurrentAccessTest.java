package dev.beca.memory.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.SearchFilter;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several appenders, thread writers and readers at once, on two knowledge bases open on the same
 * file (like two processes): no "database is locked" reaches a caller and nothing is lost.
 */
class ConcurrentAccessTest {

  @TempDir Path dir;

  @Test
  void writersAndReadersNeverSeeLockErrors() throws Exception {
    Path file = dir.resolve("beca.db");
    try (SqliteKnowledgeBase a =
            SqliteKnowledgeBase.builder().databaseFile(file).withoutEmbeddings().open();
        SqliteKnowledgeBase b =
            SqliteKnowledgeBase.builder().databaseFile(file).withoutEmbeddings().open()) {
      String session = a.sessions().create("busy").id();
      long thread = a.threads().create("busy").id();
      int writers = 6;
      int perWriter = 60;
      Set<Long> ids = ConcurrentHashMap.newKeySet();
      List<Throwable> failures = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(writers + 4);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          SqliteKnowledgeBase kb = w % 2 == 0 ? a : b;
          int writer = w;
          futures.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < perWriter; i++) {
                      NewMessage m = NewMessage.user(session, "writer " + writer + " message " + i);
                      long id = kb.messages().append(i % 2 == 0 ? m.inThread(thread) : m).id();
                      ids.add(id);
                      if (i % 10 == 0) {
                        kb.threads().link(id, thread);
                        kb.sessions().touch(session);
                      }
                    }
                    return null;
                  }));
        }
        for (int r = 0; r < 4; r++) {
          SqliteKnowledgeBase kb = r % 2 == 0 ? a : b;
          futures.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 60; i++) {
                      kb.messages().recent(session, 20);
                      kb.threads().messages(thread);
                      kb.threads().list();
                      kb.search().keyword("writer", SearchFilter.all().thread(thread), 10);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : futures) {
          try {
            f.get();
          } catch (java.util.concurrent.ExecutionException e) {
            failures.add(e.getCause());
          }
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(failures).isEmpty();
      assertThat(ids).hasSize(writers * perWriter);
      assertThat(a.messages().count(session)).isEqualTo(writers * perWriter);
    }
  }
}
