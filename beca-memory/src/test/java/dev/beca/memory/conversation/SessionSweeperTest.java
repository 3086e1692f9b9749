package dev.beca.memory.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.MutableClock;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.Session;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background sweeper expires idle sessions of a knowledge base opened with an idle timeout. */
class SessionSweeperTest {

  @TempDir Path dir;

  @Test
  void sweeperExpiresIdleSessionsInTheBackground() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    Session session;
    ConversationMessage loose;
    ConversationMessage threaded;
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dir).clock(clock).withoutEmbeddings().open()) {
      session = kb.sessions().create("idle");
      long thread = kb.threads().create("kept").id();
      loose = kb.messages().append(NewMessage.user(session.id(), "scratch"));
      threaded = kb.messages().append(NewMessage.user(session.id(), "keep me").inThread(thread));
    }
    clock.advance(Duration.ofHours(3));

    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder()
            .dataDirectory(dir)
            .clock(clock)
            .withoutEmbeddings()
            .sessionIdleTimeout(Duration.ofHours(1))
            .open()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (kb.messages().find(loose.id()).isPresent() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(kb.messages().find(loose.id())).as("loose message swept").isEmpty();
      assertThat(kb.messages().find(threaded.id())).isPresent();
      assertThat(kb.sessions().find(session.id())).isPresent();
    }
  }
}
