package dev.beca.selfimprove.analysis;

import dev.beca.core.quality.Severity;

/**
 * What a {@link CodeIssue} is about. Metric kinds compare a measured value with a threshold of
 * {@link AnalysisThresholds}; the other kinds are shapes found on the syntax tree, each with a
 * fixed severity.
 */
public enum IssueKind {
  /** A method's or constructor's cyclomatic complexity is above the threshold. */
  METHOD_COMPLEXITY(Category.COMPLEXITY, null),
  /** A method's length in lines is above the threshold. */
  METHOD_LENGTH(Category.SIZE, null),
  /** A method has more parameters than the threshold. */
  METHOD_PARAMETERS(Category.SIZE, null),
  /** Control statements are nested deeper than the threshold. */
  METHOD_NESTING(Category.COMPLEXITY, null),
  /** A class's length in lines is above the threshold. */
  CLASS_LENGTH(Category.SIZE, null),
  /** A class declares more methods than the threshold. */
  CLASS_METHODS(Category.SIZE, null),
  /** A class declares more fields than the threshold. */
  CLASS_FIELDS(Category.SIZE, null),
  /** {@code s += x} (or {@code s = s + x}) on a {@code String} inside a loop: quadratic copying. */
  STRING_CONCAT_IN_LOOP(Category.PERFORMANCE, Severity.MEDIUM),
  /**
   * Arithmetic on boxed numbers in a loop: a boxed accumulator ({@code Integer sum; sum += x}) or
   * the elements of a boxed collection ({@code List<Integer>}) summed one by one.
   */
  BOXED_ARITHMETIC_IN_LOOP(Category.PERFORMANCE, Severity.LOW),
  /**
   * A regular expression compiled in a loop: {@code Pattern.compile}, {@code String.matches},
   * {@code replaceAll}, {@code replaceFirst} or {@code split} with a pattern that has no fast path.
   */
  REGEX_IN_LOOP(Category.PERFORMANCE, Severity.MEDIUM),
  /**
   * An object that is expensive to build ({@code SimpleDateFormat}, {@code ObjectMapper}, {@code
   * JAXBContext}, ...) created in a loop.
   */
  EXPENSIVE_OBJECT_IN_LOOP(Category.PERFORMANCE, Severity.MEDIUM),
  /**
   * A data-access call ({@code repository.findById(item.id())}, {@code dao.getXById(...)}) made
   * once per element of a loop: the N+1 query shape.
   */
  N_PLUS_ONE_CALL(Category.PERFORMANCE, Severity.MEDIUM),
  /** {@code map.containsKey(k)} followed by {@code map.get(k)}: two lookups where one does. */
  CONTAINS_KEY_THEN_GET(Category.PERFORMANCE, Severity.LOW),
  /** {@code Pattern.compile} of a constant in a method body, compiled at every call. */
  CONSTANT_PATTERN_IN_METHOD(Category.PERFORMANCE, Severity.LOW),
  /** A private field that is never read or written. */
  UNUSED_PRIVATE_FIELD(Category.STYLE, Severity.LOW),
  /** An import whose name does not occur in the file (not even in comments). */
  UNUSED_IMPORT(Category.STYLE, Severity.LOW),
  /** {@code c.size() == 0} (or {@code != 0}, {@code > 0}) on a collection or map. */
  SIZE_COMPARED_WITH_ZERO(Category.STYLE, Severity.LOW),
  /** {@code Integer.valueOf(x).intValue()} and its siblings: boxing only to unbox. */
  REDUNDANT_BOXING(Category.PERFORMANCE, Severity.LOW),
  /** {@code if (c) return true; else return false;}: {@code return c;} says the same. */
  BOOLEAN_RETURN_IF(Category.STYLE, Severity.LOW);

  /** The broad family of a kind. */
  public enum Category {
    /** Branching and nesting. */
    COMPLEXITY,
    /** Length and counts. */
    SIZE,
    /** Shapes that cost time or memory. */
    PERFORMANCE,
    /** Shapes that cost readability only. */
    STYLE
  }

  private final Category category;
  private final Severity fixedSeverity;

  IssueKind(Category category, Severity fixedSeverity) {
    this.category = category;
    this.fixedSeverity = fixedSeverity;
  }

  /**
   * The family of this kind.
   *
   * @return the category
   */
  public Category category() {
    return category;
  }

  /**
   * Whether this kind compares a metric with a threshold.
   *
   * @return whether {@link CodeIssue#value()} and {@link CodeIssue#threshold()} are meaningful
   */
  public boolean isMetric() {
    return fixedSeverity == null;
  }

  /**
   * The severity of a shape-based kind.
   *
   * @return the severity; {@code null} for metric kinds, whose severity depends on the excess
   */
  Severity fixedSeverity() {
    return fixedSeverity;
  }
}
