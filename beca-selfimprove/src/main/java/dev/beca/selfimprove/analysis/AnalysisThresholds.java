package dev.beca.selfimprove.analysis;

/**
 * The highest accepted value of each metric; a value above it is an issue ({@link
 * dev.beca.core.quality.Severity#MEDIUM}), a value at twice it or more a {@link
 * dev.beca.core.quality.Severity#HIGH} one.
 *
 * <p>The defaults follow the tools whose limits most projects already accept:
 *
 * <ul>
 *   <li>method complexity 10: McCabe's own limit, PMD's {@code CyclomaticComplexity} method level
 *       and Checkstyle's {@code CyclomaticComplexity} default;
 *   <li>method length 60 lines: PMD's {@code NcssCount} method level (60), counted in lines rather
 *       than statements, so a little stricter; Checkstyle's {@code MethodLength} (150) flags only
 *       the extremes;
 *   <li>parameters 7: Checkstyle's {@code ParameterNumber};
 *   <li>nesting 4: one level above PMD's {@code AvoidDeeplyNestedIfStmts} (3), which counts only
 *       {@code if}s;
 *   <li>class length 1,000 lines: PMD's former {@code ExcessiveClassLength};
 *   <li>methods per class 30 and fields per class 15: PMD's {@code TooManyFields} (15) and a count
 *       of methods three times PMD's {@code TooManyMethods} (10, which leaves getters and setters
 *       out; this count includes them).
 * </ul>
 */
public final class AnalysisThresholds {

  private final int methodComplexity;
  private final int methodLines;
  private final int methodParameters;
  private final int methodNesting;
  private final int classLines;
  private final int classMethods;
  private final int classFields;

  private AnalysisThresholds(Builder builder) {
    this.methodComplexity = builder.methodComplexity;
    this.methodLines = builder.methodLines;
    this.methodParameters = builder.methodParameters;
    this.methodNesting = builder.methodNesting;
    this.classLines = builder.classLines;
    this.classMethods = builder.classMethods;
    this.classFields = builder.classFields;
  }

  /**
   * The defaults described above.
   *
   * @return the default thresholds
   */
  public static AnalysisThresholds defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .methodComplexity(methodComplexity)
        .methodLines(methodLines)
        .methodParameters(methodParameters)
        .methodNesting(methodNesting)
        .classLines(classLines)
        .classMethods(classMethods)
        .classFields(classFields);
  }

  /**
   * Highest accepted cyclomatic complexity of a method.
   *
   * @return the threshold
   */
  public int methodComplexity() {
    return methodComplexity;
  }

  /**
   * Highest accepted length of a method in lines.
   *
   * @return the threshold
   */
  public int methodLines() {
    return methodLines;
  }

  /**
   * Highest accepted number of parameters.
   *
   * @return the threshold
   */
  public int methodParameters() {
    return methodParameters;
  }

  /**
   * Highest accepted nesting depth of control statements.
   *
   * @return the threshold
   */
  public int methodNesting() {
    return methodNesting;
  }

  /**
   * Highest accepted length of a class in lines.
   *
   * @return the threshold
   */
  public int classLines() {
    return classLines;
  }

  /**
   * Highest accepted number of methods declared in a class.
   *
   * @return the threshold
   */
  public int classMethods() {
    return classMethods;
  }

  /**
   * Highest accepted number of fields declared in a class.
   *
   * @return the threshold
   */
  public int classFields() {
    return classFields;
  }

  /** Builds {@link AnalysisThresholds}; every value must be at least 1. */
  public static final class Builder {
    private int methodComplexity = 10;
    private int methodLines = 60;
    private int methodParameters = 7;
    private int methodNesting = 4;
    private int classLines = 1000;
    private int classMethods = 30;
    private int classFields = 15;

    private Builder() {}

    /**
     * Sets the highest accepted cyclomatic complexity of a method.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder methodComplexity(int value) {
      this.methodComplexity = positive("methodComplexity", value);
      return this;
    }

    /**
     * Sets the highest accepted length of a method in lines.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder methodLines(int value) {
      this.methodLines = positive("methodLines", value);
      return this;
    }

    /**
     * Sets the highest accepted number of parameters.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder methodParameters(int value) {
      this.methodParameters = positive("methodParameters", value);
      return this;
    }

    /**
     * Sets the highest accepted nesting depth.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder methodNesting(int value) {
      this.methodNesting = positive("methodNesting", value);
      return this;
    }

    /**
     * Sets the highest accepted length of a class in lines.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder classLines(int value) {
      this.classLines = positive("classLines", value);
      return this;
    }

    /**
     * Sets the highest accepted number of methods in a class.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder classMethods(int value) {
      this.classMethods = positive("classMethods", value);
      return this;
    }

    /**
     * Sets the highest accepted number of fields in a class.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder classFields(int value) {
      this.classFields = positive("classFields", value);
      return this;
    }

    /**
     * Builds the thresholds.
     *
     * @return the thresholds
     */
    public AnalysisThresholds build() {
      return new AnalysisThresholds(this);
    }

    private static int positive(String field, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(field + " must be at least 1, was " + value);
      }
      return value;
    }
  }
}
