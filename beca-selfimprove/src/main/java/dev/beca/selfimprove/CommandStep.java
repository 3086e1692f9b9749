package dev.beca.selfimprove;

import dev.beca.core.improve.StepRecord.StepOutcome;
import dev.beca.selfimprove.internal.JUnitReports;
import dev.beca.selfimprove.spi.CommandOutcome;
import dev.beca.selfimprove.spi.EvaluationContext;
import dev.beca.selfimprove.spi.EvaluationStep;
import dev.beca.selfimprove.spi.StepResult;
import dev.beca.selfimprove.spi.TestReport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An evaluation step that runs a command in the tree (in the sandbox): passed when it exits with 0;
 * with report globs, the JUnit XML reports it wrote (Surefire, pytest's {@code --junitxml}) give
 * the tests that passed and failed.
 */
public final class CommandStep implements EvaluationStep {

  /** Where Surefire writes its reports, in any module. */
  public static final String SUREFIRE_REPORTS = "**/target/surefire-reports/TEST-*.xml";

  /** Where {@link #pytest()} has pytest write its report. */
  public static final String PYTEST_REPORT = ".beca-eval/pytest-junit.xml";

  private final String name;
  private final String command;
  private final Duration timeLimit;
  private final List<String> reports;

  private CommandStep(Builder b) {
    this.name = b.name;
    this.command = b.command;
    this.timeLimit = b.timeLimit;
    this.reports = List.copyOf(b.reports);
  }

  /**
   * A builder.
   *
   * @param name the step's name ({@code compile})
   * @param command the shell command line ({@code mvn -q -o compile})
   */
  public static Builder builder(String name, String command) {
    return new Builder(name, command);
  }

  /** A builder holding this step's settings. */
  public Builder toBuilder() {
    Builder b = new Builder(name, command).timeLimit(timeLimit);
    b.reports.addAll(reports);
    return b;
  }

  /** {@code mvn -B -q -o compile}, 10 minutes. */
  public static CommandStep mavenCompile() {
    return builder("compile", "mvn -B -q -o compile").timeLimit(Duration.ofMinutes(10)).build();
  }

  /** {@code mvn -B -o test} with Surefire's reports, 30 minutes. */
  public static CommandStep mavenTests() {
    return builder("tests", "mvn -B -o test")
        .timeLimit(Duration.ofMinutes(30))
        .reports(SUREFIRE_REPORTS)
        .build();
  }

  /** {@code python3 -m pytest} with a JUnit XML report, 30 minutes. */
  public static CommandStep pytest() {
    return builder("tests", "python3 -m pytest -q -p no:cacheprovider --junitxml=" + PYTEST_REPORT)
        .timeLimit(Duration.ofMinutes(30))
        .reports(PYTEST_REPORT)
        .build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Duration timeLimit() {
    return timeLimit;
  }

  /** The command line. */
  public String command() {
    return command;
  }

  @Override
  public StepResult run(EvaluationContext context) {
    CommandOutcome out = context.run(command);
    TestReport tests = TestReport.none();
    String reportProblem = "";
    if (!reports.isEmpty()) {
      try {
        tests = JUnitReports.read(JUnitReports.find(context.tree(), reports));
      } catch (IOException e) {
        reportProblem = " " + e.getMessage();
      }
    }
    String tail = tail(out.output(), 15);
    StepOutcome outcome;
    String detail;
    if (out.stopped()) {
      outcome = StepOutcome.STOPPED;
      detail = "stopped: `" + command + "` was killed by an emergency stop";
    } else if (out.timedOut()) {
      outcome = StepOutcome.TIMED_OUT;
      detail =
          "`"
              + command
              + "` exceeded its time limit of "
              + context.timeLimit().toSeconds()
              + " s and was killed with every process below it";
    } else if (out.succeeded()) {
      outcome = StepOutcome.PASSED;
      detail = "`" + command + "` exit code 0";
    } else {
      outcome = StepOutcome.FAILED;
      detail = "`" + command + "` exit code " + out.exitCode().orElse(-1) + "\n" + tail;
    }
    if (!tests.isEmpty()) {
      detail +=
          "\n" + tests.passed().size() + " tests passed, " + tests.failed().size() + " failed";
      if (!tests.failed().isEmpty()) {
        detail += ": " + String.join(", ", tests.failed());
      }
    }
    return new StepResult(outcome, detail + reportProblem, tests, List.of(), List.of());
  }

  private static String tail(String text, int lines) {
    String[] all = text.strip().split("\n");
    List<String> kept = new ArrayList<>();
    for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
      kept.add(all[i]);
    }
    return String.join("\n", kept);
  }

  @Override
  public String toString() {
    return "CommandStep[" + name + ": " + command + ", " + timeLimit.toSeconds() + " s]";
  }

  /** Builds a {@link CommandStep}; setters fail fast naming the field. */
  public static final class Builder {
    private final String name;
    private final String command;
    private Duration timeLimit = Duration.ofMinutes(10);
    private final List<String> reports = new ArrayList<>();

    private Builder(String name, String command) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(command, "command");
      if (!name.matches("[a-z0-9][a-z0-9_.-]*")) {
        throw new IllegalArgumentException(
            "name must be lower-case letters, digits, '.', '_' or '-', was '" + name + "'");
      }
      if (command.isBlank()) {
        throw new IllegalArgumentException("command must not be blank");
      }
      this.name = name;
      this.command = command;
    }

    /** The time limit, whole seconds, at least 1; default 10 minutes. */
    public Builder timeLimit(Duration value) {
      Objects.requireNonNull(value, "timeLimit");
      if (value.toSeconds() < 1 || value.toNanos() % 1_000_000_000L != 0) {
        throw new IllegalArgumentException(
            "timeLimit must be a positive number of whole seconds, was " + value);
      }
      this.timeLimit = value;
      return this;
    }

    /** Adds a glob of JUnit XML reports the command writes, relative to the tree. */
    public Builder reports(String glob) {
      Objects.requireNonNull(glob, "reports");
      reports.add(glob);
      return this;
    }

    /** The step. */
    public CommandStep build() {
      return new CommandStep(this);
    }
  }
}
