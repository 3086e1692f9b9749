package dev.beca.core.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.agent.AnnotatedTools;
import dev.beca.core.agent.ApprovalMode;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.InMemoryDecisionAuditLog;
import dev.beca.core.agent.PendingApprovals;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.ProjectRoot;
import dev.beca.core.agent.RiskClassifier;
import dev.beca.core.agent.RiskLevel;
import dev.beca.core.agent.ToolResult;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.conversation.MutableClock;
import dev.beca.core.secrets.InMemorySecurityAlertStore;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.testkit.DummySecrets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** save_lesson, search_lessons and top_lessons through the real ToolRunner, policy and audit. */
class LessonToolsTest {

  @TempDir Path project;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));
  private final InMemoryLessonStore store = new InMemoryLessonStore(clock);
  private final InMemoryDecisionAuditLog audit = new InMemoryDecisionAuditLog();

  private ToolRunner runner(ApprovalMode mode) {
    ProjectRoot root = ProjectRoot.of(project);
    return ToolRunner.builder()
        .tools(AnnotatedTools.from(new LessonTools(store), root))
        .classifier(new RiskClassifier(root))
        .policy(PermissionPolicy.builder().mode(mode).build())
        .approvals(PendingApprovals.unattended())
        .audit(audit)
        .scanner(SecretScanner.standard())
        .alerts(new InMemorySecurityAlertStore(clock))
        .clock(clock)
        .build();
  }

  private static final String FLYWAY =
      "{\"category\":\"testing\",\"text\":\"Run Flyway migrations against a temporary SQLite"
          + " file in integration tests.\"}";

  @Test
  void saveLessonIsAMediumRiskMemoryWriteAllowedInAutoEditAndMergesARepeat() {
    ToolResult result = runner(ApprovalMode.AUTO_EDIT).run("s1", LessonTools.SAVE_LESSON, FLYWAY);

    assertThat(result.success()).as(result.text()).isTrue();
    assertThat(result.text()).isEqualTo("Saved lesson 1 [testing].");
    Lesson saved = store.find(1).orElseThrow();
    assertThat(saved.source()).isEqualTo(LessonSource.CONVERSATION);
    assertThat(audit.session("s1"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.risk()).isEqualTo(RiskLevel.MEDIUM);
              assertThat(d.rule()).contains("changes BECA's own memory or settings");
              assertThat(d.answer()).isEqualTo(DecisionAnswer.ALLOWED_BY_POLICY);
            });

    ToolResult again = runner(ApprovalMode.AUTO_EDIT).run("s1", LessonTools.SAVE_LESSON, FLYWAY);
    assertThat(again.text()).startsWith("Lesson 1 says the same already").doesNotContain("split");
    assertThat(store.top(Optional.empty(), 10)).hasSize(1);

    ToolResult reworded =
        runner(ApprovalMode.AUTO_EDIT)
            .run(
                "s1",
                LessonTools.SAVE_LESSON,
                "{\"category\":\"testing\",\"text\":\"In integration tests, run the Flyway"
                    + " migrations against a temporary SQLite file.\"}");
    assertThat(reworded.text())
        .startsWith("Lesson 1 says the same already")
        .contains("kept as merged text 1", "beca lessons split 1");
  }

  @Test
  void saveLessonIsRefusedInReadOnlyModeAndNothingIsSaved() {
    ToolResult result = runner(ApprovalMode.READ_ONLY).run("s1", LessonTools.SAVE_LESSON, FLYWAY);

    assertThat(result.success()).isFalse();
    assertThat(store.top(Optional.empty(), 10)).isEmpty();
  }

  @Test
  void aLessonHoldingASecretIsRefusedBeforeItIsSaved() {
    String token = new DummySecrets(22).githubPat();
    ToolResult result =
        runner(ApprovalMode.FULL_AUTO)
            .run("s1", LessonTools.SAVE_LESSON, "{\"text\":\"Use the token " + token + "\"}");

    assertThat(result.success()).isFalse();
    assertThat(result.text()).doesNotContain(token);
    assertThat(store.top(Optional.empty(), 10)).isEmpty();
    assertThat(audit.session("s1").get(0).answer()).isEqualTo(DecisionAnswer.REFUSED_SECRET);
  }

  @Test
  void searchAndTopAreLowRiskReadsAllowedEvenReadOnlyAndDoNotCountAsUse() {
    runner(ApprovalMode.FULL_AUTO).run("s1", LessonTools.SAVE_LESSON, FLYWAY);
    runner(ApprovalMode.FULL_AUTO)
        .run(
            "s1",
            LessonTools.SAVE_LESSON,
            "{\"category\":\"tooling\",\"text\":\"Pass -o to Maven when the network is down.\"}");

    ToolResult found =
        runner(ApprovalMode.READ_ONLY)
            .run("s2", LessonTools.SEARCH_LESSONS, "{\"query\":\"flyway migrations tests\"}");
    assertThat(found.success()).as(found.text()).isTrue();
    assertThat(found.text())
        .startsWith("#1 [testing, confidence 0.60, used 0x] Run Flyway migrations");
    assertThat(audit.session("s2").get(0).risk()).isEqualTo(RiskLevel.LOW);

    ToolResult top =
        runner(ApprovalMode.READ_ONLY)
            .run("s2", LessonTools.TOP_LESSONS, "{\"category\":\"tooling\",\"limit\":3}");
    assertThat(top.text()).startsWith("#2 [tooling").doesNotContain("Flyway");
    assertThat(store.find(1).orElseThrow().reuseCount()).isZero();

    assertThat(
            runner(ApprovalMode.READ_ONLY)
                .run("s2", LessonTools.SEARCH_LESSONS, "{\"query\":\"kafka\"}")
                .text())
        .isEqualTo("No lesson matches.");
  }

  @Test
  void badArgumentsComeBackAsErrors() {
    ToolResult badCategory =
        runner(ApprovalMode.FULL_AUTO)
            .run("s1", LessonTools.SAVE_LESSON, "{\"category\":\"a b\",\"text\":\"x\"}");
    assertThat(badCategory.success()).isFalse();
    assertThat(
            runner(ApprovalMode.FULL_AUTO)
                .run("s1", LessonTools.SEARCH_LESSONS, "{\"query\":\"x\",\"limit\":0}")
                .success())
        .isFalse();
    assertThat(runner(ApprovalMode.FULL_AUTO).run("s1", LessonTools.SAVE_LESSON, "{}").success())
        .isFalse();
  }
}
