package dev.beca.core.quality;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How the parts weigh in the {@link QualityScore}, how lint density is normalised, and the security
 * gate. Immutable; build with {@link #builder()}.
 */
public final class ScoreWeights {

  /**
   * The stock weights: tests 0.4, lint 0.3, coverage 0.3; lint findings weighted 8, 4, 1, 0.25 and
   * 0.05 by priority 1 to 5, with the lint part at half at 30 weighted findings per 1,000 lines for
   * PMD (and any other linter) and 250 for pylint (calibrated in docs/benchmarks.md).
   */
  public static final ScoreWeights DEFAULT = builder().build();

  private final double tests;
  private final double lint;
  private final double coverage;
  private final double lintHalfScoreDensity;
  private final Map<String, Double> lintHalfScoreDensities;
  private final double[] lintPriorityWeights;
  private final double securityGateCap;
  private final double coverageTarget;

  private ScoreWeights(Builder builder) {
    this.tests = builder.tests;
    this.lint = builder.lint;
    this.coverage = builder.coverage;
    this.lintHalfScoreDensity = builder.lintHalfScoreDensity;
    this.lintHalfScoreDensities = Map.copyOf(builder.lintHalfScoreDensities);
    this.lintPriorityWeights = builder.lintPriorityWeights.clone();
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
    builder.lintHalfScoreDensities = new TreeMap<>(lintHalfScoreDensities);
    builder.lintPriorityWeights = lintPriorityWeights.clone();
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

  /**
   * Weighted lint findings per 1,000 lines at which the lint part is 0.5, for linters without their
   * own.
   */
  public double lintHalfScoreDensity() {
    return lintHalfScoreDensity;
  }

  /**
   * Weighted lint findings per 1,000 lines at which one linter's lint part is 0.5: its own value
   * (e.g. {@code pylint} 250) or {@link #lintHalfScoreDensity()}.
   *
   * @param probe the linter probe's name
   * @return the density
   */
  public double lintHalfScoreDensity(String probe) {
    return lintHalfScoreDensities.getOrDefault(probe, lintHalfScoreDensity);
  }

  /**
   * What one lint finding weighs, by its priority.
   *
   * @param priority 1 (most important) to 5
   * @return the weight
   */
  public double lintWeight(int priority) {
    return lintPriorityWeights[priority - 1];
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
    return "ScoreWeights[tests="
        + tests
        + ", lint="
        + lint
        + ", coverage="
        + coverage
        + ", lintHalfScoreDensity="
        + lintHalfScoreDensity
        + ", lintHalfScoreDensities="
        + new TreeMap<>(lintHalfScoreDensities)
        + ", lintPriorityWeights="
        + java.util.Arrays.toString(lintPriorityWeights)
        + ", securityGateCap="
        + securityGateCap
        + ", coverageTarget="
        + coverageTarget
        + "]";
  }

  /** Builds {@link ScoreWeights}; each setter fails fast naming its field. */
  public static final class Builder {
    private double tests = 0.4;
    private double lint = 0.3;
    private double coverage = 0.3;
    private double lintHalfScoreDensity = 30;
    private Map<String, Double> lintHalfScoreDensities = new TreeMap<>(Map.of("pylint", 250.0));
    private double[] lintPriorityWeights = {8, 4, 1, 0.25, 0.05};
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

    /**
     * Weighted findings per 1,000 lines that halve the lint part of linters without their own;
     * positive.
     */
    public Builder lintHalfScoreDensity(double density) {
      this.lintHalfScoreDensity = positive("lintHalfScoreDensity", density);
      return this;
    }

    /** Weighted findings per 1,000 lines that halve the lint part of one linter probe; positive. */
    public Builder lintHalfScoreDensity(String probe, double density) {
      if (probe == null || probe.isBlank()) {
        throw new IllegalArgumentException("lintHalfScoreDensity probe must not be blank");
      }
      this.lintHalfScoreDensities.put(probe, positive("lintHalfScoreDensity of " + probe, density));
      return this;
    }

    /**
     * The weight of a lint finding of each priority, 1 to 5 in order; each finite and not negative.
     */
    public Builder lintPriorityWeights(double... weights) {
      if (weights == null || weights.length != 5) {
        throw new IllegalArgumentException(
            "lintPriorityWeights must give 5 weights, for priorities 1 to 5");
      }
      for (double w : weights) {
        weight("lintPriorityWeights", w);
      }
      this.lintPriorityWeights = weights.clone();
      return this;
    }

    private static double positive(String field, double value) {
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(field + " must be positive, was " + value);
      }
      return value;
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
        throw new IllegalArgumentException(
            field + " weight must be a finite number >= 0, was " + value);
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
