package dev.beca.core.improve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.improve.StepRecord.StepOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one JSON shape of archived improvements that the CLI and the HTTP API both print. */
class ImprovementJsonTest {

  private final ArchivedProposal proposal =
      new ArchivedProposal(
          "p1",
          "r1",
          "recipe",
          "Use isEmpty()",
          "--- a/X.java\n+++ b/X.java\n",
          "hash",
          "low",
          ProposalStatus.values()[0],
          null,
          null,
          Instant.parse("2026-12-02T10:00:00Z"),
          Instant.parse("2026-12-02T10:05:00Z"));

  @Test
  void proposalHasItsFieldsInAFixedOrderWithoutTheDiff() {
    Map<String, Object> json = ImprovementJson.proposal(proposal);

    assertThat(json.keySet())
        .containsExactly(
            "id",
            "run",
            "status",
            "source",
            "risk",
            "description",
            "reason",
            "commit",
            "created",
            "updated");
    assertThat(json)
        .containsEntry("status", ProposalStatus.values()[0].label())
        .containsEntry("reason", "")
        .containsEntry("created", "2026-12-02T10:00:00Z");
  }

  @Test
  void detailsAddTheDiffAndEachStepWithItsMeasures() {
    StepRecord step =
        new StepRecord(
            "p1",
            0,
            "tests",
            StepOutcome.TIMED_OUT,
            "killed after 60 s",
            List.of(new MeasureDelta("score", "0.81", "0.79", MeasureDelta.Change.WORSE, "")),
            Duration.ofMillis(1500));

    Map<String, Object> json = ImprovementJson.details(proposal, List.of(step));

    assertThat(json).containsEntry("diff", proposal.diff());
    assertThat(json.get("steps"))
        .isEqualTo(
            List.of(
                Map.of(
                    "step", "tests",
                    "outcome", "timed_out",
                    "millis", 1500L,
                    "detail", "killed after 60 s",
                    "measures",
                        List.of(
                            Map.of(
                                "name", "score",
                                "before", "0.81",
                                "after", "0.79",
                                "change", "worse",
                                "detail", "")))));
  }
}
