package dev.beca.selfimprove;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.agent.ApprovalMode;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.GitTools;
import dev.beca.core.agent.InMemoryDecisionAuditLog;
import dev.beca.core.agent.PendingApprovals;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.ProjectCommit;
import dev.beca.core.agent.ProjectRoot;
import dev.beca.core.agent.RiskClassifier;
import dev.beca.core.agent.RiskLevel;
import dev.beca.core.agent.ToolResult;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.conversation.MutableClock;
import dev.beca.core.secrets.InMemorySecurityAlertStore;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.testkit.DummySecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git tools through the one tool path, on a real repository. */
class GitToolsTest {

  @TempDir Path project;
  private JGitProjectHistory history;
  private ProjectCommit base;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryDecisionAuditLog audit = new InMemoryDecisionAuditLog();
  private final InMemorySecurityAlertStore alerts = new InMemorySecurityAlertStore(clock);

  @BeforeEach
  void createRepository() throws Exception {
    history = JGitProjectHistory.init(project);
    Files.writeString(project.resolve("Main.java"), "class Main {}\n");
    base = history.commit("base", Map.of());
  }

  @AfterEach
  void close() {
    history.close();
  }

  private ToolRunner runner(ApprovalMode mode) {
    ProjectRoot root = ProjectRoot.of(project);
    return ToolRunner.builder()
        .tools(GitTools.create(history, "s1"))
        .classifier(new RiskClassifier(root))
        .policy(PermissionPolicy.builder().mode(mode).build())
        .approvals(PendingApprovals.unattended())
        .audit(audit)
        .scanner(SecretScanner.standard())
        .alerts(alerts)
        .clock(clock)
        .build();
  }

  private PermissionDecision lastDecision() {
    var all = audit.session("s1");
    return all.get(all.size() - 1);
  }

  @Test
  void statusAndDiffAreLowRiskReadsAllowedEvenReadOnly() throws Exception {
    Files.writeString(project.resolve("Main.java"), "class Main { int x; }\n");
    Files.writeString(project.resolve("New.java"), "class New {}\n");
    ToolRunner runner = runner(ApprovalMode.READ_ONLY);

    ToolResult status = runner.run("s1", "git_status", "{}");
    assertThat(status.success()).isTrue();
    assertThat(status.text())
        .contains(
            "On branch "
                + history.status().branch().orElseThrow()
                + ", last commit "
                + base.shortId()
                + " \"base\".")
        .contains("Changed:\n  Main.java")
        .contains("Untracked:\n  New.java");
    assertThat(status.display()).isEqualTo("git status: 2 files differ");
    assertThat(lastDecision().risk()).isEqualTo(RiskLevel.LOW);
    assertThat(lastDecision().answer()).isEqualTo(DecisionAnswer.ALLOWED_BY_POLICY);

    ToolResult diff = runner.run("s1", "git_diff", "{}");
    assertThat(diff.success()).isTrue();
    assertThat(diff.text()).contains("+class Main { int x; }").contains("+class New {}");
    assertThat(lastDecision().risk()).isEqualTo(RiskLevel.LOW);
  }

  @Test
  void aCleanTreeSaysSo() {
    ToolRunner runner = runner(ApprovalMode.ASK);

    assertThat(runner.run("s1", "git_status", "{}").text()).contains("Nothing to commit");
    assertThat(runner.run("s1", "git_diff", "{}").text()).startsWith("No changes");
  }

  @Test
  void commitIsAMediumRiskWriteDeniedReadOnlyAndAllowedInAutoEdit() throws Exception {
    Files.writeString(project.resolve("Main.java"), "class Main { int x; }\n");

    ToolResult denied =
        runner(ApprovalMode.READ_ONLY).run("s1", "git_commit", "{\"message\":\"Add x\"}");
    assertThat(denied.success()).isFalse();
    assertThat(denied.text()).contains("medium risk: writes inside the project");
    assertThat(lastDecision().answer()).isEqualTo(DecisionAnswer.DENIED_BY_POLICY);
    assertThat(history.head()).contains(base);

    ToolResult asked = runner(ApprovalMode.ASK).run("s1", "git_commit", "{\"message\":\"Add x\"}");
    assertThat(asked.success()).isFalse();
    assertThat(lastDecision().answer()).isEqualTo(DecisionAnswer.UNANSWERED);

    ToolResult done =
        runner(ApprovalMode.AUTO_EDIT).run("s1", "git_commit", "{\"message\":\"Add x\"}");
    assertThat(done.success()).isTrue();
    ProjectCommit head = history.head().orElseThrow();
    assertThat(head.subject()).isEqualTo("Add x");
    assertThat(head.trailer(GitTools.SESSION_TRAILER)).contains("s1");
    assertThat(done.text()).contains("Committed " + head.shortId()).contains("(1 file)");
    assertThat(lastDecision().risk()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(lastDecision().arguments()).isEqualTo("{\"message\":\"Add x\"}");

    assertThat(history.undoLast(GitTools.SESSION_TRAILER, "s1").id()).isEqualTo(head.id());
    assertThat(history.head()).contains(base);
  }

  @Test
  void commitWithNothingChangedIsAnErrorTheModelCanRead() {
    ToolResult result =
        runner(ApprovalMode.FULL_AUTO).run("s1", "git_commit", "{\"message\":\"Nothing\"}");

    assertThat(result.success()).isFalse();
    assertThat(result.text()).startsWith("Error: Nothing to commit");
    assertThat(history.head()).contains(base);
  }

  @Test
  void commitCarryingASecretInAnUntrackedFileIsRefusedAndNothingIsCommitted() throws Exception {
    String token = new DummySecrets(14).githubPat();
    Files.writeString(project.resolve(".env"), "GITHUB_TOKEN=" + token + "\n");

    ToolResult result =
        runner(ApprovalMode.FULL_AUTO).run("s1", "git_commit", "{\"message\":\"Add env\"}");

    assertThat(result.success()).isFalse();
    assertThat(result.text()).contains("refused").doesNotContain(token);
    assertThat(lastDecision().answer()).isEqualTo(DecisionAnswer.REFUSED_SECRET);
    assertThat(history.head()).contains(base);
    assertThat(alerts.count()).isPositive();
  }

  @Test
  void aSecretInTheCommitMessageIsRefusedAndRedactedInTheAudit() throws Exception {
    String token = new DummySecrets(15).githubPat();
    Files.writeString(project.resolve("Main.java"), "class Main { int x; }\n");

    ToolResult result =
        runner(ApprovalMode.FULL_AUTO)
            .run("s1", "git_commit", "{\"message\":\"use " + token + "\"}");

    assertThat(result.success()).isFalse();
    assertThat(lastDecision().answer()).isEqualTo(DecisionAnswer.REFUSED_SECRET);
    assertThat(lastDecision().arguments()).doesNotContain(token);
    assertThat(history.head()).contains(base);
  }
}
