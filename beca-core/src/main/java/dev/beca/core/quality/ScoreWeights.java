package dev.beca.core.quality;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the parts weigh in the {@link QualityScore}, how lint density is normalised, and the
 * security gate. Immutable; build with {@link #builder()}.
 */
public final class ScoreWeights {

  /** The stock weights: tests 0.4, lint 0.3, coverage 0.3, lint half-score at 10 per 1,000 lines. */
  public static final ScoreWeights DEFAULT = builder().build();

  private final double tests;
  private final double lint;
  private final double coverage;
  private final double lintHalfScoreDensity;
  private final double securityGateCap;
  private final double coverageTarget;

  private ScoreWeights(Builder builder) {
    this.tests = builder.tests;
    this.lint = builder.lint;
    this.coverage = builder.coverage;
    this.lintHalfScoreDensity = builder.lintHalfScoreDensity;
    this.securityGateCap = builder.securityGateCap;
    this.coverageTarget = builder.coverageTarget;
  }

  /** A builder with the stock values. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.tests = tests;
    builder.lint = lint;
    builder.coverage = coverage;
    builder.lintHalfScoreDensity = lintHalfScoreDensity;
    builder.securityGateCap = securityGateCap;
    builder.coverageTarget = coverageTarget;
    return builder;
  }

  /** The weight of each scored part (tests, lint, coverage), before renormalisation. */
  public Map<ProbeKind, Double> weights() {
    Map<ProbeKind, Double> weights = new EnumMap<>(ProbeKind.class);
    weights.put(ProbeKind.TESTS, tests);
    weights.put(ProbeKind.LINT, lint);
    weights.put(ProbeKind.COVERAGE, coverage);
    return weights;
  }

  /** Lint findings per 1,000 lines at which the lint part is 0.5. */
  public double lintHalfScoreDensity() {
    return lintHalfScoreDensity;
  }

  /** The highest score a result with a high-severity security finding can get. */
  public double securityGateCap() {
    return securityGateCap;
  }

  /** Line coverage below which a hint is given, 0 to 1. */
  public double coverageTarget() {
    return coverageTarget;
  }

  @Override
  public String toString() {
    return "ScoreWeights[tests=" + tests + ", lint=" + lint + ", coverage=" + coverage
        + ", lintHalfScoreDensity=" + lintHalfScoreDensity + ", securityGateCap=" + securityGateCap
        + ", coverageTarget=" + coverageTarget + "]";
  }

  /** Builds {@link ScoreWeights}; each setter fails fast naming its field. */
  public static final class Builder {
    private double tests = 0.4;
    private double lint = 0.3;
    private double coverage = 0.3;
    private double lintHalfScoreDensity = 10;
    private double securityGateCap = 0.0;
    private double coverageTarget = 0.8;

    private Builder() {}

    /** Weight of the tests part; not negative. */
    public Builder tests(double weight) {
      this.tests = weight("tests", weight);
      return this;
    }

    /** Weight of the lint part; not negative. */
    public Builder lint(double weight) {
      this.lint = weight("lint", weight);
      return this;
    }

    /** Weight of the coverage part; not negative. */
    public Builder coverage(double weight) {
      this.coverage = weight("coverage", weight);
      return this;
    }

    /** Findings per 1,000 lines that halve the lint part; positive. */
    public Builder lintHalfScoreDensity(double density) {
      if (!(density > 0) || Double.isInfinite(density)) {
        throw new IllegalArgumentException("lintHalfScoreDensity must be positive, was " + density);
      }
      this.lintHalfScoreDensity = density;
      return this;
    }

    /** Highest score with a high-severity security finding, 0 to 1. */
    public Builder securityGateCap(double cap) {
      this.securityGateCap = unit("securityGateCap", cap);
      return this;
    }

    /** Line coverage below which a hint is given, 0 to 1. */
    public Builder coverageTarget(double target) {
      this.coverageTarget = unit("coverageTarget", target);
      return this;
    }

    /**
     * Builds the weights.
     *
     * @throws IllegalArgumentException when all three weights are zero
     */
    public ScoreWeights build() {
      if (tests + lint + coverage <= 0) {
        throw new IllegalArgumentException("tests, lint and coverage weights must not all be zero");
      }
      return new ScoreWeights(this);
    }

    private static double weight(String field, double value) {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(field + " weight must be a finite number >= 0, was " + value);
      }
      return value;
    }

    private static double unit(String field, double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException(field + " must be between 0 and 1, was " + value);
      }
      return value;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScoreWeights w && w.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return Objects.hash(toString());
  }
}
