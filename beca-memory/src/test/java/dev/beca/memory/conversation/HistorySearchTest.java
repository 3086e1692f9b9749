package dev.beca.memory.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.ModelUnavailableException;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.MessageRole;
import dev.beca.core.conversation.MutableClock;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.SearchFilter;
import dev.beca.core.conversation.SearchHit;
import dev.beca.core.conversation.Session;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyword (FTS5), semantic (all-MiniLM-L6-v2 in process) and hybrid search on a real database. One
 * knowledge base for the class: loading the embedding model takes a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistorySearchTest {

  @TempDir static Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private SqliteKnowledgeBase kb;
  private Session first;
  private Session second;
  private long thread;
  private ConversationMessage flyway;
  private ConversationMessage cat;
  private ConversationMessage gc;
  private ConversationMessage accents;

  @BeforeAll
  void store() {
    kb = SqliteKnowledgeBase.builder().dataDirectory(dir).clock(clock).open();
    first = kb.sessions().create("one");
    second = kb.sessions().create("two");
    thread = kb.threads().create("database").id();
    flyway =
        kb.messages()
            .append(
                NewMessage.user(
                        first.id(), "The Flyway migration failed with a checksum mismatch on V2")
                    .inThread(thread));
    kb.messages()
        .append(
            NewMessage.assistant(first.id(), "Run flyway repair, then migrate again.")
                .inThread(thread));
    clock.advance(Duration.ofHours(1));
    cat =
        kb.messages()
            .append(NewMessage.user(second.id(), "My kitten keeps sleeping on the keyboard"));
    gc =
        kb.messages()
            .append(
                NewMessage.user(
                    second.id(), "The JVM spends too long in garbage collection pauses"));
    accents = kb.messages().append(NewMessage.user(second.id(), "Café résumé naïve"));
    kb.messages().append(NewMessage.assistant(second.id(), ""));
    assertThat(kb.awaitEmbeddings(Duration.ofMinutes(2)))
        .as("embeddings computed in the background")
        .isTrue();
  }

  @AfterAll
  void close() {
    kb.close();
  }

  @Test
  void keywordSearchRanksBm25AndMarksMatchesInSnippets() {
    List<SearchHit> hits = kb.search().keyword("flyway", SearchFilter.all(), 10);

    assertThat(hits).hasSize(2);
    assertThat(hits)
        .allSatisfy(hit -> assertThat(hit.snippet().toLowerCase()).contains("[flyway]"));
    assertThat(hits.get(0).score()).isGreaterThanOrEqualTo(hits.get(1).score());
  }

  @Test
  void keywordSearchSupportsPhrasesPrefixesAndIgnoresDiacritics() {
    assertThat(kb.search().keyword("\"checksum mismatch\"", SearchFilter.all(), 10))
        .extracting(h -> h.message().id())
        .containsExactly(flyway.id());
    assertThat(kb.search().keyword("garb*", SearchFilter.all(), 10))
        .extracting(h -> h.message().id())
        .containsExactly(gc.id());
    assertThat(kb.search().keyword("cafe resume", SearchFilter.all(), 10))
        .extracting(h -> h.message().id())
        .containsExactly(accents.id());
  }

  @Test
  void filtersByThreadSessionRoleAndTime() {
    assertThat(kb.search().keyword("flyway", SearchFilter.all().role(MessageRole.ASSISTANT), 10))
        .hasSize(1);
    assertThat(kb.search().keyword("flyway", SearchFilter.all().session(second.id()), 10))
        .isEmpty();
    assertThat(kb.search().keyword("flyway", SearchFilter.all().thread(thread), 10)).hasSize(2);
    Instant afterFirstHour = Instant.parse("2026-03-01T10:30:00Z");
    assertThat(
            kb.search()
                .keyword("flyway OR kitten", SearchFilter.all().between(afterFirstHour, null), 10))
        .extracting(h -> h.message().id())
        .containsExactly(cat.id());
    assertThatThrownBy(
            () -> SearchFilter.all().between(afterFirstHour, afterFirstHour.minusSeconds(1)))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void invalidSyntaxAndBlankQueriesAreClearErrors() {
    assertThatThrownBy(() -> kb.search().keyword("\"unbalanced", SearchFilter.all(), 10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not valid query syntax");
    assertThatThrownBy(() -> kb.search().keyword("AND OR (", SearchFilter.all(), 10))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> kb.search().keyword("  ", SearchFilter.all(), 10))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> kb.search().hybrid("", SearchFilter.all(), 10))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void semanticSearchFindsMeaningWithoutSharedWords() {
    List<SearchHit> pets = kb.search().semantic("my cat", SearchFilter.all(), 1);
    List<SearchHit> memory =
        kb.search().semantic("memory management and heap cleanup in Java", SearchFilter.all(), 1);

    assertThat(pets).extracting(h -> h.message().id()).containsExactly(cat.id());
    assertThat(memory).extracting(h -> h.message().id()).containsExactly(gc.id());
    assertThat(kb.search().semantic("my cat", SearchFilter.all().thread(thread), 10))
        .allSatisfy(h -> assertThat(h.message().threadId()).hasValue(thread));
  }

  @Test
  void semanticHitsComeBestFirstAndTheLimitKeepsTheBest() {
    List<SearchHit> all =
        kb.search().semantic("database schema migration problems", SearchFilter.all(), 10);
    List<SearchHit> three =
        kb.search().semantic("database schema migration problems", SearchFilter.all(), 3);

    assertThat(all).hasSizeGreaterThan(3);
    assertThat(all)
        .extracting(SearchHit::score)
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(three)
        .extracting(h -> h.message().id())
        .containsExactlyElementsOf(all.subList(0, 3).stream().map(h -> h.message().id()).toList());
    assertThat(all.get(0).message().threadId()).as("a Flyway message ranks first").hasValue(thread);
  }

  @Test
  void hybridFusesKeywordAndMeaningAndAcceptsAnyText() {
    List<SearchHit> hits =
        kb.search().hybrid("why did the flyway checksum (V2) fail?!", SearchFilter.all(), 3);
    assertThat(hits.get(0).message().id()).isEqualTo(flyway.id());

    // No shared word: only the semantic side can find it.
    assertThat(kb.search().hybrid("feline pet", SearchFilter.all(), 1))
        .extracting(h -> h.message().id())
        .containsExactly(cat.id());
  }

  @Test
  void withoutEmbeddingsSemanticSearchSaysSoAndHybridUsesKeywords(@TempDir Path other) {
    try (SqliteKnowledgeBase plain =
        SqliteKnowledgeBase.builder().dataDirectory(other).withoutEmbeddings().open()) {
      Session s = plain.sessions().create("");
      ConversationMessage m =
          plain.messages().append(NewMessage.user(s.id(), "gradle build cache"));
      assertThatThrownBy(() -> plain.search().semantic("gradle", SearchFilter.all(), 5))
          .isInstanceOf(ModelUnavailableException.class)
          .hasMessageContaining("without an embedding model");
      assertThat(plain.search().hybrid("the gradle cache?", SearchFilter.all(), 5))
          .extracting(h -> h.message().id())
          .containsExactly(m.id());
    }
  }

  @Test
  void identicalTextsShareOneStoredVector() throws Exception {
    Session s = kb.sessions().create("dupes");
    kb.messages().append(NewMessage.user(s.id(), "same words"));
    kb.messages().append(NewMessage.user(s.id(), "same words"));
    assertThat(kb.awaitEmbeddings(Duration.ofMinutes(1))).isTrue();
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + kb.databaseFile());
        var r =
            c.createStatement()
                .executeQuery(
                    "SELECT count(DISTINCT me.embedding_id), count(*) FROM message_embeddings me"
                        + " JOIN messages m ON m.id = me.message_id WHERE m.session_id = '"
                        + s.id()
                        + "'")) {
      assertThat(r.getInt(1)).isEqualTo(1);
      assertThat(r.getInt(2)).isEqualTo(2);
    }
    // Found once, as the newest of the two.
    assertThat(kb.search().semantic("same words", SearchFilter.all().session(s.id()), 10))
        .extracting(h -> h.message().id())
        .containsExactly(kb.messages().recent(s.id(), 1).get(0).id());
  }
}
