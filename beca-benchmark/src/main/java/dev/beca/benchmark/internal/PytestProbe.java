package dev.beca.benchmark.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.quality.CoverageReport;
import dev.beca.core.quality.ProbeContext;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ProbeStatus;
import dev.beca.core.quality.TestReport;
import dev.beca.core.quality.ToolProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * pytest under coverage.py, with one interpreter that has both: {@code coverage run -m pytest
 * --junitxml}, then {@code coverage json}; both reports are read from their files.
 */
public final class PytestProbe extends PythonProbe {

  /** The probe's name. */
  public static final String NAME = "pytest";

  /** Test files left out of the coverage measurement. */
  public static final String OMIT = "*/test_*.py,*/*_test.py,*/tests/*,*/conftest.py";

  /**
   * Creates the probe.
   *
   * @param candidates Python interpreters to try, in order
   */
  public PytestProbe(List<String> candidates) {
    super(candidates, List.of("pytest", "coverage"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<ProbeKind> measures() {
    return Set.of(ProbeKind.TESTS, ProbeKind.COVERAGE);
  }

  /** The test command, with the interpreter and the output folder. */
  public static List<String> testCommand(String python, Path output) {
    return List.of(
        python,
        "-m",
        "coverage",
        "run",
        "--branch",
        "--source=.",
        "--omit=" + OMIT,
        "-m",
        "pytest",
        "--junitxml=" + output.resolve("pytest.xml"),
        "-p",
        "no:cacheprovider",
        "-q");
  }

  /** The coverage report command. */
  public static List<String> coverageCommand(String python, Path output) {
    return List.of(
        python, "-m", "coverage", "json", "-o", output.resolve("coverage.json").toString());
  }

  @Override
  public ProbeResult run(ProbeContext context) {
    Instant start = Instant.now();
    var found = interpreter();
    if (found.isEmpty()) {
      return unavailable(start);
    }
    String python = found.get().command();
    String version = found.get().describe(List.of("pytest", "coverage"));
    Path out = context.outputDirectory();
    Map<String, String> env = new HashMap<>(context.environment());
    env.put("COVERAGE_FILE", out.resolve(".coverage").toString());
    ToolProcesses.Outcome tests =
        context
            .processes()
            .run(
                testCommand(python, out),
                context.projectRoot(),
                env,
                out.resolve("pytest"),
                context.deadline());
    if (tests.timedOut()) {
      return ProbeResult.without(
          this,
          ProbeStatus.TIMED_OUT,
          "The time limit passed while pytest ran; it and its "
              + "child processes were killed. Raise the time limit.",
          version,
          Duration.between(start, Instant.now()));
    }
    Path junit = out.resolve("pytest.xml");
    if (!Files.isRegularFile(junit)) {
      return ProbeResult.without(
          this,
          ProbeStatus.FAILED,
          "pytest wrote no report (exit "
              + tests.exitCode()
              + "): "
              + Texts.tail(tests.stdout(), 5)
              + " "
              + Texts.tail(tests.stderr(), 5),
          version,
          Duration.between(start, Instant.now()));
    }
    try {
      TestReport report = JUnitXmlReports.read(List.of(junit));
      ToolProcesses.Outcome json =
          context
              .processes()
              .run(
                  coverageCommand(python, out),
                  context.projectRoot(),
                  env,
                  out.resolve("coverage"),
                  context.deadline());
      CoverageReport coverage = null;
      Path coverageJson = out.resolve("coverage.json");
      if (!json.timedOut() && Files.isRegularFile(coverageJson)) {
        JsonNode totals = new ObjectMapper().readTree(coverageJson.toFile()).path("totals");
        coverage =
            new CoverageReport(
                totals.path("covered_lines").asLong(),
                totals.path("num_statements").asLong(),
                totals.path("covered_branches").asLong(),
                totals.path("num_branches").asLong());
      }
      return new ProbeResult(
          NAME,
          measures(),
          ProbeStatus.OK,
          "pytest exit "
              + tests.exitCode()
              + (coverage == null ? "; coverage json failed: " + Texts.tail(json.stderr(), 3) : ""),
          version,
          Duration.between(start, Instant.now()),
          report,
          coverage,
          null,
          null);
    } catch (IOException | RuntimeException e) {
      return ProbeResult.without(
          this,
          ProbeStatus.FAILED,
          "The pytest or coverage report could not be read: " + e.getMessage(),
          version,
          Duration.between(start, Instant.now()));
    }
  }
}
