package dev.beca.selfimprove;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.improve.ArchivedProposal;
import dev.beca.core.improve.InMemoryImprovementArchive;
import dev.beca.core.improve.MeasureDelta;
import dev.beca.core.improve.ProposalStatus;
import dev.beca.core.improve.StepRecord;
import dev.beca.core.improve.StepRecord.StepOutcome;
import dev.beca.core.testkit.MavenFixture;
import dev.beca.selfimprove.spi.Proposal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on a real Maven project (offline, the local repository's plugins): compile, then the
 * tests with Surefire's reports and JaCoCo's line coverage, in the sandbox.
 */
class MavenProjectImprovementTest {

  @BeforeAll
  static void pluginsCached() {
    MavenFixture.cachePlugins();
  }

  private static final String POM = MavenFixture.POM;

  private static final String CALC =
      """
      package com.acme;

      public final class Calc {
        public static int add(int a, int b) {
          return a - b;
        }

        public static int sub(int a, int b) {
          return a - b;
        }
      }
      """;

  private static final String TEST =
      """
      package com.acme;

      import static org.junit.jupiter.api.Assertions.assertEquals;

      import org.junit.jupiter.api.Test;

      class CalcTest {
        @Test
        void add() {
          assertEquals(5, Calc.add(2, 3));
        }

        @Test
        void sub() {
          assertEquals(2, Calc.sub(5, 3));
        }
      }
      """;

  @TempDir Path project;
  @TempDir Path worktrees;

  @Test
  void theFixIsQueuedAndAChangeThatDoesNotCompileIsRejectedAtTheCompileStep() throws Exception {
    Files.writeString(project.resolve("pom.xml"), POM);
    Path main = Files.createDirectories(project.resolve("src/main/java/com/acme"));
    Path test = Files.createDirectories(project.resolve("src/test/java/com/acme"));
    Files.writeString(main.resolve("Calc.java"), CALC);
    Files.writeString(test.resolve("CalcTest.java"), TEST);
    Files.writeString(project.resolve(".gitignore"), "target/\n");
    Fixtures.commitAll(project, "calc");
    String calc = "src/main/java/com/acme/Calc.java";
    Proposal fix =
        Fixtures.proposal(
            "fix",
            "Fix Calc.add",
            Fixtures.diff(project, Map.of(calc, CALC.replaceFirst("a - b", "a + b"))));
    Proposal broken =
        Fixtures.proposal(
            "broken",
            "Rename a variable halfway",
            Fixtures.diff(
                project, Map.of(calc, CALC.replaceFirst("return a - b", "return x - b"))));
    InMemoryImprovementArchive archive = new InMemoryImprovementArchive();
    ImprovementEngine engine =
        ImprovementEngine.builder()
            .archive(archive)
            .source(Fixtures.scripted(List.of(fix, broken)))
            .step(CommandStep.mavenCompile().toBuilder().timeLimit(Duration.ofMinutes(5)).build())
            .step(CoverageStep.maven("mvn").withTimeLimit(Duration.ofMinutes(5)))
            .worktreeParent(worktrees)
            .build();

    CycleReport report = engine.runCycle(project);

    assertThat(report.withStatus(ProposalStatus.AWAITING_APPROVAL))
        .extracting(ArchivedProposal::id)
        .containsExactly("fix");
    assertThat(archive.proposal("fix").orElseThrow().reason())
        .contains("tests.tests.failing 1 -> 0")
        .contains("com.acme.CalcTest.add");
    // JaCoCo's agent through JAVA_TOOL_OPTIONS: the changed line is covered, Calc.java as before.
    List<MeasureDelta> coverage = archive.steps("fix").get(2).measures();
    assertThat(coverage)
        .filteredOn(d -> d.name().equals("coverage.changed_lines"))
        .singleElement()
        .satisfies(d -> assertThat(d.after()).isEqualTo("1/1"));
    assertThat(coverage)
        .filteredOn(d -> d.name().equals("coverage.changed_files"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.change()).isEqualTo(MeasureDelta.Change.SAME);
              assertThat(d.detail()).startsWith(calc + ": ");
            });
    List<StepRecord> brokenSteps = archive.steps("broken");
    assertThat(brokenSteps).extracting(StepRecord::step).containsExactly("apply", "compile");
    assertThat(brokenSteps.get(1).outcome()).isEqualTo(StepOutcome.FAILED);
    assertThat(archive.proposal("broken").orElseThrow().reason())
        .contains("step.compile passed -> failed");
    assertThat(project.resolve("target")).doesNotExist();
  }

  private static final String NAMES =
      """
      package com.acme;

      import java.util.List;

      public final class Names {
        public static String first(List<String> names) {
          if (names.size() == 0) {
            return "";
          }
          return names.get(0);
        }
      }
      """;

  private static final String NAMES_TEST =
      """
      package com.acme;

      import static org.junit.jupiter.api.Assertions.assertEquals;

      import java.util.List;
      import org.junit.jupiter.api.Test;

      class NamesTest {
        @Test
        void first() {
          assertEquals("", Names.first(List.of()));
          assertEquals("a", Names.first(List.of("a", "b")));
        }
      }
      """;

  @Test
  void theModelFreeRecipesImproveTheAnalysisWithTheTestsStillPassingAndAreApproved()
      throws Exception {
    Files.writeString(project.resolve("pom.xml"), POM);
    Path main = Files.createDirectories(project.resolve("src/main/java/com/acme"));
    Path test = Files.createDirectories(project.resolve("src/test/java/com/acme"));
    Files.writeString(main.resolve("Names.java"), NAMES);
    Files.writeString(test.resolve("NamesTest.java"), NAMES_TEST);
    Files.writeString(project.resolve(".gitignore"), "target/\n");
    Fixtures.commitAll(project, "names");
    InMemoryImprovementArchive archive = new InMemoryImprovementArchive();
    ImprovementEngine engine =
        ImprovementEngine.builder()
            .archive(archive)
            .source(new dev.beca.selfimprove.recipes.RecipeProposalSource())
            .step(CommandStep.mavenCompile().toBuilder().timeLimit(Duration.ofMinutes(5)).build())
            .step(new AnalysisStep(Duration.ofMinutes(1)))
            .step(CommandStep.mavenTests().toBuilder().timeLimit(Duration.ofMinutes(5)).build())
            .worktreeParent(worktrees)
            .build();

    CycleReport report = engine.runCycle(project);

    List<ArchivedProposal> queued = report.withStatus(ProposalStatus.AWAITING_APPROVAL);
    assertThat(queued).singleElement().satisfies(p -> assertThat(p.source()).isEqualTo("recipes"));
    assertThat(queued.get(0).reason()).contains("analysis.issues 1 -> 0");
    engine.approve(queued.get(0).id());
    assertThat(Files.readString(main.resolve("Names.java"))).contains("names.isEmpty()");
  }
}
