package dev.beca.selfimprove.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.quality.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JavaCodeAnalyzerTest {

  private static final Pattern EXPECT = Pattern.compile("// expect: ([A-Z_]+)");

  private final JavaCodeAnalyzer analyzer = JavaCodeAnalyzer.builder().build();

  static String fixture(String name) throws IOException {
    try (InputStream in =
        JavaCodeAnalyzerTest.class.getResourceAsStream("/dev/beca/selfimprove/analysis/" + name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Each line marked {@code // expect: KIND} has exactly that issue, and no other line has one. */
  @ParameterizedTest
  @ValueSource(strings = {"LoopShapes.java", "StyleShapes.java"})
  void findsExactlyTheMarkedShapes(String name) throws IOException {
    String source = fixture(name);
    Set<String> expected = new TreeSet<>();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher matcher = EXPECT.matcher(lines[i]);
      if (matcher.find()) {
        expected.add((i + 1) + " " + matcher.group(1));
      }
    }

    CodeAnalysis analysis = analyzer.analyzeSource("src/main/java/fixture/" + name, source);

    Set<String> found = new TreeSet<>();
    analysis.issues().forEach(issue -> found.add(issue.line() + " " + issue.kind()));
    assertThat(analysis.problems()).isEmpty();
    assertThat(found).isEqualTo(expected);
  }

  @Test
  void measuresComplexityNestingAndParametersAgainstTheThresholds() throws IOException {
    CodeAnalysis analysis =
        analyzer.analyzeSource("src/main/java/fixture/Metrics.java", fixture("Metrics.java"));

    MethodMetrics branchy =
        analysis.methods().stream()
            .filter(m -> m.symbol().equals("Metrics.branchy"))
            .findFirst()
            .orElseThrow();
    assertThat(branchy.complexity()).isEqualTo(12);
    assertThat(branchy.nesting()).isEqualTo(5);
    assertThat(branchy.parameters()).isEqualTo(8);
    assertThat(branchy.lines()).isEqualTo(branchy.endLine() - branchy.line() + 1);
    assertThat(analysis.issues())
        .extracting(CodeIssue::kind, CodeIssue::value, CodeIssue::threshold, CodeIssue::severity)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                IssueKind.METHOD_COMPLEXITY, 12, 10, Severity.MEDIUM),
            org.assertj.core.groups.Tuple.tuple(IssueKind.METHOD_NESTING, 5, 4, Severity.MEDIUM),
            org.assertj.core.groups.Tuple.tuple(
                IssueKind.METHOD_PARAMETERS, 8, 7, Severity.MEDIUM));
    assertThat(analysis.issues()).allMatch(issue -> issue.symbol().equals("Metrics.branchy"));
    assertThat(analysis.issues(IssueKind.METHOD_COMPLEXITY).get(0).excess()).isEqualTo(0.2);
    ClassMetrics metrics = analysis.classes().get(0);
    assertThat(metrics.methods()).isEqualTo(2);
    assertThat(metrics.fields()).isZero();
  }

  @Test
  void aValueAtTwiceTheThresholdIsHighSeverity() throws IOException {
    JavaCodeAnalyzer strict =
        JavaCodeAnalyzer.builder()
            .thresholds(AnalysisThresholds.builder().methodComplexity(6).classMethods(1).build())
            .build();

    CodeAnalysis analysis =
        strict.analyzeSource("src/main/java/fixture/Metrics.java", fixture("Metrics.java"));

    assertThat(analysis.issues(IssueKind.METHOD_COMPLEXITY))
        .singleElement()
        .satisfies(issue -> assertThat(issue.severity()).isEqualTo(Severity.HIGH));
    assertThat(analysis.issues(IssueKind.CLASS_METHODS))
        .singleElement()
        .satisfies(
            issue -> {
              assertThat(issue.value()).isEqualTo(2);
              assertThat(issue.severity()).isEqualTo(Severity.HIGH);
            });
  }

  @Test
  void analysesAProjectFolderSkippingBuildOutputAndReportingFilesThatDoNotParse(
      @TempDir Path project) throws IOException {
    Path sources = Files.createDirectories(project.resolve("src/main/java/fixture"));
    Files.writeString(sources.resolve("LoopShapes.java"), fixture("LoopShapes.java"));
    Files.writeString(sources.resolve("Broken.java"), "class Broken { void f( }");
    Path target = Files.createDirectories(project.resolve("target/generated"));
    Files.writeString(target.resolve("Generated.java"), fixture("StyleShapes.java"));

    CodeAnalysis analysis = analyzer.analyze(project);

    assertThat(analysis.files()).isEqualTo(1);
    assertThat(analysis.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.file()).isEqualTo("src/main/java/fixture/Broken.java"));
    assertThat(analysis.issues())
        .isNotEmpty()
        .allMatch(issue -> issue.file().equals("src/main/java/fixture/LoopShapes.java"));
    assertThat(analysis.countsByKind()).containsEntry(IssueKind.STRING_CONCAT_IN_LOOP, 2);
  }

  @Test
  void leavesTestsOutWhenAsked(@TempDir Path project) throws IOException {
    Path tests = Files.createDirectories(project.resolve("src/test/java/fixture"));
    Files.writeString(tests.resolve("LoopShapes.java"), fixture("LoopShapes.java"));

    assertThat(analyzer.analyze(project).issues()).isNotEmpty().allMatch(CodeIssue::inTests);
    assertThat(JavaCodeAnalyzer.builder().includeTests(false).build().analyze(project).issues())
        .isEmpty();
  }

  @Test
  void refusesAPathThatIsNotAFolder(@TempDir Path dir) {
    assertThatThrownBy(() -> analyzer.analyze(dir.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a folder");
    assertThatThrownBy(() -> AnalysisThresholds.builder().methodLines(0))
        .hasMessageContaining("methodLines");
  }
}
