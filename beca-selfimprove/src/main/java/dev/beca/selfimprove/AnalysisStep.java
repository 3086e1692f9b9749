package dev.beca.selfimprove;

import dev.beca.core.improve.StepRecord.StepOutcome;
import dev.beca.core.quality.Severity;
import dev.beca.selfimprove.analysis.CodeAnalysis;
import dev.beca.selfimprove.analysis.JavaCodeAnalyzer;
import dev.beca.selfimprove.spi.EvaluationContext;
import dev.beca.selfimprove.spi.EvaluationStep;
import dev.beca.selfimprove.spi.Measure;
import dev.beca.selfimprove.spi.StepResult;
import dev.beca.selfimprove.spi.TestReport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An evaluation step that counts the Java analysis findings of a tree ({@link JavaCodeAnalyzer}):
 * {@code analysis.issues} and {@code analysis.high} (high-severity ones), lower is better, exact
 * (no noise). It reads and parses files only and runs no code of the project, so it is cheap and
 * needs no sandbox; put it after the compile step. It is the measure a model-free recipe improves
 * while the tests stay as they were.
 */
public final class AnalysisStep implements EvaluationStep {

  private final JavaCodeAnalyzer analyzer;
  private final Duration timeLimit;

  /**
   * A step with the stock analyzer.
   *
   * @param timeLimit how long the analysis may take
   */
  public AnalysisStep(Duration timeLimit) {
    this(JavaCodeAnalyzer.builder().build(), timeLimit);
  }

  /**
   * A step with its own analyzer.
   *
   * @param analyzer the analyzer
   * @param timeLimit how long the analysis may take
   */
  public AnalysisStep(JavaCodeAnalyzer analyzer, Duration timeLimit) {
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
    this.timeLimit = Objects.requireNonNull(timeLimit, "timeLimit");
  }

  @Override
  public String name() {
    return "analysis";
  }

  @Override
  public Duration timeLimit() {
    return timeLimit;
  }

  @Override
  public StepResult run(EvaluationContext context) {
    CodeAnalysis analysis = analyzer.analyze(context.tree());
    long high = analysis.issues().stream().filter(i -> i.severity() == Severity.HIGH).count();
    return new StepResult(
        StepOutcome.PASSED,
        analysis.issues().size()
            + " findings ("
            + high
            + " high) in "
            + analysis.files()
            + " files",
        TestReport.none(),
        List.of(
            new Measure("analysis.issues", analysis.issues().size(), false, 0),
            new Measure("analysis.high", high, false, 0)),
        List.of());
  }
}
