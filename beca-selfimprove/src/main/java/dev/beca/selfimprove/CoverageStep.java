package dev.beca.selfimprove;

import dev.beca.core.improve.MeasureDelta;
import dev.beca.core.improve.MeasureDelta.Change;
import dev.beca.core.improve.StepRecord.StepOutcome;
import dev.beca.selfimprove.internal.ChangedLines;
import dev.beca.selfimprove.internal.GitCli;
import dev.beca.selfimprove.internal.LineCoverage;
import dev.beca.selfimprove.spi.EvaluationContext;
import dev.beca.selfimprove.spi.EvaluationStep;
import dev.beca.selfimprove.spi.Measure;
import dev.beca.selfimprove.spi.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jacoco.agent.AgentJar;

/**
 * The tests with line coverage, as one evaluation step (named {@code tests}, so it takes the place
 * of {@link CommandStep#mavenTests()} or {@link CommandStep#pytest()}): the tests' JUnit reports
 * give the passed and failed tests as there, and the coverage tool gives the covered and missed
 * lines of every source file. It runs in the sandbox like any step: coverage.py as {@code coverage
 * run -m pytest} (test files left out of the measurement), JaCoCo's agent for every JVM of a Maven
 * run through {@code JAVA_TOOL_OPTIONS} (so no build file changes; the agent is written into the
 * tree's {@code .beca-eval/}), analysed against every module's {@code target/classes}.
 *
 * <p>Measures: {@code coverage.lines}, the covered share of all executable lines (higher is better,
 * noise 0.001). For a proposal it also compares the files the proposal changes: {@code
 * coverage.changed_files}, their covered share before (the base revision) and after, worse when it
 * drops (no coverage drop on changed code), better when it rises; and reports {@code
 * coverage.changed_lines}, how many of the lines the diff adds or changes are covered, naming the
 * ones that are not (a report, not judged).
 *
 * <p>Without coverage.py next to pytest, the Python tests run without coverage and the detail says
 * so; the measures are then missing on both sides and nothing is judged on coverage.
 */
public final class CoverageStep implements EvaluationStep {

  /** The coverage tool. */
  public enum Tool {
    /** coverage.py around pytest. */
    COVERAGE_PY,
    /** JaCoCo's agent around a Maven test run. */
    JACOCO
  }

  private static final String EVAL = ".beca-eval";

  private static final String PYTEST_WITH_COVERAGE =
      "export COVERAGE_FILE="
          + EVAL
          + "/.coverage\n"
          + "for p in python3 /usr/bin/python3 python; do\n"
          + "  if \"$p\" -c 'import coverage, pytest' >/dev/null 2>&1; then\n"
          + "    \"$p\" -m coverage run --source=. --omit='*/test_*.py,*/*_test.py,*/tests/*,*/conftest.py'"
          + " -m pytest -q -p no:cacheprovider --junitxml="
          + CommandStep.PYTEST_REPORT
          + "; rc=$?\n"
          + "    \"$p\" -m coverage json -q -o "
          + EVAL
          + "/coverage.json >/dev/null 2>&1\n"
          + "    exit $rc\n"
          + "  fi\n"
          + "done\n"
          + "echo 'coverage.py is not installed next to pytest: the tests run without coverage' >&2\n"
          + "python3 -m pytest -q -p no:cacheprovider --junitxml="
          + CommandStep.PYTEST_REPORT;

  private final Tool tool;
  private final String testCommand;
  private final Duration timeLimit;
  private final Map<Path, LineCoverage> baseCoverage = new ConcurrentHashMap<>();

  private CoverageStep(Tool tool, String testCommand, Duration timeLimit) {
    this.tool = tool;
    this.testCommand = testCommand;
    this.timeLimit = timeLimit;
  }

  /** pytest under coverage.py, 30 minutes. */
  public static CoverageStep pytest() {
    return new CoverageStep(Tool.COVERAGE_PY, PYTEST_WITH_COVERAGE, Duration.ofMinutes(30));
  }

  /**
   * A Maven test run under JaCoCo, 30 minutes.
   *
   * @param maven the Maven command ({@code mvn}, {@code ./mvnw}); {@code -B -o test
   *     -Djacoco.skip=true} is added (the POM's own JaCoCo, if any, is turned off)
   */
  public static CoverageStep maven(String maven) {
    Objects.requireNonNull(maven, "maven");
    if (maven.isBlank()) {
      throw new IllegalArgumentException("maven must not be blank");
    }
    // -Djacoco.skip=true: a POM's own jacoco-maven-plugin would attach a second agent to the
    // test JVM, which then aborts (exit 134, commons-cli's parent POM), as beca-benchmark found.
    return new CoverageStep(
        Tool.JACOCO, maven + " -B -o test -Djacoco.skip=true", Duration.ofMinutes(30));
  }

  /** The same step with another time limit (whole seconds, at least 1). */
  public CoverageStep withTimeLimit(Duration value) {
    Objects.requireNonNull(value, "timeLimit");
    if (value.toSeconds() < 1 || value.toNanos() % 1_000_000_000L != 0) {
      throw new IllegalArgumentException(
          "timeLimit must be a positive number of whole seconds, was " + value);
    }
    return new CoverageStep(tool, testCommand, value);
  }

  /** The tool. */
  public Tool tool() {
    return tool;
  }

  @Override
  public String name() {
    return "tests";
  }

  @Override
  public Duration timeLimit() {
    return timeLimit;
  }

  @Override
  public StepResult run(EvaluationContext context) {
    Path tree = context.tree().toAbsolutePath().normalize();
    Path eval = tree.resolve(EVAL);
    String command;
    String problem = "";
    try {
      Files.createDirectories(eval);
      for (String old : List.of("coverage.json", ".coverage", "jacoco.exec")) {
        Files.deleteIfExists(eval.resolve(old));
      }
      command = tool == Tool.COVERAGE_PY ? testCommand : jacocoCommand(tree, eval);
    } catch (IOException | IllegalStateException e) {
      problem = "; coverage not measured: " + e.getMessage();
      command = testCommand;
    }
    StepResult tests =
        CommandStep.builder(name(), command)
            .timeLimit(Duration.ofSeconds(Math.max(1, timeLimit.toSeconds())))
            .reports(
                tool == Tool.COVERAGE_PY ? CommandStep.PYTEST_REPORT : CommandStep.SUREFIRE_REPORTS)
            .build()
            .run(context);
    String shown =
        tests
            .detail()
            .replace(
                command,
                tool == Tool.COVERAGE_PY
                    ? "pytest under coverage.py"
                    : testCommand + " under JaCoCo");
    if (tests.outcome() == StepOutcome.STOPPED || tests.outcome() == StepOutcome.TIMED_OUT) {
      return new StepResult(tests.outcome(), shown, tests.tests(), List.of(), List.of());
    }
    LineCoverage coverage = null;
    if (problem.isEmpty()) {
      try {
        coverage = read(tree, eval);
        if (coverage == null) {
          problem = "; coverage not measured: the coverage tool wrote no report";
        }
      } catch (IOException | RuntimeException e) {
        problem = "; coverage not measured: the report could not be read: " + e.getMessage();
      }
    }
    if (coverage == null || coverage.total(null) == 0) {
      return new StepResult(
          tests.outcome(),
          shown + (problem.isEmpty() ? "; no executable line was measured" : problem),
          tests.tests(),
          List.of(),
          List.of());
    }
    List<Measure> measures =
        List.of(new Measure("coverage.lines", ratio(coverage, null), true, 0.001));
    String detail =
        shown + "\ncoverage: " + coverage.covered(null) + " of " + coverage.total(null) + " lines";
    List<MeasureDelta> deltas = new ArrayList<>();
    if (context.baseTree().isEmpty()) {
      if (baseCoverage.size() > 16) {
        baseCoverage.clear();
      }
      baseCoverage.put(tree, coverage);
    } else {
      LineCoverage base = baseCoverage.get(context.baseTree().get().toAbsolutePath().normalize());
      deltas.addAll(changedCode(tree, base, coverage));
    }
    return new StepResult(tests.outcome(), detail, tests.tests(), measures, deltas);
  }

  private LineCoverage read(Path tree, Path eval) throws IOException {
    if (tool == Tool.COVERAGE_PY) {
      Path json = eval.resolve("coverage.json");
      return Files.isRegularFile(json) ? LineCoverage.fromCoveragePy(json, tree) : null;
    }
    Path exec = eval.resolve("jacoco.exec");
    return Files.isRegularFile(exec) ? LineCoverage.fromJacoco(tree, exec) : null;
  }

  /** The coverage of the changed files before and after, and of the changed lines. */
  private static List<MeasureDelta> changedCode(Path tree, LineCoverage base, LineCoverage after) {
    GitCli.Result diff =
        new GitCli(tree).run("diff", "-U0", "--no-color", "--no-ext-diff", "HEAD~1", "HEAD");
    if (!diff.ok()) {
      return List.of();
    }
    Map<String, Set<Integer>> changed = new LinkedHashMap<>();
    ChangedLines.of(diff.out())
        .forEach(
            (file, lines) -> {
              if (after.files().containsKey(file)
                  || (base != null && base.files().containsKey(file))) {
                changed.put(file, lines);
              }
            });
    if (changed.isEmpty()) {
      return List.of();
    }
    List<MeasureDelta> deltas = new ArrayList<>();
    int executable = 0;
    Set<String> uncovered = new LinkedHashSet<>();
    int covered = 0;
    for (Map.Entry<String, Set<Integer>> e : changed.entrySet()) {
      LineCoverage.FileLines lines = after.files().get(e.getKey());
      if (lines == null) {
        continue;
      }
      Set<Integer> missed = new TreeSet<>();
      for (int line : e.getValue()) {
        if (lines.covered().contains(line)) {
          executable++;
          covered++;
        } else if (lines.missed().contains(line)) {
          executable++;
          missed.add(line);
        }
      }
      if (!missed.isEmpty()) {
        uncovered.add(
            e.getKey()
                + ":"
                + missed.stream().map(String::valueOf).collect(Collectors.joining(",")));
      }
    }
    deltas.add(
        new MeasureDelta(
            "coverage.changed_lines",
            "-",
            covered + "/" + executable,
            Change.UNMEASURED,
            executable == 0
                ? "no executable line changed"
                : uncovered.isEmpty()
                    ? "every changed line is covered"
                    : "not covered: " + String.join(" ", uncovered)));
    if (base == null) {
      return deltas;
    }
    Set<String> files = changed.keySet();
    long baseTotal = base.total(files);
    long afterTotal = after.total(files);
    if (baseTotal == 0 || afterTotal == 0) {
      return deltas;
    }
    double before = base.covered(files) / (double) baseTotal;
    double now = after.covered(files) / (double) afterTotal;
    Change change =
        Math.abs(now - before) < 1e-9 ? Change.SAME : now > before ? Change.BETTER : Change.WORSE;
    deltas.add(
        new MeasureDelta(
            "coverage.changed_files",
            percent(before),
            percent(now),
            change,
            String.join(", ", files)
                + ": "
                + base.covered(files)
                + "/"
                + baseTotal
                + " -> "
                + after.covered(files)
                + "/"
                + afterTotal
                + " lines covered"));
    return deltas;
  }

  private static double ratio(LineCoverage c, Set<String> files) {
    long total = c.total(files);
    return total == 0 ? 0 : c.covered(files) / (double) total;
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }

  /** The Maven command with JaCoCo's agent given to every JVM through JAVA_TOOL_OPTIONS. */
  private String jacocoCommand(Path tree, Path eval) throws IOException {
    Path agent = eval.resolve("jacocoagent.jar");
    if (!Files.isRegularFile(agent)) {
      AgentJar.extractTo(agent.toFile());
    }
    Path exec = eval.resolve("jacoco.exec");
    for (Path p : List.of(agent, exec)) {
      if (p.toString()
          .chars()
          .anyMatch(c -> Character.isWhitespace(c) || ",='\"$`\\".indexOf(c) >= 0)) {
        throw new IllegalStateException(
            "the path " + p + " holds a character JAVA_TOOL_OPTIONS cannot carry");
      }
    }
    return "JAVA_TOOL_OPTIONS='-javaagent:"
        + agent
        + "=destfile="
        + exec
        + ",append=true,includes="
        + includes(tree)
        + "' "
        + testCommand;
  }

  /**
   * The classes to instrument: each package root (at most three segments) of the tree's {@code
   * src/main/java} folders, so Maven's own classes are left alone; {@code *} when none is found.
   */
  static String includes(Path tree) throws IOException {
    Set<String> prefixes = new TreeSet<>();
    try (Stream<Path> files = Files.walk(tree)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.toString().contains("/.git/"))
              .toList()) {
        String path = tree.relativize(f).toString().replace('\\', '/');
        int at = path.indexOf("src/main/java/");
        if (at < 0) {
          continue;
        }
        String inSources = path.substring(at + "src/main/java/".length());
        int slash = inSources.lastIndexOf('/');
        if (slash < 0) {
          return "*";
        }
        String[] segments = inSources.substring(0, slash).split("/");
        prefixes.add(String.join(".", List.of(segments).subList(0, Math.min(3, segments.length))));
      }
    }
    List<String> roots = new ArrayList<>();
    for (String prefix : prefixes) {
      if (roots.stream().noneMatch(r -> prefix.startsWith(r + "."))) {
        roots.add(prefix);
      }
    }
    return roots.isEmpty()
        ? "*"
        : roots.stream().map(r -> r + ".*").collect(Collectors.joining(":"));
  }

  @Override
  public String toString() {
    return "CoverageStep[" + tool + ": " + testCommand + ", " + timeLimit.toSeconds() + " s]";
  }
}
