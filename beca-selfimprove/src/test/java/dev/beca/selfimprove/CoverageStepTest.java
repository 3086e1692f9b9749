package dev.beca.selfimprove;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.improve.ArchivedProposal;
import dev.beca.core.improve.InMemoryImprovementArchive;
import dev.beca.core.improve.MeasureDelta;
import dev.beca.core.improve.ProposalStatus;
import dev.beca.core.improve.StepRecord;
import dev.beca.selfimprove.spi.Proposal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changed-line coverage with coverage.py around real pytest runs, in the engine's real worktrees:
 * reported per proposal, and a drop on the changed files rejects.
 */
class CoverageStepTest {

  @TempDir Path project;
  @TempDir Path worktrees;

  private final InMemoryImprovementArchive archive = new InMemoryImprovementArchive();

  @Test
  void changedLineCoverageIsReportedAndADropOnChangedCodeRejects() throws Exception {
    Fixtures.pythonProject(project);
    Files.writeString(project.resolve("calc.py"), ModelProposalSourceTest.CALC);
    Fixtures.commitAll(project, "add mul");
    String calc = ModelProposalSourceTest.CALC;
    Proposal fix = proposal("fix", Map.of("calc.py", calc.replaceFirst("a - b", "a + b")));
    Proposal covers =
        proposal(
            "covers",
            Map.of(
                "test_mul.py",
                "from calc import mul\n\n\ndef test_mul():\n    assert mul(2, 3) == 6\n"));
    Proposal fixPlusUntested =
        proposal(
            "fix-plus-untested",
            Map.of(
                "calc.py",
                calc.replaceFirst("a - b", "a + b")
                    + "\n\ndef div(a, b):\n    if b == 0:\n        return None\n    return a / b\n"));

    ImprovementEngine engine =
        ImprovementEngine.builder()
            .archive(archive)
            .source(Fixtures.scripted(List.of(fix, covers, fixPlusUntested)))
            .step(CoverageStep.pytest().withTimeLimit(Duration.ofSeconds(120)))
            .maxProposals(5)
            .worktreeParent(worktrees)
            .build();
    CycleReport report = engine.runCycle(project);

    assertThat(report.withStatus(ProposalStatus.AWAITING_APPROVAL))
        .as(report.proposals() + "\n" + archive.steps("fix"))
        .extracting(ArchivedProposal::id)
        .containsExactlyInAnyOrder("fix", "covers");
    assertThat(delta("fix", "coverage.changed_lines").after()).isEqualTo("1/1");
    assertThat(delta("fix", "coverage.changed_lines").detail())
        .isEqualTo("every changed line is covered");
    assertThat(delta("fix", "coverage.changed_files").change()).isEqualTo(MeasureDelta.Change.SAME);
    MeasureDelta more = delta("covers", "coverage.lines");
    assertThat(more.change()).isEqualTo(MeasureDelta.Change.BETTER);
    assertThat(Double.parseDouble(more.after())).isGreaterThan(Double.parseDouble(more.before()));
    ArchivedProposal dropped = archive.proposal("fix-plus-untested").orElseThrow();
    assertThat(dropped.status()).isEqualTo(ProposalStatus.REJECTED_BY_EVALUATOR);
    assertThat(dropped.reason()).contains("coverage.changed_files").contains("worse");
    assertThat(delta("fix-plus-untested", "coverage.changed_lines").detail())
        .startsWith("not covered: calc.py:")
        .contains("15");
  }

  private MeasureDelta delta(String id, String name) {
    return archive.steps(id).stream()
        .map(StepRecord::measures)
        .flatMap(List::stream)
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " missing in " + archive.steps(id)));
  }

  private Proposal proposal(String id, Map<String, String> files) throws Exception {
    return Fixtures.proposal(id, id, Fixtures.diff(project, files));
  }
}
