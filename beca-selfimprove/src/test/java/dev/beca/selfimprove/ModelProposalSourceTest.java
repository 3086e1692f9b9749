package dev.beca.selfimprove;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.improve.ArchivedProposal;
import dev.beca.core.improve.InMemoryImprovementArchive;
import dev.beca.core.improve.ProposalStatus;
import dev.beca.core.learning.InMemoryLessonStore;
import dev.beca.core.learning.NewLesson;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import dev.beca.selfimprove.ModelProposalSource.Target;
import dev.beca.selfimprove.internal.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model proposer against the loopback Ollama server (LangChain4j's real client, real sockets),
 * scripted with the five kinds of proposal, on a real Python project evaluated with real
 * pytest runs in real git worktrees.
 */
class ModelProposalSourceTest {

  static final String CALC =
      Fixtures.CALC + "\n\ndef mul(a, b):\n" + "    return a * b\n"; // mul() has no test

  @TempDir Path project;
  @TempDir Path worktrees;

  private GitCli git;
  private OllamaLoopbackServer ollama;
  private final InMemoryImprovementArchive archive = new InMemoryImprovementArchive();
  private final InMemoryLessonStore lessons = new InMemoryLessonStore(Clock.systemUTC());

  @BeforeEach
  void setUp() throws Exception {
    Fixtures.pythonProject(project);
    Files.writeString(project.resolve("calc.py"), CALC);
    git = Fixtures.commitAll(project, "add mul");
    ollama = OllamaLoopbackServer.builder().model("coder").start();
  }

  @AfterEach
  void tearDown() {
    ollama.close();
  }

  private static final List<Target> TARGETS =
      List.of(
          new Target("calc.py", 2, "test_calc.test_add fails: add(2, 3) returns -1"),
          new Target("calc.py", 10, "mul() is not covered by any test"),
          new Target("calc.py", 6, "sub() and add() look alike"),
          new Target("test_calc.py", 4, "test_add fails"),
          new Target("test_calc.py", 4, "test_add fails, try again"),
          new Target("calc.py", 2, "add() is wrong"),
          new Target("calc.py", 1, "the module has no docstring"));

  private ImprovementEngine engine(ModelProposalSource source) {
    return ImprovementEngine.builder()
        .archive(archive)
        .source(source)
        .step(CommandStep.pytest().toBuilder().timeLimit(Duration.ofSeconds(120)).build())
        .maxProposals(10)
        .worktreeParent(worktrees)
        .build();
  }

  private ModelProposalSource source(String baseUrl) {
    return ModelProposalSource.builder()
        .models(new LoopbackModels(baseUrl, "coder"))
        .lessons(lessons)
        .targets(p -> TARGETS)
        .build();
  }

  @Test
  void onlyTheModelsGoodProposalsReachTheQueueAndNoRegressionIsApplied() throws Exception {
    String fix = Fixtures.diff(project, Map.of("calc.py", CALC.replaceFirst("a - b", "a + b")));
    String coverage =
        Fixtures.diff(
            project,
            Map.of(
                "test_mul.py",
                "from calc import mul\n\n\ndef test_mul():\n    assert mul(2, 3) == 6\n"));
    String breaksSub = Fixtures.diff(project, Map.of("calc.py", CALC.replace("a - b", "a + b")));
    String editsConfig =
        Fixtures.diff(
            project,
            Map.of("pytest.ini", "[pytest]\naddopts = -p no:cacheprovider -k 'not add'\n"));
    Map<String, String> deletion = new HashMap<>();
    deletion.put("test_calc.py", null);
    String deletesTest = Fixtures.diff(project, deletion);
    String doesNotApply = fix.replace("-    return a - b", "-    return a // b");
    lessons.add(
        NewLesson.of("testing", "In calc.py each operator has its own test in test_calc.py."));
    ollama.enqueue(
        OllamaReply.text("Make add() add.\n\n```diff\n" + fix + "```\n"),
        OllamaReply.text("Add a test for mul().\n```diff\n" + coverage + "```"),
        OllamaReply.text("Use + in both functions.\n```diff\n" + breaksSub + "```"),
        OllamaReply.text("Skip the failing test.\n```diff\n" + editsConfig + "```"),
        OllamaReply.text(deletesTest), // a bare diff, no fence
        OllamaReply.text("Fix add().\n```patch\n" + doesNotApply + "```"),
        OllamaReply.text("A docstring would help, but I cannot write a diff for it."));
    Map<String, String> before = Fixtures.snapshot(project);
    String head = git.run("rev-parse", "HEAD").line();
    ImprovementEngine engine = engine(source(ollama.baseUrl()));

    CycleReport report = engine.runCycle(project);

    assertThat(ollama.chatRequests()).hasSize(7);
    String firstPrompt = ollama.chatRequests().get(0).lastUserText();
    assertThat(firstPrompt)
        .contains("File: calc.py", "def add(a, b):", "test_calc.test_add fails")
        .contains("each operator has its own test");
    assertThat(report.proposals()).hasSize(6); // the reply without a diff is no proposal
    assertThat(report.proposals()).allSatisfy(p -> assertThat(p.source()).isEqualTo("model:coder"));
    Map<String, ArchivedProposal> byDiff = new HashMap<>();
    report.proposals().forEach(p -> byDiff.put(p.diff(), p));
    assertThat(byDiff.get(fix).status()).isEqualTo(ProposalStatus.AWAITING_APPROVAL);
    assertThat(byDiff.get(fix).description()).startsWith("Make add() add.");
    assertThat(byDiff.get(fix).reason()).contains("now passing: test_calc.test_add");
    assertThat(byDiff.get(coverage).status()).isEqualTo(ProposalStatus.AWAITING_APPROVAL);
    assertThat(byDiff.get(coverage).reason()).contains("tests.tests.passing 1 -> 2 (better)");
    assertThat(byDiff.get(breaksSub).status()).isEqualTo(ProposalStatus.REJECTED_BY_EVALUATOR);
    assertThat(byDiff.get(breaksSub).reason()).contains("test_calc.test_sub");
    assertThat(byDiff.get(editsConfig).reason()).startsWith("PROTECTED_FILE");
    assertThat(byDiff.get(deletesTest).reason()).startsWith("DELETES_TEST");
    assertThat(byDiff.get(doesNotApply).reason()).startsWith("DOES_NOT_APPLY");
    assertThat(engine.awaitingApproval())
        .extracting(ArchivedProposal::diff)
        .containsExactlyInAnyOrder(fix, coverage);
    // The cycle changed nothing of the user's.
    assertThat(Fixtures.snapshot(project)).isEqualTo(before);
    assertThat(git.run("rev-parse", "HEAD").line()).isEqualTo(head);

    Application applied = engine.approve(byDiff.get(fix).id());

    assertThat(applied.applied()).isTrue();
    assertThat(git.run("log", "-1", "--format=%B").out())
        .contains("BECA-Improvement: " + byDiff.get(fix).id());
    assertThat(Files.readString(project.resolve("calc.py"))).contains("return a + b");
    assertThat(new GitCli(project).run("log", "--format=%H", head + "..HEAD").out().lines())
        .hasSize(1); // only the approved proposal reached the branch: 0 regressions applied
    ProcessBuilder pytest =
        new ProcessBuilder(
                "python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_calc.py")
            .directory(project.toFile())
            .redirectErrorStream(true);
    Process p = pytest.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void withoutAModelServerTheCycleSaysSoAndProposesNothing() {
    String nobody = OllamaLoopbackServer.unusedLoopbackUrl();

    CycleReport report = engine(source(nobody)).runCycle(project);

    assertThat(report.proposals()).isEmpty();
    assertThat(report.summary())
        .contains("the source model:coder failed")
        .contains("no answer from model 'coder'")
        .contains("Start the model server");
  }
}
