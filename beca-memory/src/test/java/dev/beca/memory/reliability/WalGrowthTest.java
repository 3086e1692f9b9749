package dev.beca.memory.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.Session;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-ahead log stays bounded while messages are appended: SQLite's automatic checkpoint
 * (every 1,000 pages, about 4 MB) must keep running. An append written as {@code INSERT ...
 * RETURNING} silently stopped it, and 2,000 appends then left a WAL of about 69 MB.
 */
class WalGrowthTest {

  @TempDir Path dir;

  @Test
  void theWriteAheadLogIsCheckpointedWhileMessagesAreAppended() throws Exception {
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dir).withoutEmbeddings().open()) {
      Session session = kb.sessions().create("wal");
      String text = "How do I make this record immutable? ".repeat(8);
      for (int i = 0; i < 2_000; i++) {
        kb.messages().append(NewMessage.user(session.id(), text + i));
      }
      Path wal = Path.of(kb.databaseFile() + "-wal");

      assertThat(Files.size(wal)).as("WAL bytes after 2,000 appends").isLessThan(16L * 1024 * 1024);
      assertThat(kb.messages().recent(session.id(), 1).get(0).content()).endsWith("1999");
    }
  }
}
