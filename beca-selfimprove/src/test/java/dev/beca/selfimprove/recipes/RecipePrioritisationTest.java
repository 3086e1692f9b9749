package dev.beca.selfimprove.recipes;

import static dev.beca.selfimprove.recipes.RecipeFixtureSupport.applyWithGit;
import static dev.beca.selfimprove.recipes.RecipeFixtureSupport.repository;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.quality.Severity;
import dev.beca.selfimprove.analysis.CodeAnalysis;
import dev.beca.selfimprove.analysis.CodeIssue;
import dev.beca.selfimprove.analysis.IssueKind;
import dev.beca.selfimprove.analysis.JavaCodeAnalyzer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipePrioritisationTest {

  private static final String FILE = "src/main/java/fixture/Sizes.java";

  private static final String SIZES =
      """
      package fixture;

      import java.util.List;

      public class Sizes {
        static boolean first(List<String> list) {
          return list.size() == 0;
        }

        static boolean second(List<String> list) {
          return list.size() == 0;
        }
      }
      """;

  @Test
  void aChangeOnUncoveredLinesRanksBelowTheSameChangeOnCoveredLines(@TempDir Path dir)
      throws Exception {
    Path repo = repository(dir, FILE, SIZES);
    CodeAnalysis analysis = JavaCodeAnalyzer.builder().build().analyze(repo);
    Set<Integer> covered = Set.of(11, 12); // second() is covered, first() is not

    List<RecipeChange> changes =
        RecipeProposer.builder().build().propose(repo, analysis, Map.of(Path.of(FILE), covered));

    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).finding().symbol()).isEqualTo("Sizes.second");
    assertThat(changes.get(0).risk().coveredShare()).isEqualTo(1.0);
    assertThat(changes.get(1).risk().coveredShare()).isZero();
    assertThat(changes.get(0).priority()).isGreaterThan(changes.get(1).priority());

    List<RecipeChange> withoutCoverage = RecipeProposer.builder().build().propose(repo, analysis);
    assertThat(withoutCoverage)
        .allSatisfy(change -> assertThat(change.risk().coveredShare()).isEqualTo(-1));
  }

  @Test
  void higherSeverityAndLargerExcessRankFirstAndLargerChangesLast() {
    ChangeRisk small = ChangeRisk.of(2, 1, 1, -1);
    ChangeRisk large = ChangeRisk.of(30, 2, 10, -1);
    CodeIssue style = issue(IssueKind.SIZE_COMPARED_WITH_ZERO, Severity.LOW, 0, 0);
    CodeIssue performance = issue(IssueKind.STRING_CONCAT_IN_LOOP, Severity.MEDIUM, 0, 0);
    CodeIssue complex = issue(IssueKind.METHOD_COMPLEXITY, Severity.MEDIUM, 15, 10);

    assertThat(RecipeProposer.priority(performance, small))
        .isGreaterThan(RecipeProposer.priority(style, small));
    assertThat(RecipeProposer.priority(complex, small))
        .isGreaterThan(
            RecipeProposer.priority(
                issue(IssueKind.METHOD_COMPLEXITY, Severity.MEDIUM, 11, 10), small));
    assertThat(RecipeProposer.priority(style, small))
        .isGreaterThan(RecipeProposer.priority(style, large));
    assertThat(small.level()).isEqualTo(ChangeRisk.Level.LOW);
    assertThat(large.level()).isEqualTo(ChangeRisk.Level.HIGH);
    assertThat(ChangeRisk.of(2, 1, 4, 0).level()).isEqualTo(ChangeRisk.Level.MEDIUM);
  }

  @Test
  void leavesTestCodeAloneUnlessAsked(@TempDir Path dir) throws Exception {
    Path repo = repository(dir, "src/test/java/fixture/Sizes.java", SIZES);
    CodeAnalysis analysis = JavaCodeAnalyzer.builder().build().analyze(repo);

    assertThat(RecipeProposer.builder().build().propose(repo, analysis)).isEmpty();
    assertThat(RecipeProposer.builder().includeTests(true).build().propose(repo, analysis))
        .hasSize(2);
    assertThat(
            RecipeProposer.builder()
                .includeTests(true)
                .recipes(Set.of(RecipeKind.STRING_BUILDER))
                .build()
                .propose(repo, analysis))
        .isEmpty();
    assertThatThrownBy(() -> RecipeProposer.builder().recipes(Set.of()))
        .hasMessageContaining("recipes");
  }

  @Test
  void diffsApplyToFilesWithWindowsLineEndsTabsAndNoFinalLineBreak(@TempDir Path dir)
      throws Exception {
    String source =
        SIZES.replace("  ", "\t").replace("\n", "\r\n").stripTrailing(); // no final line break
    Path repo = repository(dir, FILE, source);
    RecipeFixtureSupport.git(repo, "config", "core.autocrlf", "false");
    CodeAnalysis analysis = JavaCodeAnalyzer.builder().build().analyze(repo);

    List<RecipeChange> changes = RecipeProposer.builder().build().propose(repo, analysis);

    assertThat(changes).hasSize(2);
    for (RecipeChange change : changes) {
      String applied = applyWithGit(repo, change.diff(), FILE);
      assertThat(applied).contains("\t\treturn list.isEmpty();\r\n").doesNotEndWith("\n");
    }
  }

  private static CodeIssue issue(IssueKind kind, Severity severity, int value, int threshold) {
    return new CodeIssue(kind, severity, FILE, 3, 1, 3, 10, "Sizes.first", "m", value, threshold);
  }
}
