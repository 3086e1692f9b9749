package dev.beca.core.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.conversation.MutableClock;
import dev.beca.core.testkit.DummySecrets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link PatternStore} implementation must pass. Extend it in the
 * implementation's tests and return a fresh, empty store that stamps records with the given clock.
 * Published in beca-core's test-jar.
 */
public abstract class PatternStoreContract {

  /** The clock handed to the store, at 2026-04-01T09:00:00Z at the start of each test. */
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T09:00:00Z"));

  private PatternStore store;

  /**
   * Creates an empty store for one test.
   *
   * @param clock the clock the store must stamp patterns with
   * @return the store
   */
  protected abstract PatternStore createStore(MutableClock clock) throws Exception;

  @BeforeEach
  void createFreshStore() throws Exception {
    store = createStore(clock);
  }

  private static NewPattern.Builder solution(String request, String summary) {
    return NewPattern.builder(PatternKind.SOLUTION, PatternSource.CONVERSATION)
        .taskType("refactoring")
        .request(request)
        .solutionSummary(summary);
  }

  private static NewPattern framework(String name, String evidence) {
    return NewPattern.builder(PatternKind.FRAMEWORK, PatternSource.REPOSITORY)
        .taskType("framework")
        .solutionSummary("Uses " + name)
        .frameworks(List.of(name))
        .evidence(List.of(evidence))
        .build();
  }

  @Test
  void savedPatternComesBackWithEveryFieldAndOneOccurrence() {
    NewPattern pattern =
        solution("Split a 2,000-line service class", "Extract one class per use case")
            .toolsUsed(List.of("read_file", "edit_file"))
            .architectureType("layered")
            .frameworks(List.of("Spring Boot", "JUnit 5"))
            .performanceNotes("tests 12 s -> 9 s")
            .evidence(List.of("session:abc", "message:42"))
            .build();

    Pattern saved = store.save(pattern);

    assertThat(saved.id()).isPositive();
    assertThat(saved.kind()).isEqualTo(PatternKind.SOLUTION);
    assertThat(saved.taskType()).isEqualTo("refactoring");
    assertThat(saved.request()).isEqualTo("Split a 2,000-line service class");
    assertThat(saved.solutionSummary()).isEqualTo("Extract one class per use case");
    assertThat(saved.toolsUsed()).containsExactly("read_file", "edit_file");
    assertThat(saved.architectureType()).isEqualTo("layered");
    assertThat(saved.frameworks()).containsExactly("Spring Boot", "JUnit 5");
    assertThat(saved.performanceNotes()).isEqualTo("tests 12 s -> 9 s");
    assertThat(saved.source()).isEqualTo(PatternSource.CONVERSATION);
    assertThat(saved.evidence()).containsExactly("session:abc", "message:42");
    assertThat(saved.occurrences()).isEqualTo(1);
    assertThat(saved.createdAt()).isEqualTo(clock.instant());
    assertThat(saved.updatedAt()).isEqualTo(clock.instant());
    assertThat(store.get(saved.id())).contains(saved);
  }

  @Test
  void theSamePatternAgainCountsAnOccurrenceInsteadOfASecondRow() {
    Pattern first =
        store.save(
            solution("Add a cache", "Caffeine in front of the repository")
                .toolsUsed(List.of("edit_file"))
                .performanceNotes("p95 80 ms")
                .evidence(List.of("session:1"))
                .build());
    clock.advance(Duration.ofMinutes(5));

    Pattern again =
        store.save(
            solution("  add a   CACHE ", "Caffeine in front of the repository")
                .toolsUsed(List.of("edit_file", "run_command"))
                .performanceNotes("p95 12 ms")
                .evidence(List.of("session:2"))
                .build());

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.occurrences()).isEqualTo(2);
    assertThat(again.request()).isEqualTo("Add a cache");
    assertThat(again.evidence()).containsExactly("session:1", "session:2");
    assertThat(again.toolsUsed()).containsExactly("edit_file", "run_command");
    assertThat(again.performanceNotes()).isEqualTo("p95 12 ms");
    assertThat(again.createdAt()).isEqualTo(first.createdAt());
    assertThat(again.updatedAt()).isEqualTo(clock.instant());
    assertThat(store.get(first.id())).contains(again);
    assertThat(store.list(Optional.empty(), 10)).hasSize(1);
  }

  @Test
  void theSameEvidenceSeenAgainIsNotANewOccurrence() {
    store.save(framework("Spring Boot", "repository:/src/petclinic"));
    Pattern again = store.save(framework("Spring Boot", "repository:/src/petclinic"));
    Pattern other = store.save(framework("Spring Boot", "repository:/src/shop"));

    assertThat(again.occurrences()).isEqualTo(1);
    assertThat(other.occurrences()).isEqualTo(2);
    assertThat(other.evidence())
        .containsExactly("repository:/src/petclinic", "repository:/src/shop");
  }

  @Test
  void patternsThatDifferInKindSummaryOrFrameworksAreSeparateRows() {
    Pattern a = store.save(solution("Add a cache", "Caffeine").build());
    Pattern b = store.save(solution("Add a cache", "Redis").build());
    Pattern c = store.save(framework("Spring Boot", "repository:/a"));
    Pattern d = store.save(framework("Quarkus", "repository:/a"));

    assertThat(List.of(a.id(), b.id(), c.id(), d.id())).doesNotHaveDuplicates();
    assertThat(store.list(Optional.empty(), 10)).hasSize(4);
  }

  @Test
  void evidenceKeepsTheNewestLinks() {
    Pattern saved = null;
    for (int i = 0; i < NewPattern.MAX_EVIDENCE + 5; i++) {
      saved = store.save(framework("JUnit 5", "repository:/r" + i));
    }

    assertThat(saved.evidence()).hasSize(NewPattern.MAX_EVIDENCE);
    assertThat(saved.evidence().get(0)).isEqualTo("repository:/r5");
    assertThat(saved.occurrences()).isEqualTo(NewPattern.MAX_EVIDENCE + 5);
  }

  @Test
  void searchFindsWordsInAnyTextWithoutCaseBestMatchFirst() {
    Pattern both =
        store.save(
            solution("Expose a REST endpoint", "A controller with validation")
                .frameworks(List.of("Spring Boot"))
                .build());
    Pattern one =
        store.save(solution("Expose a gRPC endpoint", "A service stub with validation").build());
    Pattern none = store.save(framework("Django", "repository:/x"));
    store.save(
        NewPattern.builder(PatternKind.BUILD, PatternSource.BENCHMARK)
            .solutionSummary("Cr\u00e9er un module s\u00e9par\u00e9")
            .build());

    assertThat(store.search("spring REST", 10)).first().isEqualTo(both);
    assertThat(store.search("endpoint", 10))
        .extracting(Pattern::id)
        .containsExactlyInAnyOrder(both.id(), one.id());
    assertThat(store.search("DJANGO", 10)).extracting(Pattern::id).containsExactly(none.id());
    assertThat(store.search("separe", 10)).hasSize(1);
    assertThat(store.search("kubernetes", 10)).isEmpty();
    assertThat(store.search("endpoint", 1)).hasSize(1);
  }

  @Test
  void searchTakesAnyTextAsWords() {
    Pattern saved = store.save(solution("Fix NOT NULL constraint", "Add a default").build());

    for (String hostile :
        new String[] {
          "\"NOT", "constraint AND (", "default*", "NEAR(constraint", "-default", "a:b default"
        }) {
      assertThat(store.search(hostile, 10)).extracting(Pattern::id).contains(saved.id());
    }
  }

  @Test
  void searchRefusesAQueryWithoutWordsAndABadLimit() {
    assertThatThrownBy(() -> store.search("  ", 10)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> store.search("()*\"", 10)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> store.search("x", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listFiltersByKindMostSeenFirstWithinTheLimit() {
    Pattern once = store.save(framework("Quarkus", "repository:/a"));
    clock.advance(Duration.ofSeconds(1));
    store.save(framework("JUnit 5", "repository:/a"));
    Pattern twice = store.save(framework("JUnit 5", "repository:/b"));
    store.save(solution("Add a cache", "Caffeine").build());

    assertThat(store.list(Optional.of(PatternKind.FRAMEWORK), 10))
        .extracting(Pattern::id)
        .containsExactly(twice.id(), once.id());
    assertThat(store.list(Optional.of(PatternKind.FRAMEWORK), 1))
        .extracting(Pattern::id)
        .containsExactly(twice.id());
    assertThat(store.list(Optional.of(PatternKind.ARCHITECTURE), 10)).isEmpty();
    assertThat(store.list(Optional.empty(), 10)).hasSize(3);
    assertThatThrownBy(() -> store.list(Optional.empty(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUnknownIdIsEmpty() {
    assertThat(store.get(12345)).isEmpty();
  }

  @Test
  void secretsAreRedactedBeforeStorage() {
    String token = new DummySecrets(11).githubPat();
    Pattern saved =
        store.save(
            solution("Call the API with token " + token, "Read it from GITHUB_TOKEN, not " + token)
                .performanceNotes("with " + token)
                .evidence(List.of("note:" + token))
                .build());

    Pattern kept = store.get(saved.id()).orElseThrow();
    assertThat(List.of(kept.request(), kept.solutionSummary(), kept.performanceNotes()))
        .allSatisfy(text -> assertThat(text).doesNotContain(token));
    assertThat(kept.evidence()).allSatisfy(text -> assertThat(text).doesNotContain(token));
    assertThat(kept.request()).startsWith("Call the API with token ");
    assertThat(store.search("GITHUB_TOKEN", 10)).extracting(Pattern::id).contains(saved.id());
  }

  @Test
  void concurrentSavesOfOnePatternMakeOneRowCountingEach() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int n = i;
        futures.add(pool.submit(() -> store.save(framework("Micronaut", "repository:/r" + n))));
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.list(Optional.empty(), 10))
        .singleElement()
        .satisfies(p -> assertThat(p.occurrences()).isEqualTo(20));
  }
}
