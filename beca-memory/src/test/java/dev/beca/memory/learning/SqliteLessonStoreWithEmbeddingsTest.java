package dev.beca.memory.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.MutableClock;
import dev.beca.core.learning.Lesson;
import dev.beca.core.learning.LessonAddition;
import dev.beca.core.learning.LessonCategory;
import dev.beca.core.learning.LessonStore;
import dev.beca.core.learning.LessonStoreContract;
import dev.beca.core.learning.NewLesson;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite lesson store with the real quantised all-MiniLM-L6-v2 passes the contract, merges
 * paraphrases that share few words, finds lessons by meaning, and keeps one row when two knowledge
 * bases on one file add the same lesson at once.
 */
class SqliteLessonStoreWithEmbeddingsTest extends LessonStoreContract {

  @TempDir Path dataDir;
  private SqliteKnowledgeBase knowledgeBase;
  private LessonStore lessons;

  @Override
  protected LessonStore createStore(MutableClock clock) {
    knowledgeBase = SqliteKnowledgeBase.builder().dataDirectory(dataDir).clock(clock).open();
    lessons = knowledgeBase.lessons();
    return lessons;
  }

  @AfterEach
  void close() {
    knowledgeBase.close();
  }

  @Test
  void paraphraseWithOtherWordsMergesByMeaning() {
    Lesson first =
        lessons
            .add(
                NewLesson.of(
                    LessonCategory.PERFORMANCE,
                    "Use a connection pool such as HikariCP rather than opening a database"
                        + " connection per request."))
            .lesson();

    LessonAddition again =
        lessons.add(
            NewLesson.of(
                    LessonCategory.PERFORMANCE,
                    "Opening a new JDBC connection for each request is slow; pool them with"
                        + " HikariCP.")
                .withEvidence("message:9"));

    assertThat(again.outcome()).isEqualTo(LessonAddition.Outcome.MERGED);
    assertThat(again.lesson().id()).isEqualTo(first.id());
    assertThat(again.lesson().evidence()).containsExactly("message:9");
  }

  @Test
  void searchFindsALessonByMeaningWithoutSharedWords() {
    Lesson money =
        lessons
            .add(NewLesson.of(LessonCategory.GENERAL, "Use BigDecimal for money, never double."))
            .lesson();
    lessons.add(
        NewLesson.of(LessonCategory.TOOLING, "Use ripgrep to search large codebases quickly."));
    lessons.add(
        NewLesson.of(
            LessonCategory.TESTING, "Reproduce a bug with a failing test before fixing it."));

    assertThat(lessons.search("how should I store currency amounts in prices", 1))
        .extracting(hit -> hit.lesson().id())
        .containsExactly(money.id());
  }

  @Test
  void aLessonAnotherKnowledgeBaseAddsOrForgetsIsSeenByTheNextSearchByMeaning() {
    lessons.add(
        NewLesson.of(LessonCategory.TOOLING, "Use ripgrep to search large codebases quickly."));
    // The first search builds the in-memory vector index.
    assertThat(lessons.search("how should I store currency amounts in prices", 5)).hasSize(1);
    Lesson money;
    try (SqliteKnowledgeBase other =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).clock(clock).open()) {
      money =
          other
              .lessons()
              .add(NewLesson.of(LessonCategory.GENERAL, "Use BigDecimal for money, never double."))
              .lesson();
    }

    assertThat(lessons.search("how should I store currency amounts in prices", 1))
        .extracting(hit -> hit.lesson().id())
        .containsExactly(money.id());

    try (SqliteKnowledgeBase other =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).clock(clock).open()) {
      other.lessons().forget(money.id());
    }
    assertThat(lessons.search("how should I store currency amounts in prices", 5))
        .extracting(hit -> hit.lesson().id())
        .doesNotContain(money.id());
  }

  @Test
  void twoKnowledgeBasesOnOneFileAddingTheSameLessonLeaveOneRow() throws Exception {
    try (SqliteKnowledgeBase other =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).clock(clock).open()) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<LessonAddition>> results = new ArrayList<>();
        for (LessonStore store : List.of(lessons, other.lessons())) {
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return store.add(
                        NewLesson.of(
                            LessonCategory.TOOLING,
                            "Set a busy timeout on SQLite connections so writers wait."));
                  }));
        }
        start.countDown();
        for (Future<LessonAddition> f : results) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(lessons.top(Optional.empty(), 10)).hasSize(1);
  }

  @Test
  void lessonsSurviveReopening() {
    Lesson stored =
        lessons
            .add(NewLesson.of(LessonCategory.TESTING, "Name each test after its behaviour."))
            .lesson();
    knowledgeBase.close();

    knowledgeBase = SqliteKnowledgeBase.builder().dataDirectory(dataDir).clock(clock).open();

    assertThat(knowledgeBase.lessons().find(stored.id())).contains(stored);
    assertThat(knowledgeBase.lessons().search("test names", 5)).isNotEmpty();
  }
}
