package dev.beca.core.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LessonPairFeaturesTest {

  private static final float[] X = {1, 0};
  private static final float[] Y = {0.6f, 0.8f};

  @Test
  void identicalTextsHaveFullOverlapAndNoDifferences() {
    String text = "Set server.port to 8081 to change the HTTP port of Tomcat.";

    LessonPairFeatures f = LessonPairFeatures.of(text, X, text, X);

    assertThat(f.similarity()).isCloseTo(1.0, within(1e-6));
    assertThat(f.jaccard()).isEqualTo(1.0);
    assertThat(f.containment()).isEqualTo(1.0);
    assertThat(f.balance()).isEqualTo(1.0);
    assertThat(f.trigrams()).isEqualTo(1.0);
    assertThat(f.namesOnlyEach()).isZero();
    assertThat(f.namesOnlyOne()).isZero();
    assertThat(f.namesShared()).isGreaterThan(0);
    assertThat(f.numbersDiffer()).isZero();
    assertThat(f.negationDiffers()).isZero();
  }

  @Test
  void aTemplateOfAnotherNameHasANameOnlyInEachText() {
    LessonPairFeatures f =
        LessonPairFeatures.of(
            "By default, metrics are exported to Ganglia running on your local machine.",
            X,
            "By default, metrics are exported to Graphite running on your local machine.",
            Y);

    assertThat(f.similarity()).isCloseTo(0.6, within(1e-6));
    assertThat(f.namesOnlyEach()).isCloseTo(Math.log1p(1), within(1e-9));
    assertThat(f.namesOnlyOne()).isCloseTo(Math.log1p(1), within(1e-9));
    assertThat(f.trigrams()).isBetween(0.5, 1.0);
    assertThat(f.namesSwapped()).isEqualTo(f.jaccard()).isGreaterThan(0.5);
  }

  @Test
  void aRenamedPropertyIsNotANameOnlyInOneText() {
    LessonPairFeatures f =
        LessonPairFeatures.of(
            "To make the actuator listen on a different port, set management.port.",
            X,
            "To make the actuator listen on a different port, set management.server.port.",
            X);

    assertThat(f.namesOnlyEach()).isZero();
    assertThat(f.namesSwapped()).isZero();
  }

  @Test
  void numbersAndNegationsOnOneSideAreFlagged() {
    LessonPairFeatures f =
        LessonPairFeatures.of(
            "Tomcat 8.5 is the default container.", X, "Tomcat 10 is not the default.", X);

    assertThat(f.numbersDiffer()).isEqualTo(1.0);
    assertThat(f.negationDiffers()).isEqualTo(1.0);
    assertThat(LessonPairFeatures.NAMES).hasSize(f.values().length);
  }

  @Test
  void aShortLessonBesideALongOneHasALowBalance() {
    LessonPairFeatures f =
        LessonPairFeatures.of(
            "Docker must be installed.",
            X,
            "Docker must be installed to build the image; the build then tags it with the project"
                + " version and pushes it to the configured registry.",
            X);

    assertThat(f.balance()).isLessThan(0.5);
    assertThat(f.containment()).isEqualTo(1.0);
    assertThat(f.logLength()).isGreaterThan(Math.log1p(2));
  }
}
