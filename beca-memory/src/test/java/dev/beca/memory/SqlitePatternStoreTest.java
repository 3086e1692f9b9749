package dev.beca.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.MutableClock;
import dev.beca.core.learning.NewPattern;
import dev.beca.core.learning.Pattern;
import dev.beca.core.learning.PatternKind;
import dev.beca.core.learning.PatternSource;
import dev.beca.core.learning.PatternStore;
import dev.beca.core.learning.PatternStoreContract;
import dev.beca.core.testkit.DummySecrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite pattern store passes the contract on a real database file. */
class SqlitePatternStoreTest extends PatternStoreContract {

  @TempDir Path dataDir;
  private SqliteKnowledgeBase knowledgeBase;

  @Override
  protected PatternStore createStore(MutableClock clock) {
    knowledgeBase =
        SqliteKnowledgeBase.builder()
            .dataDirectory(dataDir)
            .clock(clock)
            .withoutEmbeddings()
            .open();
    return knowledgeBase.patterns();
  }

  @AfterEach
  void close() {
    knowledgeBase.close();
  }

  private static NewPattern junit(String evidence) {
    return NewPattern.builder(PatternKind.FRAMEWORK, PatternSource.REPOSITORY)
        .solutionSummary("JUnit 5 (java)")
        .frameworks(List.of("JUnit 5"))
        .evidence(List.of(evidence))
        .build();
  }

  @Test
  void patternsSurviveReopeningTheFile() {
    Pattern saved = knowledgeBase.patterns().save(junit("repository:/a"));
    knowledgeBase.close();

    knowledgeBase = SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();

    assertThat(knowledgeBase.patterns().get(saved.id())).contains(saved);
    assertThat(knowledgeBase.patterns().search("junit", 5)).containsExactly(saved);
  }

  @Test
  void twoKnowledgeBasesSavingTheSamePatternMakeOneRow() throws Exception {
    try (SqliteKnowledgeBase other =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open()) {
      List<PatternStore> stores = List.of(knowledgeBase.patterns(), other.patterns());
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          PatternStore store = stores.get(i % 2);
          String evidence = "repository:/r" + i;
          futures.add(pool.submit(() -> store.save(junit(evidence))));
        }
        for (Future<?> f : futures) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
    }

    assertThat(knowledgeBase.patterns().list(Optional.empty(), 10))
        .singleElement()
        .satisfies(p -> assertThat(p.occurrences()).isEqualTo(20));
  }

  @Test
  void aRedactedSecretIsRecordedAsAnAlert() {
    String token = new DummySecrets(5).githubPat();
    long before = knowledgeBase.securityAlerts().count();

    knowledgeBase
        .patterns()
        .save(
            NewPattern.builder(PatternKind.SOLUTION, PatternSource.CONVERSATION)
                .request("use " + token)
                .build());

    assertThat(knowledgeBase.securityAlerts().count()).isEqualTo(before + 1);
    assertThat(knowledgeBase.securityAlerts().recent(1).get(0).source()).isEqualTo("pattern");
  }
}
