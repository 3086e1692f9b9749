package dev.beca.core.learning;

import static org.assertj.core.api.Assertions.assertThat;

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

/** save_pattern and search_patterns through the real ToolRunner, policy and audit. */
class PatternToolsTest {

  @TempDir Path project;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));
  private final InMemoryPatternStore store = new InMemoryPatternStore(clock);
  private final InMemoryDecisionAuditLog audit = new InMemoryDecisionAuditLog();

  private ToolRunner runner(ApprovalMode mode) {
    return ToolRunner.builder()
        .tools(PatternTools.create(store))
        .classifier(new RiskClassifier(ProjectRoot.of(project)))
        .policy(PermissionPolicy.builder().mode(mode).build())
        .approvals(PendingApprovals.unattended())
        .audit(audit)
        .scanner(SecretScanner.standard())
        .alerts(new InMemorySecurityAlertStore(clock))
        .clock(clock)
        .build();
  }

  private static final String CACHE =
      "{\"kind\":\"solution\",\"task_type\":\"performance\",\"request\":\"slow owner lookup\","
          + "\"solution_summary\":\"Cache owners with Caffeine\",\"tools_used\":\"read_file, edit_file\","
          + "\"frameworks\":\"Spring Boot\",\"performance_notes\":\"p95 80 ms -> 9 ms\"}";

  @Test
  void savePatternIsAMediumRiskMemoryWriteAllowedInAutoEdit() {
    ToolResult result = runner(ApprovalMode.AUTO_EDIT).run("s1", "save_pattern", CACHE);

    assertThat(result.success()).as(result.text()).isTrue();
    assertThat(result.text()).startsWith("Saved pattern 1: Cache owners with Caffeine");
    Pattern saved = store.get(1).orElseThrow();
    assertThat(saved.source()).isEqualTo(PatternSource.CONVERSATION);
    assertThat(saved.toolsUsed()).containsExactly("read_file", "edit_file");
    assertThat(saved.frameworks()).containsExactly("Spring Boot");
    assertThat(audit.session("s1"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.risk()).isEqualTo(RiskLevel.MEDIUM);
              assertThat(d.rule()).contains("changes BECA's own memory or settings");
              assertThat(d.answer()).isEqualTo(DecisionAnswer.ALLOWED_BY_POLICY);
            });

    ToolResult again = runner(ApprovalMode.AUTO_EDIT).run("s1", "save_pattern", CACHE);
    assertThat(again.text()).contains("now seen 2 times");
  }

  @Test
  void savePatternIsRefusedInReadOnlyModeAndNothingIsSaved() {
    ToolResult result = runner(ApprovalMode.READ_ONLY).run("s1", "save_pattern", CACHE);

    assertThat(result.success()).isFalse();
    assertThat(store.list(Optional.empty(), 10)).isEmpty();
  }

  @Test
  void aPatternHoldingASecretIsRefusedBeforeItIsSaved() {
    String token = new DummySecrets(21).githubPat();
    ToolResult result =
        runner(ApprovalMode.FULL_AUTO)
            .run("s1", "save_pattern", "{\"solution_summary\":\"use token " + token + "\"}");

    assertThat(result.success()).isFalse();
    assertThat(result.text()).doesNotContain(token);
    assertThat(store.list(Optional.empty(), 10)).isEmpty();
    assertThat(audit.session("s1").get(0).answer()).isEqualTo(DecisionAnswer.REFUSED_SECRET);
  }

  @Test
  void searchPatternsIsALowRiskReadAllowedEvenReadOnly() {
    runner(ApprovalMode.FULL_AUTO).run("s1", "save_pattern", CACHE);

    ToolResult found =
        runner(ApprovalMode.READ_ONLY)
            .run("s2", "search_patterns", "{\"query\":\"caffeine cache\"}");

    assertThat(found.success()).as(found.text()).isTrue();
    assertThat(found.text())
        .startsWith("#1 [solution, seen 1x]")
        .contains("solution: Cache owners with Caffeine", "performance: p95 80 ms -> 9 ms");
    assertThat(audit.session("s2").get(0).risk()).isEqualTo(RiskLevel.LOW);
    assertThat(
            runner(ApprovalMode.READ_ONLY)
                .run("s2", "search_patterns", "{\"query\":\"kafka\"}")
                .text())
        .isEqualTo("No saved pattern matches.");
    assertThat(
            runner(ApprovalMode.READ_ONLY)
                .run("s2", "search_patterns", "{\"query\":\"x\",\"limit\":0}")
                .success())
        .isFalse();
  }

  @Test
  void badArgumentsComeBackAsErrors() {
    ToolResult badKind =
        runner(ApprovalMode.FULL_AUTO)
            .run("s1", "save_pattern", "{\"kind\":\"poem\",\"solution_summary\":\"x\"}");
    assertThat(badKind.success()).isFalse();
    assertThat(badKind.text()).contains("'poem' is not a pattern kind");
    assertThat(runner(ApprovalMode.FULL_AUTO).run("s1", "save_pattern", "{}").success()).isFalse();
  }
}
