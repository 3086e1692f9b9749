package dev.beca.memory;

import dev.beca.core.conversation.MutableClock;
import dev.beca.core.conversation.ThreadStoresContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite stores pass the thread store contract on a real database file. */
class SqliteThreadStoresTest extends ThreadStoresContract {

  @TempDir Path dataDir;
  private SqliteKnowledgeBase knowledgeBase;

  @Override
  protected Stores createStores(MutableClock clock) {
    knowledgeBase =
        SqliteKnowledgeBase.builder()
            .dataDirectory(dataDir)
            .clock(clock)
            .withoutEmbeddings()
            .open();
    return new Stores(
        knowledgeBase.messages(),
        knowledgeBase.sessions(),
        knowledgeBase.threads(),
        knowledgeBase.sessionExpiry());
  }

  @AfterEach
  void close() {
    knowledgeBase.close();
  }
}
