package dev.beca.core.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LessonMatcherTest {

  private final LessonMatcher keywords = LessonMatcher.keywordsOnly();

  @Test
  void sameWordsInAnotherOrderAreADuplicate() {
    LessonComparison c =
        keywords.compare(
            "Close JDBC result sets with try-with-resources.",
            "With try-with-resources, close JDBC result sets.");

    assertThat(c.relation()).isEqualTo(LessonRelation.DUPLICATE);
    assertThat(c.keywordOverlap()).isEqualTo(1.0);
    assertThat(c.similarity()).isNaN();
  }

  @Test
  void negationOfTheSameAdviceIsAContradiction() {
    assertThat(
            keywords
                .compare(
                    "Don't mock the database in repository tests.",
                    "Mock the database in repository tests.")
                .relation())
        .isEqualTo(LessonRelation.CONTRADICTION);
  }

  @Test
  void swappedPreferenceIsAContradiction() {
    assertThat(
            keywords
                .compare(
                    "Prefer records over Lombok value classes for DTOs.",
                    "Prefer Lombok value classes over records for DTOs.")
                .relation())
        .isEqualTo(LessonRelation.CONTRADICTION);
  }

  @Test
  void recommendingWhatTheOtherPrefersAgainstIsAContradiction() {
    assertThat(
            keywords
                .compare(
                    "Use git merge to integrate main into feature branches.",
                    "Use git rebase instead of git merge to integrate main into feature branches.")
                .relation())
        .isEqualTo(LessonRelation.CONTRADICTION);
  }

  @Test
  void lessonsAboutOtherThingsAreDistinctEvenWithANegation() {
    assertThat(
            keywords
                .compare(
                    "Never commit secrets to git.", "Profile the hot loop before optimising it.")
                .relation())
        .isEqualTo(LessonRelation.DISTINCT);
  }

  @Test
  void bestPicksTheClosestRelatedCandidate() {
    List<LessonMatcher.Candidate> candidates =
        List.of(
            new LessonMatcher.Candidate(1, "Profile the hot loop before optimising it.", null),
            new LessonMatcher.Candidate(
                2, "Close JDBC result sets with try-with-resources.", null));

    assertThat(keywords.best("Close JDBC result sets using try-with-resources", null, candidates))
        .hasValueSatisfying(m -> assertThat(m.id()).isEqualTo(2));
    assertThat(keywords.best("Write the changelog entry first.", null, candidates)).isEmpty();
  }

  @Test
  void thresholdsOutsideTheirRangeAreRefusedNamingTheField() {
    assertThatThrownBy(() -> LessonMatcher.builder().duplicateScore(2.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicateScore");
    assertThatThrownBy(() -> LessonMatcher.builder().keywordOnlyOverlap(-0.1))
        .hasMessageContaining("keywordOnlyOverlap");
  }

  // The hand-set score rule (MergeRule.SCORE), the default before the learned rule.
  private static final LessonMatcher SCORE_RULE =
      LessonMatcher.builder().mergeRule(LessonMatcher.MergeRule.SCORE).build();
  private static final float[] X = {1, 0};
  private static final float[] NEAR_X = {0.5f, 0.866f};

  @Test
  void templatedLessonsNamingDifferentThingsStayApart() {
    LessonMatcher matcher = SCORE_RULE;

    LessonComparison c =
        matcher.compare(
            "By default, metrics are exported to Ganglia running on your local machine.",
            X,
            "By default, metrics are exported to Graphite running on your local machine.",
            NEAR_X);

    assertThat(c.similarity() + 0.5 * c.keywordOverlap()).isBetween(0.78, 1.0);
    assertThat(c.relation()).isEqualTo(LessonRelation.DISTINCT);
  }

  @Test
  void theSameScoreMergesWhenNeitherNamesSomethingTheOtherLacks() {
    LessonMatcher matcher = SCORE_RULE;

    LessonComparison c =
        matcher.compare(
            "By default, metrics are exported to Ganglia running on your local machine.",
            X,
            "By default, metrics are exported to Ganglia on your local machine.",
            NEAR_X);

    assertThat(c.relation()).isEqualTo(LessonRelation.DUPLICATE);
  }

  @Test
  void differentNamesMergeFromTheNamedScore() {
    LessonMatcher matcher = SCORE_RULE.toBuilder().namedScore(0.72).build();

    assertThat(
            matcher
                .compare(
                    "By default, metrics are exported to Ganglia running on your local machine.",
                    X,
                    "By default, metrics are exported to Graphite running on your local machine.",
                    NEAR_X)
                .relation())
        .isEqualTo(LessonRelation.DUPLICATE);
  }

  @Test
  void identifiersVersionsAndMidSentenceCapitalsAreNames() {
    assertThat(
            LessonNames.names(
                "Set management.server.port in application.yaml; Jetty 12 uses the"
                    + " MongoClient. Use @Bean methods, e.g. with MVC."))
        .contains(
            "management.server.port",
            "application.yaml",
            "jetty",
            "12",
            "mongoclient",
            "bean",
            "mvc")
        .doesNotContain("set", "use", "e.g", "uses");
    assertThat(LessonNames.differ("Expose server.port.", "Set the server port.")).isFalse();
  }

  @Test
  void renamedOrVersionedNamesAreNotDifferentThings() {
    assertThat(
            LessonNames.substituted(
                "Render JSON as long as Jackson2 is on the classpath.",
                "Render JSON as long as Jackson 3 is on the classpath."))
        .isFalse();
    assertThat(
            LessonNames.substituted(
                "Set management.port to move the actuator.",
                "Set management.server.port to move the actuator."))
        .isFalse();
    assertThat(
            LessonNames.substituted(
                "Spring Boot ships with Tomcat 8.5.x by default.",
                "Spring Boot ships with Tomcat 11.0.x by default."))
        .isFalse();
    assertThat(
            LessonNames.substituted(
                "Batch JDBC inserts with addBatch inside one transaction.",
                "For bulk loading, use addBatch/executeBatch within a single transaction."))
        .isFalse();
    assertThat(
            LessonNames.substituted(
                "If you use Jetty, configure the type of the forwarded headers.",
                "If you use Reactor Netty, configure the type of the forwarded headers."))
        .isTrue();
  }

  @Test
  void aTemplateOfAnotherNameStaysApartWhereARenamedOneMerges() {
    LessonMatcher matcher = SCORE_RULE;

    assertThat(
            matcher
                .compare(
                    "Metrics of all requests handled by Spring MVC controllers are named"
                        + " http.server.requests.",
                    X,
                    "Metrics of all requests handled by Spring WebFlux controllers are named"
                        + " http.server.requests.",
                    NEAR_X)
                .relation())
        .isEqualTo(LessonRelation.DISTINCT);
    assertThat(
            matcher
                .compare(
                    "To make the actuator listen on a different port, set management.port.",
                    X,
                    "To make the actuator listen on a different port, set management.server.port.",
                    NEAR_X)
                .relation())
        .isEqualTo(LessonRelation.DUPLICATE);
    assertThat(
            matcher.toBuilder()
                .nameVariants(false)
                .build()
                .compare(
                    "To make the actuator listen on a different port, set management.port.",
                    X,
                    "To make the actuator listen on a different port, set management.server.port.",
                    NEAR_X)
                .relation())
        .isEqualTo(LessonRelation.DISTINCT);
  }

  @Test
  void aLessonSayingTwiceAsMuchAsTheOtherDoesNotMerge() {
    String short_ = "Docker must be installed to build the image.";
    String longer =
        "Docker must be installed to build the image; the build command then tags it with the"
            + " project version and pushes it to the registry configured for the release.";
    LessonMatcher matcher = SCORE_RULE;

    assertThat(matcher.compare(short_, X, longer, X).relation()).isEqualTo(LessonRelation.DISTINCT);
    assertThat(
            matcher.toBuilder().lengthBalance(0).build().compare(short_, X, longer, X).relation())
        .isEqualTo(LessonRelation.DUPLICATE);
  }

  private static final String GANGLIA =
      "By default, metrics are exported to Ganglia running on your local machine.";
  private static final String GRAPHITE =
      "By default, metrics are exported to Graphite running on your local machine.";

  /** A unit vector at the given cosine similarity to {@link #X}. */
  private static float[] atSimilarity(double similarity) {
    return new float[] {(float) similarity, (float) Math.sqrt(1 - similarity * similarity)};
  }

  @Test
  void theLearnedRuleIsTheDefaultAndMergesFromItsProbability() {
    LessonMatcher matcher = LessonMatcher.builder().build();
    String candidate = "Close JDBC connections in a try-with-resources block.";
    String stored = "Wrap every JDBC connection in try-with-resources so it is closed.";
    List<Double> probabilities = new java.util.ArrayList<>();
    for (double similarity = 0.1; similarity < 1; similarity += 0.05) {
      float[] v = atSimilarity(similarity);
      double p = matcher.mergeProbability(candidate, X, stored, v);
      probabilities.add(p);
      assertThat(matcher.compare(candidate, X, stored, v).relation())
          .as("similarity %.2f, probability %.3f", similarity, p)
          .isEqualTo(p >= 0.47 ? LessonRelation.DUPLICATE : LessonRelation.DISTINCT);
    }
    assertThat(probabilities).isSorted();
    assertThat(probabilities.get(0)).isLessThan(0.47);
    assertThat(probabilities.get(probabilities.size() - 1)).isGreaterThan(0.47);
  }

  @Test
  void theLearnedDecisionMatchesItsProbabilityForLongTextsAtEverySimilarity() {
    // Long texts with many names: the names are skipped only where they cannot lift the pair.
    String a =
        "Set spring.datasource.url, spring.datasource.username and spring.datasource.password"
            + " for HikariCP, Tomcat JDBC or DBCP2; Spring Boot picks the first on the classpath"
            + " and MariaDB, PostgreSQL or H2 drivers are detected from the URL.";
    String b =
        "Spring Boot configures HikariCP from spring.datasource.* properties; set url, username"
            + " and password, and the driver (PostgreSQL, MariaDB, H2) is detected from the URL.";
    LessonMatcher matcher = LessonMatcher.builder().mergeProbability(0.3).build();
    for (double similarity = -0.5; similarity <= 1; similarity += 0.02) {
      float[] v = atSimilarity(similarity);
      double p = matcher.mergeProbability(a, X, b, v);
      assertThat(matcher.compare(a, X, b, v).relation() == LessonRelation.DUPLICATE)
          .as("similarity %.2f, probability %.3f", similarity, p)
          .isEqualTo(p >= 0.3);
    }
  }

  @Test
  void eachTextNamingSomethingTheOtherLacksLowersTheLearnedProbability() {
    LessonMatcher matcher = LessonMatcher.builder().build();
    String sameNames = "By default, metrics are exported to Ganglia on your local machine.";
    float[] v = atSimilarity(0.5);

    assertThat(matcher.mergeProbability(GANGLIA, X, GRAPHITE, v))
        .isLessThan(matcher.mergeProbability(GANGLIA, X, sameNames, v) - 0.2);
  }

  @Test
  void theScoreRuleStaysSelectableAndKeepsATemplateApartThatTheLearnedRuleMerges() {
    float[] v = atSimilarity(0.5);

    assertThat(LessonMatcher.builder().build().compare(GANGLIA, X, GRAPHITE, v).relation())
        .isEqualTo(LessonRelation.DUPLICATE);
    assertThat(SCORE_RULE.compare(GANGLIA, X, GRAPHITE, v).relation())
        .isEqualTo(LessonRelation.DISTINCT);
    assertThat(SCORE_RULE.toBuilder().build().compare(GANGLIA, X, GRAPHITE, v).relation())
        .isEqualTo(LessonRelation.DISTINCT);
  }

  @Test
  void theAuditedRefitDecidesFromItsOwnThresholdEvenThroughToBuilder() {
    LessonMatcher audited =
        LessonMatcher.builder().build().toBuilder()
            .mergeRule(LessonMatcher.MergeRule.LEARNED_AUDITED)
            .build();
    String candidate = "Close JDBC connections in a try-with-resources block.";
    String stored = "Wrap every JDBC connection in try-with-resources so it is closed.";
    boolean sawBetweenThresholds = false;
    for (double similarity = 0.1; similarity < 1; similarity += 0.01) {
      float[] v = atSimilarity(similarity);
      double p = audited.mergeProbability(candidate, X, stored, v);
      sawBetweenThresholds |= p >= 0.41 && p < 0.47;
      assertThat(audited.compare(candidate, X, stored, v).relation())
          .as("similarity %.2f, probability %.3f", similarity, p)
          .isEqualTo(p >= 0.41 ? LessonRelation.DUPLICATE : LessonRelation.DISTINCT);
    }
    assertThat(sawBetweenThresholds).isTrue();
  }

  @Test
  void theAuditedRefitKeepsATemplateApartThatTheDefaultRuleMerges() {
    LessonMatcher audited =
        LessonMatcher.builder().mergeRule(LessonMatcher.MergeRule.LEARNED_AUDITED).build();
    float[] v = atSimilarity(0.7);

    assertThat(LessonMatcher.builder().build().compare(GANGLIA, X, GRAPHITE, v).relation())
        .isEqualTo(LessonRelation.DUPLICATE);
    assertThat(audited.compare(GANGLIA, X, GRAPHITE, v).relation())
        .isEqualTo(LessonRelation.DISTINCT);
  }

  @Test
  void aContradictionIsStillFoundFirstUnderTheLearnedRule() {
    LessonMatcher matcher = LessonMatcher.builder().build();

    assertThat(
            matcher
                .compare(
                    "Don't mock the database in repository tests.",
                    X,
                    "Mock the database in repository tests.",
                    atSimilarity(0.9))
                .relation())
        .isEqualTo(LessonRelation.CONTRADICTION);
  }

  @Test
  void aMergeProbabilityOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> LessonMatcher.builder().mergeProbability(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mergeProbability");
    assertThatThrownBy(() -> LessonMatcher.builder().mergeRule(null))
        .isInstanceOf(NullPointerException.class);
  }
}
