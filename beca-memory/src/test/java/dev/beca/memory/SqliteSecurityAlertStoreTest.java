package dev.beca.memory;

import dev.beca.core.conversation.MutableClock;
import dev.beca.core.secrets.SecurityAlertStore;
import dev.beca.core.secrets.SecurityAlertStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite alert store passes the security alert store contract on a real database file. */
class SqliteSecurityAlertStoreTest extends SecurityAlertStoreContract {

  @TempDir Path dataDir;
  private SqliteKnowledgeBase knowledgeBase;

  @Override
  protected SecurityAlertStore createStore(MutableClock clock) {
    knowledgeBase = SqliteKnowledgeBase.builder().dataDirectory(dataDir).clock(clock).open();
    return knowledgeBase.securityAlerts();
  }

  @AfterEach
  void close() {
    knowledgeBase.close();
  }
}
