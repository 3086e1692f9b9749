package dev.beca.memory.learning;

import dev.beca.core.conversation.MutableClock;
import dev.beca.core.learning.LessonStore;
import dev.beca.core.learning.LessonStoreContract;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite lesson store passes the contract on a real database file, keywords only. */
class SqliteLessonStoreTest extends LessonStoreContract {

  @TempDir Path dataDir;
  private SqliteKnowledgeBase knowledgeBase;

  @Override
  protected LessonStore createStore(MutableClock clock) {
    knowledgeBase =
        SqliteKnowledgeBase.builder()
            .dataDirectory(dataDir)
            .clock(clock)
            .withoutEmbeddings()
            .open();
    return knowledgeBase.lessons();
  }

  @AfterEach
  void close() {
    knowledgeBase.close();
  }
}
