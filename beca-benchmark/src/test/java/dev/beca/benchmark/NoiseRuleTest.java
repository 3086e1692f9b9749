package dev.beca.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The noise rule of {@link Comparison#isSlower}, on given samples. */
class NoiseRuleTest {

  private static TestTimings.Sample sample(Double... seconds) {
    return new TestTimings.Sample("t", List.of(seconds));
  }

  @Test
  void oneRunEachFlagsHalfAgainAndATenthOfASecond() {
    assertThat(Comparison.isSlower(sample(0.2), sample(0.31))).isTrue();
    assertThat(Comparison.isSlower(sample(0.2), sample(0.29))).as("below x1.5").isFalse();
    assertThat(Comparison.isSlower(sample(0.01), sample(0.09))).as("below 0.1 s").isFalse();
  }

  @Test
  void repeatedRunsWhoseRangesOverlapAreNoiseWhateverTheirMedians() {
    // The medians differ by 0.3 s, but B's fastest run is as fast as A's: noise.
    assertThat(
            Comparison.isSlower(sample(0.0, 0.3, 0.0, 0.3, 0.0), sample(0.3, 0.0, 0.3, 0.0, 0.3)))
        .isFalse();
    // The single-run rule would have flagged the same pair of medians.
    assertThat(Comparison.isSlower(sample(0.0), sample(0.3))).isTrue();
  }

  @Test
  void repeatedRunsFlagBApartFromAByTwentyPercentAndFiftyMilliseconds() {
    assertThat(Comparison.isSlower(sample(1.0, 1.02, 0.99), sample(1.3, 1.25, 1.28))).isTrue();
    assertThat(Comparison.isSlower(sample(1.0, 1.02, 0.99), sample(1.1, 1.12, 1.15)))
        .as("apart, but less than 20 % slower")
        .isFalse();
    assertThat(Comparison.isSlower(sample(0.01, 0.011, 0.01), sample(0.03, 0.031, 0.03)))
        .as("three times slower, but by less than 50 ms")
        .isFalse();
  }

  @Test
  void aSampleSummarisesItsRuns() {
    TestTimings.Sample s = sample(0.4, 0.1, 0.3, 0.2);
    assertThat(s.median()).isEqualTo(0.25, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(s.min()).isEqualTo(0.1);
    assertThat(s.max()).isEqualTo(0.4);
    assertThat(s.spread()).isEqualTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
  }
}
