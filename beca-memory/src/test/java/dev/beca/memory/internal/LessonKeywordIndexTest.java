package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.memory.internal.LessonKeywordIndex.Phrase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonKeywordIndexTest {

  private static final String[] WORDS = {
    "configure",
    "configuration",
    "configured",
    "template",
    "templates",
    "cache",
    "cafe",
    "Café",
    "naïve",
    "server",
    "port",
    "restart",
    "restarting",
    "datasource",
    "two",
    "the",
    "of",
    "spring",
    "boot",
    "HTTP",
    "http2",
    "a_b",
    "x1",
    "Ünïcode",
    "logging",
    "log"
  };

  private static final List<List<Phrase>> QUERIES =
      List.of(
          List.of(new Phrase("configur", true)),
          List.of(new Phrase("template", false), new Phrase("cache", false)),
          List.of(new Phrase("cafe", false)),
          List.of(new Phrase("naive", false), new Phrase("unicode", false)),
          List.of(new Phrase("restart", true), new Phrase("port", false)),
          List.of(new Phrase("http", true), new Phrase("x1", false)),
          List.of(new Phrase("the", false), new Phrase("of", false), new Phrase("two", false)),
          List.of(new Phrase("absent", false)),
          List.of(new Phrase("log", true), new Phrase("logging", false)));

  @TempDir Path dir;

  @Test
  void ranksTheActiveLessonsAsFts5Bm25DoesIncludingTiesAndSupersededLessons() throws SQLException {
    try (SqliteDatabase database =
        SqliteDatabase.open(dir.resolve("k.db"), Duration.ofSeconds(5))) {
      Random random = new Random(15);
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int w = 0; w < length; w++) {
          text.append(WORDS[random.nextInt(WORDS.length)]).append(w % 3 == 2 ? ", " : " ");
        }
        // Repeat some texts exactly (as superseded history) so that equal scores occur.
        texts.add(i % 10 == 9 ? texts.get(i - 1) : text.toString().strip() + ".");
      }
      insert(database, texts);
      try (SqlSession session = database.autoCommitSession()) {
        LessonMapper mapper = session.getMapper(LessonMapper.class);
        LessonKeywordIndex.Builder builder = new LessonKeywordIndex.Builder(1);
        mapper.allTextRows(context -> builder.add(context.getResultObject()));
        LessonKeywordIndex index = builder.build();
        assertThat(index.size()).isEqualTo(400);
        for (List<Phrase> query : QUERIES) {
          assertThat(LessonKeywordIndex.handles(query)).isTrue();
          assertThat(index.search(query, 50))
              .as("%s", query)
              .containsExactlyElementsOf(mapper.keyword(fts(query), 50));
        }
      }
    }
  }

  @Test
  void tokensFollowUnicode61WithDiacriticsRemoved() {
    assertThat(LessonKeywordIndex.tokens("Café naïve_HTTP2, don't Ünïcode—x²"))
        .containsExactly("cafe", "naive", "http2", "don", "t", "unicode", "x²");
  }

  @Test
  void aPhraseOfSeveralTokensIsLeftToFts5() {
    assertThat(LessonKeywordIndex.handles(List.of(new Phrase("a_b", false)))).isFalse();
    assertThat(LessonKeywordIndex.handles(List.of(new Phrase("café", false)))).isFalse();
    assertThat(LessonKeywordIndex.handles(List.of(new Phrase("cafe", true)))).isTrue();
  }

  private static String fts(List<Phrase> query) {
    return String.join(
        " OR ", query.stream().map(p -> '"' + p.token() + (p.prefix() ? "\"*" : "\"")).toList());
  }

  /** Every tenth lesson (and the text repeated after it) superseded by the next. */
  private static void insert(SqliteDatabase database, List<String> texts) throws SQLException {
    try (SqlSession session = database.autoCommitSession();
        Connection c = session.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO lessons (text, text_hash, category, source, created_at, updated_at,"
                    + " confidence) VALUES (?, randomblob(32), 'testing', 'CONVERSATION', 0, 0,"
                    + " 0.5)")) {
      for (String text : texts) {
        insert.setString(1, text);
        insert.executeUpdate();
      }
      c.createStatement()
          .executeUpdate(
              "UPDATE lessons SET superseded_by = id + 1 WHERE id % 10 IN (0, 9) AND id < 400");
    }
  }

  @Test
  void anIndexUpdatedInPlaceRanksAndCountsAsFts5AfterAddsSupersedesAndDeletes()
      throws SQLException {
    try (SqliteDatabase database =
        SqliteDatabase.open(dir.resolve("u.db"), Duration.ofSeconds(5))) {
      Random random = new Random(16);
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        texts.add(randomText(random));
      }
      insert(database, texts);
      try (SqlSession session = database.autoCommitSession()) {
        LessonMapper mapper = session.getMapper(LessonMapper.class);
        LessonKeywordIndex.Builder builder = new LessonKeywordIndex.Builder(1);
        mapper.allTextRows(context -> builder.add(context.getResultObject()));
        LessonKeywordIndex index = builder.build();
        Connection c = session.getConnection();
        long version = 1;
        for (int step = 0; step < 60; step++) {
          session.clearCache(); // the rows change by JDBC too: no answer from MyBatis's cache
          long max = mapper.maxLessonId();
          // Forget a lesson (sometimes the newest), add one that supersedes another.
          long forgotten = step % 7 == 0 ? max : 1 + random.nextInt((int) max);
          // As the store forgets: the lesson and everything it superseded, transitively.
          List<LessonKeywordIndex.Deletion> deletions = new ArrayList<>();
          List<Long> ids = new ArrayList<>();
          if (textOf(c, forgotten) != null) {
            ids.add(forgotten);
          }
          for (int i = 0; i < ids.size(); i++) {
            ids.addAll(mapper.predecessors(ids.get(i)));
          }
          for (long gone : ids) {
            deletions.add(new LessonKeywordIndex.Deletion(gone, textOf(c, gone)));
          }
          if (!ids.isEmpty()) {
            mapper.delete(ids);
          }
          String added = randomText(random);
          insert(c, added);
          session.clearCache();
          long id = mapper.maxLessonId();
          long superseded = 1 + random.nextInt((int) id - 1);
          boolean supersedes = textOf(c, superseded) != null;
          if (supersedes) {
            c.createStatement()
                .executeUpdate(
                    "UPDATE lessons SET superseded_by = " + id + " WHERE id = " + superseded);
          }
          boolean applied =
              index.apply(
                  version,
                  version + 1,
                  new LessonTextRow(id, added, true),
                  supersedes ? new long[] {superseded} : new long[0],
                  deletions);
          assertThat(applied).isTrue();
          version++;
        }
        session.clearCache();
        LessonKeywordIndex.Builder again = new LessonKeywordIndex.Builder(version);
        mapper.allTextRows(context -> again.add(context.getResultObject()));
        LessonKeywordIndex rebuilt = again.build();

        assertThat(index.version()).isEqualTo(version);
        assertThat(index.size()).isEqualTo(rebuilt.size());
        assertThat(index.maxId()).isEqualTo(mapper.maxLessonId());
        for (List<Phrase> query : QUERIES) {
          List<Long> fts5 = mapper.keyword(fts(query), 50);
          assertThat(index.search(query, 50)).as("%s", query).containsExactlyElementsOf(fts5);
          assertThat(rebuilt.search(query, 50)).as("%s", query).containsExactlyElementsOf(fts5);
        }
        for (String word : WORDS) {
          for (String term : LessonKeywordIndex.tokens(word)) {
            assertThat(index.documents(term, false))
                .as(term)
                .isEqualTo(orZero(mapper.termFrequency(term)));
            assertThat(index.documents(term, true))
                .as(term + "*")
                .isEqualTo(orZero(mapper.prefixFrequency(term, term + '\uffff')));
          }
        }
      }
    }
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(12);
    for (int w = 0; w < length; w++) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(w % 3 == 2 ? ", " : " ");
    }
    return text.toString().strip() + ".";
  }

  private static String textOf(Connection c, long id) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT text FROM lessons WHERE id = ?")) {
      select.setLong(1, id);
      try (java.sql.ResultSet r = select.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  private static void insert(Connection c, String text) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO lessons (text, text_hash, category, source, created_at, updated_at,"
                + " confidence) VALUES (?, randomblob(32), 'testing', 'CONVERSATION', 0, 0,"
                + " 0.5)")) {
      insert.setString(1, text);
      insert.executeUpdate();
    }
  }
}
