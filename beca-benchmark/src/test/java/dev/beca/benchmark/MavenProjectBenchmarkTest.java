package dev.beca.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.beca.benchmark.internal.PmdProbe;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.InMemoryBenchmarkStore;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ProbeStatus;
import dev.beca.core.quality.ScoreWeights;
import dev.beca.core.quality.TestCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.lang.rule.RulePriority;
import net.sourceforge.pmd.reporting.Report;
import net.sourceforge.pmd.reporting.RuleViolation;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Maven project measured once (one nested Maven build shared by all assertions) and compared
 * with what the raw tools report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MavenProjectBenchmarkTest {

  @TempDir static Path temp;

  private Path project;
  private RevCommit commit;
  private InMemoryBenchmarkStore store;
  private CodeBenchmark benchmark;
  private BenchmarkResult result;
  private Map<String, String> trackedBefore;
  private final RecordingProgress progress = new RecordingProgress();

  @BeforeAll
  void measureOnce() throws Exception {
    project = temp.resolve("calc");
    commit = FixtureProjects.maven(project);
    trackedBefore = trackedFiles(project);
    store = new InMemoryBenchmarkStore();
    benchmark =
        CodeBenchmark.builder()
            .store(store)
            .workDirectory(temp.resolve("work"))
            .timeout(Duration.ofMinutes(8))
            .build();
    result = benchmark.run("calc", project, false, progress);
  }

  @Test
  void runsTheMavenProbesWithProgressPerProbe() {
    assertThat(result.probes())
        .allSatisfy(
            p ->
                assertThat(p.status())
                    .as(p.probe() + ": " + p.message())
                    .isIn(ProbeStatus.OK, ProbeStatus.UNAVAILABLE));
    assertThat(result.probes())
        .extracting(ProbeResult::probe)
        .containsExactly("maven-tests", "pmd", "pmd-security", "secrets");
    assertThat(progress.events)
        .startsWith(
            "started calc [maven-tests, pmd, pmd-security, secrets]",
            "probe maven-tests 1/4",
            "done maven-tests OK",
            "probe pmd 2/4",
            "done pmd OK");
    assertThat(progress.events).last().isEqualTo("finished " + result.id());
  }

  @Test
  void testCountsAreExactlyWhatSurefireReported() throws Exception {
    List<String> reports = new ArrayList<>();
    try (Stream<Path> files = Files.walk(temp.resolve("work"))) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
        reports.add(Files.readString(file));
      }
    }
    var tests = probe("maven-tests").tests();

    assertThat(tests.tests())
        .isEqualTo(RawTools.suiteAttribute(reports, "tests"))
        .isEqualTo(FixtureProjects.MAVEN_TESTS);
    assertThat(tests.failures())
        .isEqualTo(RawTools.suiteAttribute(reports, "failures"))
        .isEqualTo(1);
    assertThat(tests.errors()).isEqualTo(RawTools.suiteAttribute(reports, "errors")).isEqualTo(1);
    assertThat(tests.skipped()).isEqualTo(RawTools.suiteAttribute(reports, "skipped")).isEqualTo(1);
    assertThat(tests.broken())
        .extracting(TestCase::id)
        .containsExactlyInAnyOrder(
            "com.acme.CalcTest.describesNegativeNumbers", "com.acme.BrokenTest.throwsUnexpectedly");
    assertThat(tests.cases())
        .hasSize(FixtureProjects.MAVEN_TESTS)
        .allSatisfy(c -> assertThat(c.seconds()).isNotNegative());
  }

  @Test
  void coverageIsExactlyWhatJacocoReported() throws Exception {
    String xml = Files.readString(runFile("jacoco.xml"));
    long[] lines = RawTools.jacocoXml(xml, "LINE");
    long[] branches = RawTools.jacocoXml(xml, "BRANCH");
    var coverage = probe("maven-tests").coverage();

    assertThat(coverage.linesCovered()).isEqualTo(lines[0]);
    assertThat(coverage.linesTotal()).isEqualTo(lines[0] + lines[1]);
    assertThat(coverage.branchesCovered()).isEqualTo(branches[0]);
    assertThat(coverage.branchesTotal()).isEqualTo(branches[0] + branches[1]);
    assertThat(coverage.lineRatio()).isStrictlyBetween(0.0, 1.0);
  }

  @Test
  void lintFindingsAreExactlyWhatPmdReportsByRule() throws Exception {
    PMDConfiguration configuration = new PMDConfiguration();
    configuration.addRuleSet(PmdProbe.DEFAULT_RULES);
    configuration.setMinimumPriority(RulePriority.LOW);
    configuration.setIgnoreIncrementalAnalysis(true);
    Report raw;
    try (PmdAnalysis pmd = PmdAnalysis.create(configuration)) {
      pmd.files().addFile(project.resolve("src/main/java/com/acme/Calc.java"));
      raw = pmd.performAnalysisAndCollectReport();
    }
    Map<String, Long> rawByRule = new TreeMap<>();
    for (RuleViolation v : raw.getViolations()) {
      rawByRule.merge(v.getRule().getName(), 1L, Long::sum);
    }
    var lint = probe("pmd").lint();

    assertThat(lint.findings()).hasSize(raw.getViolations().size());
    assertThat(new TreeMap<>(lint.topRules(100)))
        .isEqualTo(rawByRule)
        .containsKeys("EmptyCatchBlock", "UnusedPrivateField", "UnusedPrivateMethod")
        .as("braces are a matter of taste")
        .doesNotContainKey("ControlStatementBraces");
    assertThat(lint.filesAnalysed()).isEqualTo(1);
    assertThat(lint.linesOfCode())
        .isEqualTo(
            Files.readString(project.resolve("src/main/java/com/acme/Calc.java"))
                .lines()
                .filter(l -> !l.isBlank())
                .count());
    assertThat(lint.findings())
        .allSatisfy(f -> assertThat(f.file()).isEqualTo("src/main/java/com/acme/Calc.java"));
  }

  @Test
  void securityIsMeasuredByPmdAndTheStockSecretScanner() {
    assertThat(probe("pmd-security").status()).isEqualTo(ProbeStatus.OK);
    assertThat(probe("pmd-security").security().findings()).isEmpty();
    assertThat(probe("secrets").status()).isEqualTo(ProbeStatus.OK);
    assertThat(probe("secrets").security().findings()).isEmpty();
    assertThat(result.score().unavailable()).doesNotContainKey(ProbeKind.SECURITY);
    assertThat(result.score().securityGate()).isFalse();
  }

  @Test
  void scoreIsTheWeightedSumOfTheMeasuredParts() {
    var tests = probe("maven-tests").tests();
    var coverage = probe("maven-tests").coverage();
    var lint = probe("pmd").lint();
    double testsPart = (double) tests.passed() / tests.executed();
    double weighted =
        lint.findings().stream()
            .mapToDouble(f -> ScoreWeights.DEFAULT.lintWeight(f.priority()))
            .sum();
    double lintPart = 1 / (1 + weighted * 1000 / lint.linesOfCode() / 30);
    double expected = 0.4 * testsPart + 0.3 * lintPart + 0.3 * coverage.lineRatio();

    assertThat(testsPart).isEqualTo(3.0 / 5);
    assertThat(result.score().value()).isCloseTo(expected, within(1e-9));
    assertThat(result.score().renormalised()).isFalse();
    assertThat(result.score().hints())
        .anySatisfy(
            h ->
                assertThat(h)
                    .contains("2 failing tests", "com.acme.CalcTest.describesNegativeNumbers"));
    assertThat(result.score().hints())
        .anySatisfy(h -> assertThat(h).contains("coverage").contains("below 80 %"));
    assertThat(result.score().hints())
        .anySatisfy(
            h ->
                assertThat(h)
                    .startsWith("Lint: " + probe("pmd").lint().findings().size() + " findings")
                    .contains("heaviest rules: ", "EmptyCatchBlock (1)"));
  }

  @Test
  void resultRecordsCommitCleanTreeToolsAndDuration() throws Exception {
    assertThat(result.revision().commit()).isEqualTo(commit.getName());
    assertThat(result.revision().treeHash()).isEqualTo(commit.getTree().getName());
    assertThat(result.revision().dirty()).isFalse();
    assertThat(result.toolVersions()).containsEntry("pmd", "PMD 7.27.0");
    assertThat(result.toolVersions().get("maven-tests")).startsWith("Apache Maven 3.");
    assertThat(result.duration()).isPositive();
    assertThat(result.cacheKey()).hasSize(64);
    assertThat(benchmark.probesFor(project).get(0).fingerprint())
        .startsWith("maven-tests phase=test jacoco=0.8.15 agent=JAVA_TOOL_OPTIONS mvn=")
        .doesNotEndWith("mvn=none");
  }

  @Test
  void theProjectsTrackedFilesAreUntouched() throws Exception {
    assertThat(trackedFiles(project)).isEqualTo(trackedBefore);
    assertThat(project.resolve("target")).as("the tools ran in a copy of the tree").doesNotExist();
    try (Git git = Git.open(project.toFile())) {
      assertThat(git.status().call().isClean()).isTrue();
    }
  }

  @Test
  void anUnchangedTreeReturnsTheStoredResultWithoutRunningMaven() throws Exception {
    long reportTime = Files.getLastModifiedTime(runFile("jacoco.xml")).toMillis();
    RecordingProgress again = new RecordingProgress();

    BenchmarkResult cached = benchmark.run("calc", project, false, again);

    assertThat(cached).isEqualTo(store.latest("calc").orElseThrow());
    assertThat(cached.id()).isEqualTo(result.id());
    assertThat(again.events).containsExactly("cached " + result.id());
    assertThat(Files.getLastModifiedTime(runFile("jacoco.xml")).toMillis()).isEqualTo(reportTime);
  }

  /** The one file of this name in the run folders. */
  private Path runFile(String name) throws Exception {
    try (Stream<Path> files = Files.walk(temp.resolve("work"))) {
      List<Path> found = files.filter(f -> f.getFileName().toString().equals(name)).toList();
      assertThat(found).hasSize(1);
      return found.get(0);
    }
  }

  private ProbeResult probe(String name) {
    return result.probes().stream().filter(p -> p.probe().equals(name)).findFirst().orElseThrow();
  }

  static Map<String, String> trackedFiles(Path project) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Git git = Git.open(project.toFile());
        var walk = new org.eclipse.jgit.treewalk.TreeWalk(git.getRepository())) {
      walk.addTree(git.getRepository().parseCommit(git.getRepository().resolve("HEAD")).getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        byte[] bytes = Files.readAllBytes(project.resolve(walk.getPathString()));
        files.put(
            walk.getPathString(),
            java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
      }
    }
    return files;
  }
}
