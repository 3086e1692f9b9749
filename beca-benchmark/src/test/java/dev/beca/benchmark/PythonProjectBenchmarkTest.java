package dev.beca.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.benchmark.internal.PythonInterpreters;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.InMemoryBenchmarkStore;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ProbeStatus;
import dev.beca.core.quality.Severity;
import dev.beca.core.quality.TestCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Python project measured with pytest, coverage.py, pylint and bandit, compared with the raw
 * tools run by hand; plus caching, forcing, dirty trees, revision comparison and missing tools.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonProjectBenchmarkTest {

  @TempDir static Path temp;

  private Path project;
  private RevCommit first;
  private String python;
  private InMemoryBenchmarkStore store;
  private CodeBenchmark benchmark;
  private BenchmarkResult result;
  private Map<String, String> trackedBefore;

  @BeforeAll
  void measureOnce() throws Exception {
    project = temp.resolve("pycalc");
    first = FixtureProjects.python(project);
    trackedBefore = MavenProjectBenchmarkTest.trackedFiles(project);
    python =
        PythonInterpreters.find(
                PythonInterpreters.DEFAULT_CANDIDATES,
                Set.of("pytest", "coverage", "pylint", "bandit"))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "No Python with pytest, coverage, pylint and bandit: apt-get install python3-pytest python3-coverage "
                            + "pylint python3-bandit"))
            .command();
    store = new InMemoryBenchmarkStore();
    benchmark =
        CodeBenchmark.builder()
            .store(store)
            .workDirectory(temp.resolve("work"))
            .timeout(Duration.ofMinutes(5))
            .build();
    result = benchmark.run("pycalc", project, false, new RecordingProgress());
  }

  @Test
  void runsThePythonProbes() {
    assertThat(result.probes())
        .extracting(ProbeResult::probe)
        .containsExactly("pytest", "pylint", "bandit", "secrets");
    assertThat(result.probes().subList(0, 3))
        .allSatisfy(p -> assertThat(p.status()).isEqualTo(ProbeStatus.OK));
  }

  @Test
  void testCountsAndCoverageAreExactlyWhatPytestAndCoverageReport() throws Exception {
    Path raw = Files.createDirectories(temp.resolve("raw-pytest"));
    Map<String, String> env = Map.of("COVERAGE_FILE", raw.resolve(".coverage").toString());
    RawTools.run(
        project,
        env,
        python,
        "-m",
        "coverage",
        "run",
        "--branch",
        "--source=.",
        "--omit=*/test_*.py,*/*_test.py,*/tests/*,*/conftest.py",
        "-m",
        "pytest",
        "--junitxml=" + raw.resolve("junit.xml"),
        "-p",
        "no:cacheprovider",
        "-q");
    RawTools.run(
        project,
        env,
        python,
        "-m",
        "coverage",
        "json",
        "-o",
        raw.resolve("coverage.json").toString());
    List<String> junit = List.of(Files.readString(raw.resolve("junit.xml")));
    JsonNode totals =
        new ObjectMapper().readTree(raw.resolve("coverage.json").toFile()).path("totals");
    var probe = probe("pytest");

    assertThat(probe.tests().tests())
        .isEqualTo(RawTools.suiteAttribute(junit, "tests"))
        .isEqualTo(FixtureProjects.PYTHON_TESTS);
    assertThat(probe.tests().failures())
        .isEqualTo(RawTools.suiteAttribute(junit, "failures"))
        .isEqualTo(1);
    assertThat(probe.tests().errors()).isEqualTo(RawTools.suiteAttribute(junit, "errors")).isZero();
    assertThat(probe.tests().skipped())
        .isEqualTo(RawTools.suiteAttribute(junit, "skipped"))
        .isEqualTo(1);
    assertThat(probe.tests().broken())
        .extracting(TestCase::id)
        .containsExactly("test_calc.test_describe_negative");
    assertThat(probe.coverage().linesCovered()).isEqualTo(totals.path("covered_lines").asLong());
    assertThat(probe.coverage().linesTotal()).isEqualTo(totals.path("num_statements").asLong());
    assertThat(probe.coverage().branchesTotal())
        .isEqualTo(totals.path("num_branches").asLong())
        .isPositive();
    assertThat(probe.coverage().lineRatio()).isStrictlyBetween(0.0, 1.0);
  }

  @Test
  void lintFindingsAreExactlyWhatPylintReportsOnTheShippedCode() throws Exception {
    Path raw = Files.createDirectories(temp.resolve("raw-pylint")).resolve("pylint.json");
    RawTools.run(
        project,
        Map.of(),
        python,
        "-m",
        "pylint",
        "--output-format=json",
        "--output=" + raw,
        "calc.py");
    Map<String, Long> rawBySymbol = new TreeMap<>();
    new ObjectMapper()
        .readTree(raw.toFile())
        .forEach(m -> rawBySymbol.merge(m.path("symbol").asText(), 1L, Long::sum));
    var lint = probe("pylint").lint();

    assertThat(new TreeMap<>(lint.topRules(100)))
        .isEqualTo(rawBySymbol)
        .containsKey("unused-variable");
    assertThat(lint.filesAnalysed()).as("test_calc.py is test code").isEqualTo(1);
  }

  @Test
  void securityFindingsAreExactlyWhatBanditReportsWithTheHighSeverityGate() throws Exception {
    Path raw = Files.createDirectories(temp.resolve("raw-bandit")).resolve("bandit.json");
    RawTools.run(
        project,
        Map.of(),
        python,
        "-m",
        "bandit",
        "-f",
        "json",
        "-o",
        raw.toString(),
        "-q",
        "calc.py",
        "test_calc.py");
    JsonNode report = new ObjectMapper().readTree(raw.toFile());
    long rawHigh = 0;
    for (JsonNode issue : report.path("results")) {
      rawHigh += issue.path("issue_severity").asText().equals("HIGH") ? 1 : 0;
    }
    var security = probe("bandit").security();

    assertThat(security.findings()).hasSize(report.path("results").size());
    assertThat(security.highSeverity()).isEqualTo(rawHigh).isEqualTo(1);
    assertThat(security.findings())
        .filteredOn(f -> f.severity() == Severity.HIGH)
        .singleElement()
        .satisfies(f -> assertThat(f.rule()).startsWith("B602"));
    assertThat(security.linesOfCode())
        .isEqualTo(report.path("metrics").path("_totals").path("loc").asLong());
    assertThat(result.score().securityGate()).isTrue();
    assertThat(result.score().value()).isZero();
    assertThat(result.score().explanation()).contains("security gate");
    assertThat(result.score().hints().get(0)).startsWith("Security:").contains("B602");
  }

  @Test
  void theProjectsTrackedFilesAreUntouchedAndNoCoverageFileIsLeft() throws Exception {
    assertThat(MavenProjectBenchmarkTest.trackedFiles(project)).isEqualTo(trackedBefore);
    assertThat(project.resolve(".coverage")).doesNotExist();
    assertThat(project.resolve("__pycache__")).doesNotExist();
    try (Git git = Git.open(project.toFile())) {
      assertThat(git.status().call().isClean()).isTrue();
    }
  }

  @Test
  void cachedUnlessForcedAndNeverCachedWhenDirty() throws Exception {
    RecordingProgress cachedRun = new RecordingProgress();
    BenchmarkResult cached = benchmark.run("pycalc", project, false, cachedRun);
    assertThat(cached.id()).isEqualTo(result.id());
    assertThat(cachedRun.events).containsExactly("cached " + result.id());

    BenchmarkResult forced = benchmark.run("pycalc", project, true, new RecordingProgress());
    assertThat(forced.id()).isNotEqualTo(result.id());
    assertThat(forced.cacheKey()).isEqualTo(result.cacheKey());
    assertThat(probeOf(forced, "pytest").tests())
        .usingRecursiveComparison()
        .comparingOnlyFields("tests", "failures", "errors", "skipped")
        .isEqualTo(probe("pytest").tests());
    assertThat(store.latest("pycalc")).contains(forced);

    Path scratch = temp.resolve("dirty");
    org.eclipse.jgit.api.Git.cloneRepository()
        .setURI(project.toUri().toString())
        .setDirectory(scratch.toFile())
        .call()
        .close();
    Files.writeString(scratch.resolve("extra.py"), "X = 1\n");
    BenchmarkResult dirty = benchmark.run("pycalc-dirty", scratch, false, new RecordingProgress());
    assertThat(dirty.revision().dirty()).isTrue();
    assertThat(dirty.cacheKey()).isEmpty();
    assertThat(probeOf(dirty, "pylint").lint().filesAnalysed())
        .as("the uncommitted file is measured")
        .isEqualTo(2);
    assertThat(scratch.resolve(".coverage")).doesNotExist();
    BenchmarkResult again = benchmark.run("pycalc-dirty", scratch, false, new RecordingProgress());
    assertThat(again.id()).isNotEqualTo(dirty.id());
  }

  @Test
  void compareReportsDeltasBetweenTwoRealCommits() throws Exception {
    Path repo = temp.resolve("compare");
    RevCommit a = FixtureProjects.python(repo);
    RevCommit b = FixtureProjects.pythonSecondRevision(repo);
    Map<String, String> before = MavenProjectBenchmarkTest.trackedFiles(repo);

    Comparison comparison = benchmark.compare(repo, a.getName(), "HEAD", new RecordingProgress());

    assertThat(comparison.before().revision().commit()).isEqualTo(a.getName());
    assertThat(comparison.after().revision().commit()).isEqualTo(b.getName());
    assertThat(comparison.newlyPassing()).containsExactly("test_calc.test_describe_negative");
    assertThat(comparison.newlyFailing()).isEmpty();
    assertThat(delta(comparison, "tests.failed"))
        .satisfies(
            d -> {
              assertThat(d.before()).isEqualTo(1);
              assertThat(d.after()).isZero();
              assertThat(d.regression()).isFalse();
            });
    assertThat(delta(comparison, "security.findings"))
        .satisfies(
            d -> {
              assertThat(d.change()).isEqualTo(1);
              assertThat(d.regression()).isTrue();
            });
    assertThat(delta(comparison, "coverage.lines").before())
        .isCloseTo(probeOf(comparison.before(), "pytest").coverage().lineRatio(), within(1e-12));
    assertThat(comparison.hasRegressions()).isTrue();
    assertThat(comparison.verdict().outcome()).isEqualTo(Comparison.Outcome.WORSE);
    assertThat(comparison.verdict().reasons())
        .anySatisfy(r -> assertThat(r).startsWith("security.findings "));
    assertThat(comparison.verdict().line())
        .startsWith("verdict: worse (")
        .contains("security.findings");
    assertThat(MavenProjectBenchmarkTest.trackedFiles(repo)).isEqualTo(before);
    assertThat(store.latest("compare@HEAD")).isEmpty();
  }

  @Test
  void aMissingToolIsUnavailableWithAnInstallHintAndTheWeightsAreRenormalised() {
    CodeBenchmark noPython =
        CodeBenchmark.builder()
            .pythonInterpreters(List.of(temp.resolve("no-python").toString()))
            .workDirectory(temp.resolve("work-none"))
            .build();

    BenchmarkResult missing = noPython.run("pycalc", project, true, new RecordingProgress());

    assertThat(missing.probes())
        .filteredOn(p -> !p.probe().equals("secrets"))
        .allSatisfy(
            p -> {
              assertThat(p.status()).isEqualTo(ProbeStatus.UNAVAILABLE);
              assertThat(p.message()).contains("apt-get install", "pip install");
              assertThat(p.tests()).isNull();
            });
    assertThat(missing.score().parts()).isEmpty();
    assertThat(missing.score().unavailable())
        .containsKeys(ProbeKind.TESTS, ProbeKind.LINT, ProbeKind.COVERAGE, ProbeKind.SECURITY);
    // Security stays measured in part: the secret scan needs no Python.
    assertThat(missing.probes())
        .filteredOn(p -> p.probe().equals("secrets"))
        .singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(ProbeStatus.OK));
    assertThat(missing.score().explanation()).contains("No part could be measured");
  }

  private static Comparison.Delta delta(Comparison comparison, String metric) {
    return comparison.deltas().stream()
        .filter(d -> d.metric().equals(metric))
        .findFirst()
        .orElseThrow();
  }

  private ProbeResult probe(String name) {
    return probeOf(result, name);
  }

  private static ProbeResult probeOf(BenchmarkResult result, String name) {
    return result.probes().stream().filter(p -> p.probe().equals(name)).findFirst().orElseThrow();
  }
}
