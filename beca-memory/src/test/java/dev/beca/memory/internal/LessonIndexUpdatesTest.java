package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.learning.LessonAddition;
import dev.beca.core.learning.LessonCategory;
import dev.beca.core.learning.LessonHit;
import dev.beca.core.learning.NewLesson;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lesson store's in-memory indexes follow its own adds, supersedes and forgets in place (the
 * same index objects, holding what a rebuild would hold), and a lesson added by another knowledge
 * base on the same file (as another process would) is found at the next search.
 */
class LessonIndexUpdatesTest {

  private static final List<String> TEXTS =
      List.of(
          "Use a connection pool such as HikariCP for database access.",
          "Run the Flyway migrations before the integration tests.",
          "Pin the JDK version in the CI configuration.",
          "Cache the Maven repository between CI builds.",
          "Prefer records for immutable data carriers in Java.",
          "Use the Gradle daemon for builds on the CI server.",
          "Log the request id with every message of a request.",
          "Keep secrets out of lesson texts; the scanner redacts them.",
          "Measure with a same-run baseline on a loaded machine.",
          "Use BigDecimal for money, never double.");

  private static final List<String> QUERIES =
      List.of(
          "database connection pool",
          "CI builds with Gradle",
          "money arithmetic",
          "migrations before tests",
          "configuration of the JDK");

  @TempDir Path dir;

  private SqliteKnowledgeBase open() {
    return SqliteKnowledgeBase.builder().dataDirectory(dir).open();
  }

  @Test
  void addSupersedeAndForgetUpdateTheIndexesInPlaceAsARebuildWouldHoldThem() {
    try (SqliteKnowledgeBase kb = open()) {
      SqliteLessonStore lessons = (SqliteLessonStore) kb.lessons();
      for (String text : TEXTS) {
        lessons.add(NewLesson.of(LessonCategory.GENERAL, text));
      }
      lessons.search("warm up", 5);
      LessonVectorIndex vectors = lessons.currentVectorIndex();
      LessonKeywordIndex words = lessons.currentKeywordIndex();

      LessonAddition added =
          lessons.add(
              NewLesson.of(LessonCategory.TESTING, "Start the Testcontainers database once."));
      LessonAddition superseding =
          lessons.add(
              NewLesson.of(
                  LessonCategory.TOOLING,
                  "Never use the Gradle daemon for builds on the CI server."));
      lessons.forget(lessons.search("money BigDecimal", 1).get(0).lesson().id());
      List<List<Long>> found = QUERIES.stream().map(q -> ids(lessons.search(q, 5))).toList();

      assertThat(added.outcome()).isEqualTo(LessonAddition.Outcome.ADDED);
      assertThat(superseding.outcome()).isEqualTo(LessonAddition.Outcome.SUPERSEDED);
      assertThat(lessons.currentVectorIndex()).isSameAs(vectors);
      assertThat(lessons.currentKeywordIndex()).isSameAs(words);
      assertThat(vectors.version()).isEqualTo(lessons.databaseVersion()).isEqualTo(words.version());
      try (SqliteKnowledgeBase other = open()) {
        SqliteLessonStore rebuilt = (SqliteLessonStore) other.lessons();
        List<List<Long>> again = QUERIES.stream().map(q -> ids(rebuilt.search(q, 5))).toList();

        assertThat(found).isEqualTo(again);
        assertThat(vectors.contents()).isDeepEqualTo(rebuilt.currentVectorIndex().contents());
        assertThat(words.size()).isEqualTo(rebuilt.currentKeywordIndex().size());
        assertThat(words.maxId()).isEqualTo(rebuilt.currentKeywordIndex().maxId());
        for (String term : List.of("gradle", "daemon", "testcontainers", "bigdecimal", "ci")) {
          assertThat(words.documents(term, false))
              .as(term)
              .isEqualTo(rebuilt.currentKeywordIndex().documents(term, false));
          List<LessonKeywordIndex.Phrase> phrase =
              List.of(new LessonKeywordIndex.Phrase(term, false));
          assertThat(words.search(phrase, 20))
              .as(term)
              .containsExactlyElementsOf(rebuilt.currentKeywordIndex().search(phrase, 20));
        }
      }
    }
  }

  @Test
  void aLessonAddedByAnotherProcessIsFoundAtTheNextSearch() {
    try (SqliteKnowledgeBase kb = open();
        SqliteKnowledgeBase otherProcess = open()) {
      long money = 0;
      for (String text : TEXTS) {
        money = kb.lessons().add(NewLesson.of(LessonCategory.GENERAL, text)).lesson().id();
      }
      assertThat(ids(kb.lessons().search("BigDecimal money", 5))).startsWith(money);

      long theirs =
          otherProcess
              .lessons()
              .add(NewLesson.of(LessonCategory.TESTING, "Start the Testcontainers database once."))
              .lesson()
              .id();
      otherProcess.lessons().forget(money);

      assertThat(ids(kb.lessons().search("Testcontainers database", 5))).startsWith(theirs);
      assertThat(ids(kb.lessons().search("BigDecimal money", 5))).doesNotContain(money);
    }
  }

  @Test
  void listsTrainedByOneProcessArePersistedAndSortTheLessonsOfAnotherAlike() throws Exception {
    try (SqliteKnowledgeBase kb = open()) {
      SqliteLessonStore lessons = (SqliteLessonStore) kb.lessons();
      lessons.listedFrom(TEXTS.size());
      for (String text : TEXTS) {
        lessons.add(NewLesson.of(LessonCategory.GENERAL, text));
      }
      long before = lessons.databaseVersion();

      lessons.search("warm up", 5);
      LessonVectorIndex vectors = lessons.currentVectorIndex();
      long listed = lessons.databaseVersion();
      lessons.search("CI builds", 5); // trains no more
      long searchedAgain = lessons.databaseVersion();
      lessons.add(NewLesson.of(LessonCategory.TESTING, "Start the Testcontainers database once."));
      List<List<Long>> found = QUERIES.stream().map(q -> ids(lessons.search(q, 5))).toList();

      // Persisted with a raised version, which the keyword index followed in place.
      assertThat(vectors.centroids()).isNotNull().hasSize(TEXTS.size() * vectors.codeWords());
      assertThat(vectors.trainedOn()).isEqualTo(TEXTS.size());
      assertThat(lessons.currentVectorIndex()).isSameAs(vectors);
      assertThat(listed).isEqualTo(searchedAgain).isEqualTo(before + 1);
      assertThat(vectors.version())
          .isEqualTo(lessons.databaseVersion())
          .isEqualTo(lessons.currentKeywordIndex().version());
      try (var connection =
              java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("beca.db"));
          var rows =
              connection
                  .createStatement()
                  .executeQuery("SELECT count(*), min(trained_on) FROM lesson_vector_lists")) {
        assertThat(rows.getInt(1)).isEqualTo(TEXTS.size());
        assertThat(rows.getLong(2)).isEqualTo(TEXTS.size());
      }
      try (SqliteKnowledgeBase other = open()) {
        SqliteLessonStore again = (SqliteLessonStore) other.lessons();
        List<List<Long>> ranked = QUERIES.stream().map(q -> ids(again.search(q, 5))).toList();

        assertThat(again.currentVectorIndex().centroids()).isEqualTo(vectors.centroids());
        assertThat(again.currentVectorIndex().contents()).isDeepEqualTo(vectors.contents());
        assertThat(again.databaseVersion()).isEqualTo(lessons.databaseVersion()); // not trained
        assertThat(ranked).isEqualTo(found);
      }
    }
  }

  private static List<Long> ids(List<LessonHit> hits) {
    return hits.stream().map(h -> h.lesson().id()).toList();
  }
}
