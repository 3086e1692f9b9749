package dev.beca.memory;

import dev.beca.core.conversation.ConversationStoresContract;
import dev.beca.core.conversation.MutableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite stores pass the conversation store contract on a real database file. */
class SqliteConversationStoresTest extends ConversationStoresContract {

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
    return new Stores(knowledgeBase.messages(), knowledgeBase.sessions());
  }

  @Override
  protected long existingThreadId() {
    return knowledgeBase.threads().create("contract").id();
  }

  @AfterEach
  void close() {
    knowledgeBase.close();
  }
}
