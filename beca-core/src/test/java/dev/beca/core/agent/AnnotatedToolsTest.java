package dev.beca.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.NotFoundException;
import dev.beca.core.conversation.MutableClock;
import dev.beca.core.limits.LimitedOperation;
import dev.beca.core.limits.RateLimits;
import dev.beca.core.secrets.InMemorySecurityAlertStore;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.secrets.SecretTools;
import dev.beca.core.testkit.DummySecrets;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotatedToolsTest {

  @TempDir Path temp;
  private Path project;
  private ProjectRoot root;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryDecisionAuditLog audit = new InMemoryDecisionAuditLog();
  private final InMemorySecurityAlertStore alerts = new InMemorySecurityAlertStore(clock);

  /** A tool class as a library user would write one. */
  public static final class NoteTools {
    final List<String> notes = new ArrayList<>();
    final List<String> counted = new ArrayList<>();

    @Tool("Remembers a note")
    @Acts(ActionKind.OWN_STATE)
    public String remember(@P("the note") String note) {
      notes.add(note);
      return "Noted.";
    }

    @Tool("Counts the lines of a file")
    @Acts(value = ActionKind.READ, paths = "file")
    public String countLines(@P("the file") String file, @P("at most") int limit)
        throws IOException {
      counted.add(file);
      long lines = Files.readAllLines(Path.of(file)).size();
      return Math.min(lines, limit) + " lines";
    }

    @Tool("Builds the project")
    @Acts(value = ActionKind.PROJECT_TOOLS, paths = "path")
    public String build(@P("the project folder") String path) {
      return "built " + path;
    }

    @Tool("Shows a note by number")
    @Acts(ActionKind.READ)
    public String show(@P("the note's number") long number) {
      if (number >= notes.size()) {
        throw new NotFoundException("There is no note " + number + ".", "List the notes first.");
      }
      return notes.get((int) number);
    }
  }

  /** A tool whose effect nobody declared. */
  public static final class Undeclared {
    @Tool("Does something")
    public String something() {
      return "done";
    }
  }

  @BeforeEach
  void createProject() throws IOException {
    project = Files.createDirectories(temp.resolve("project"));
    Files.writeString(project.resolve("notes.txt"), "a\nb\nc\n");
    Files.writeString(temp.resolve("outside.txt"), "outside");
    root = ProjectRoot.of(project);
  }

  private ToolRunner runner(ApprovalMode mode, List<AgentTool> tools, RateLimits limits) {
    return ToolRunner.builder()
        .tools(tools)
        .classifier(new RiskClassifier(root))
        .policy(PermissionPolicy.builder().mode(mode).build())
        .approvals(PendingApprovals.unattended())
        .audit(audit)
        .scanner(SecretScanner.standard())
        .alerts(alerts)
        .clock(clock)
        .rateLimits(limits)
        .build();
  }

  private ToolRunner runner(ApprovalMode mode, Object target) {
    return runner(mode, AnnotatedTools.from(target, root), RateLimits.unlimited());
  }

  @Test
  void offersEveryToolMethodUnderItsSchemaName() {
    List<AgentTool> tools = AnnotatedTools.from(new NoteTools(), root);

    assertThat(tools)
        .extracting(AgentTool::name)
        .containsExactly("build", "countLines", "remember", "show");
    assertThat(tools.get(1).specification().parameters().required()).contains("file", "limit");
  }

  @Test
  void readRunsWithItsPathResolvedInsideTheProject() {
    NoteTools notes = new NoteTools();

    ToolResult result =
        runner(ApprovalMode.READ_ONLY, notes)
            .run("s1", "countLines", "{\"file\":\"notes.txt\",\"limit\":2}");

    assertThat(result.success()).isTrue();
    assertThat(result.text()).isEqualTo("2 lines");
    assertThat(result.display()).isEqualTo("countLines: 2 lines");
    assertThat(notes.counted).containsExactly(project.resolve("notes.txt").toString());
    assertThat(audit.session("s1"))
        .singleElement()
        .extracting(PermissionDecision::risk)
        .isEqualTo(RiskLevel.LOW);
  }

  @Test
  void pathOutsideTheProjectIsCriticalAndNeverReachesTheMethod() {
    NoteTools notes = new NoteTools();

    ToolResult result =
        runner(ApprovalMode.FULL_AUTO, notes)
            .run("s1", "countLines", "{\"file\":\"../outside.txt\",\"limit\":2}");

    assertThat(result.success()).isFalse();
    assertThat(notes.counted).isEmpty();
    assertThat(audit.session("s1"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.risk()).isEqualTo(RiskLevel.CRITICAL);
              assertThat(d.answer()).isEqualTo(DecisionAnswer.DENIED_BY_POLICY);
            });
  }

  @Test
  void changeOfOwnStateIsMediumRiskSoReadOnlyModeRefusesIt() {
    NoteTools notes = new NoteTools();

    ToolResult readOnly =
        runner(ApprovalMode.READ_ONLY, notes).run("s1", "remember", "{\"note\":\"use JUnit 5\"}");
    ToolResult autoEdit =
        runner(ApprovalMode.AUTO_EDIT, notes).run("s2", "remember", "{\"note\":\"use JUnit 5\"}");

    assertThat(readOnly.success()).isFalse();
    assertThat(autoEdit.success()).isTrue();
    assertThat(notes.notes).containsExactly("use JUnit 5");
    assertThat(audit.session("s2"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.risk()).isEqualTo(RiskLevel.MEDIUM);
              assertThat(d.rule()).contains("changes BECA's own memory or settings");
            });
  }

  @Test
  void secretInAStateChangeIsRefusedBeforeTheMethodRuns() {
    NoteTools notes = new NoteTools();
    String token = new DummySecrets(7).githubPat();

    ToolResult result =
        runner(ApprovalMode.FULL_AUTO, notes)
            .run("s1", "remember", "{\"note\":\"the token is " + token + "\"}");

    assertThat(result.success()).isFalse();
    assertThat(notes.notes).isEmpty();
    assertThat(audit.session("s1"))
        .singleElement()
        .extracting(PermissionDecision::answer)
        .isEqualTo(DecisionAnswer.REFUSED_SECRET);
  }

  @Test
  void projectToolsRunOutsideTheSandboxSoTheyRateOneLevelAboveACommand() {
    RiskClassifier classifier = new RiskClassifier(root);

    RiskAssessment risk =
        classifier.classify(
            new ToolAction(
                ActionKind.PROJECT_TOOLS, List.of("."), Optional.empty(), Optional.empty()));

    assertThat(risk.level()).isEqualTo(RiskLevel.CRITICAL);
    assertThat(risk.reason()).contains("outside the sandbox");
  }

  @Test
  void projectToolsTakeABenchmarkRunPermit() {
    RateLimits limits =
        RateLimits.builder().perMinute(LimitedOperation.BENCHMARK_RUN, 1).clock(clock).build();
    PermissionPolicy allowBuild =
        PermissionPolicy.builder()
            .mode(ApprovalMode.FULL_AUTO)
            .rule(PolicyRule.user(PolicyEffect.ALLOW, "build", "."))
            .build();
    ToolRunner runner =
        ToolRunner.builder()
            .tools(AnnotatedTools.from(new NoteTools(), root))
            .classifier(new RiskClassifier(root))
            .policy(allowBuild)
            .approvals(PendingApprovals.unattended())
            .audit(audit)
            .scanner(SecretScanner.standard())
            .alerts(alerts)
            .clock(clock)
            .rateLimits(limits)
            .build();

    ToolResult first = runner.run("s1", "build", "{\"path\":\".\"}");
    ToolResult second = runner.run("s1", "build", "{\"path\":\".\"}");

    assertThat(first.success()).isTrue();
    assertThat(second.success()).isFalse();
    assertThat(second.text()).contains("benchmark runs");
  }

  @Test
  void failureOfTheLibraryComesBackAsAnErrorTheModelCanRead() {
    ToolResult result =
        runner(ApprovalMode.READ_ONLY, new NoteTools()).run("s1", "show", "{\"number\":3}");

    assertThat(result.success()).isFalse();
    assertThat(result.text()).startsWith("Error: ").contains("There is no note 3.");
  }

  @Test
  void integerOutOfRangeForAnIntParameterIsRefused() {
    ToolResult result =
        runner(ApprovalMode.READ_ONLY, new NoteTools())
            .run("s1", "countLines", "{\"file\":\"notes.txt\",\"limit\":99999999999}");

    assertThat(result.success()).isFalse();
    assertThat(result.text()).contains("out of range");
  }

  @Test
  void toolWithoutADeclaredEffectIsRefusedAtWiring() {
    assertThatThrownBy(() -> AnnotatedTools.from(new Undeclared(), root))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Undeclared.something")
        .hasMessageContaining("@Acts");
  }

  @Test
  void secretToolsScanOnlyPathsInsideTheProject() {
    List<Path> scanned = new ArrayList<>();
    SecretTools secretTools =
        new SecretTools(
            SecretScanner.standard(),
            alerts,
            path -> {
              scanned.add(path);
              return List.of();
            });
    List<AgentTool> tools = AnnotatedTools.secretTools(secretTools, root);
    ToolRunner runner = runner(ApprovalMode.READ_ONLY, tools, RateLimits.unlimited());

    ToolResult inside = runner.run("s1", "scanPath", "{\"path\":\"notes.txt\"}");
    ToolResult outside = runner.run("s1", "scanPath", "{\"path\":\"../outside.txt\"}");

    assertThat(tools)
        .extracting(AgentTool::name)
        .containsExactly("recentAlerts", "scanPath", "scanText");
    assertThat(inside.success()).isTrue();
    assertThat(outside.success()).isFalse();
    assertThat(scanned).containsExactly(project.resolve("notes.txt"));
  }
}
