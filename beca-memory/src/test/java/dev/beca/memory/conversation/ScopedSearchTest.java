package dev.beca.memory.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.SearchFilter;
import dev.beca.core.conversation.SearchHit;
import dev.beca.core.conversation.Session;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thread- and session-scoped searches (what context assembly runs every turn) stay right while
 * messages move between threads, threads are deleted, and another process changes the file: the
 * keyword side uses the FTS index's scope column, the semantic side an in-memory candidate cache
 * kept up to date from the change log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedSearchTest {

  @TempDir static Path dir;
  private SqliteKnowledgeBase kb;

  @BeforeAll
  void open() {
    kb = SqliteKnowledgeBase.builder().dataDirectory(dir).open();
  }

  @AfterAll
  void close() {
    kb.close();
  }

  @Test
  void scopedSearchesFollowLinksUnlinksAndDeletesFromThisAndAnotherProcess() {
    Session session = kb.sessions().create("scoped");
    long queues = kb.threads().create("queues").id();
    long streams = kb.threads().create("streams").id();
    ConversationMessage rabbit =
        kb.messages()
            .append(
                NewMessage.user(session.id(), "The rabbitmq consumer lag keeps growing overnight")
                    .inThread(queues));
    kb.messages()
        .append(
            NewMessage.user(session.id(), "Kafka partitions rebalance all the time")
                .inThread(streams));
    awaitEmbeddings();
    // Both sides searched once before the changes, so the semantic candidates are cached.
    assertFound(queues, rabbit, true);
    assertFound(streams, rabbit, false);

    kb.threads().link(rabbit.id(), streams);
    assertFound(queues, rabbit, false);
    assertFound(streams, rabbit, true);

    try (SqliteKnowledgeBase other =
        SqliteKnowledgeBase.builder().databaseFile(kb.databaseFile()).withoutEmbeddings().open()) {
      other.threads().unlink(rabbit.id());
    }
    assertFound(streams, rabbit, false);
    assertThat(kb.search().keyword("rabbitmq", SearchFilter.all().session(session.id()), 10))
        .extracting(h -> h.message().id())
        .containsExactly(rabbit.id());

    ConversationMessage later =
        kb.messages()
            .append(
                NewMessage.assistant(
                        session.id(), "Scale out the rabbitmq consumers and watch the lag")
                    .inThread(queues));
    awaitEmbeddings();
    assertFound(queues, later, true);

    kb.threads().delete(queues);
    assertThat(
            kb.search()
                .semantic(
                    "message broker consumers falling behind",
                    SearchFilter.all().thread(queues),
                    10))
        .isEmpty();
    assertThat(kb.search().keyword("rabbitmq", SearchFilter.all().thread(queues), 10)).isEmpty();
  }

  @Test
  void aScopedQueryCannotReachBeyondItsScopeOrMatchTheScopeTokens() {
    Session session = kb.sessions().create("fenced");
    long mine = kb.threads().create("mine").id();
    long theirs = kb.threads().create("theirs").id();
    kb.messages().append(NewMessage.user(session.id(), "redis eviction policy").inThread(mine));
    kb.messages()
        .append(NewMessage.user(session.id(), "postgres vacuum settings").inThread(theirs));

    assertThatThrownBy(
            () -> kb.search().keyword("redis) OR (postgres", SearchFilter.all().thread(mine), 10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unbalanced");
    // The thread's scope token is not a word of any message.
    assertThat(kb.search().keyword("t" + mine, SearchFilter.all().thread(mine), 10)).isEmpty();
    assertThat(kb.search().keyword("redis OR postgres", SearchFilter.all().thread(mine), 10))
        .extracting(h -> h.message().content())
        .containsExactly("redis eviction policy");
    assertThat(kb.search().keyword("\"vacuum settings\"", SearchFilter.all().thread(theirs), 10))
        .hasSize(1);
  }

  private void assertFound(long thread, ConversationMessage message, boolean found) {
    List<SearchHit> keyword =
        kb.search().keyword("rabbitmq", SearchFilter.all().thread(thread), 10);
    List<SearchHit> semantic =
        kb.search()
            .semantic(
                "message broker consumers falling behind", SearchFilter.all().thread(thread), 10);
    if (found) {
      assertThat(keyword).extracting(h -> h.message().id()).contains(message.id());
      assertThat(semantic).extracting(h -> h.message().id()).contains(message.id());
    } else {
      assertThat(keyword).extracting(h -> h.message().id()).doesNotContain(message.id());
      assertThat(semantic).extracting(h -> h.message().id()).doesNotContain(message.id());
    }
    assertThat(semantic).allSatisfy(h -> assertThat(h.message().threadId()).hasValue(thread));
  }

  private void awaitEmbeddings() {
    assertThat(kb.awaitEmbeddings(Duration.ofMinutes(1)))
        .as("embeddings computed in the background")
        .isTrue();
  }
}
