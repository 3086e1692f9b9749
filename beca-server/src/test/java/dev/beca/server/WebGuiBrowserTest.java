package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.agent.ApprovalMode;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.ProjectFileTools;
import dev.beca.core.agent.ProjectRoot;
import dev.beca.core.agent.RiskClassifier;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.assistant.Assistant;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.ConversationThread;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.ThreadSummary;
import dev.beca.core.improve.ImprovementStatus.CycleState;
import dev.beca.core.improve.MeasureDelta;
import dev.beca.core.improve.MeasureDelta.Change;
import dev.beca.core.improve.ProposalStatus;
import dev.beca.core.improve.StepRecord;
import dev.beca.core.improve.StepRecord.StepOutcome;
import dev.beca.core.learning.LessonCategory;
import dev.beca.core.learning.NewLesson;
import dev.beca.core.learning.NewPattern;
import dev.beca.core.learning.PatternKind;
import dev.beca.core.learning.PatternSource;
import dev.beca.core.limits.RateLimits;
import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelServerLoad;
import dev.beca.core.model.ModelVersion;
import dev.beca.core.model.ModelVersionStatus;
import dev.beca.core.monitoring.MetricSample;
import dev.beca.core.quality.SampleResults;
import dev.beca.core.secrets.Confidence;
import dev.beca.core.secrets.NewSecurityAlert;
import dev.beca.core.secrets.SecretFingerprints;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.secrets.Severity;
import dev.beca.core.testkit.OllamaPullReply;
import dev.beca.models.OllamaModelServer;
import dev.beca.models.OllamaSettings;
import dev.beca.server.approvals.ApiApprovals;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web GUI in headless Chromium against a started server over real SQLite stores and the
 * scripted loopback model: log in with the token once, chat and watch the reply stream in, stop a
 * reply, threads, alerts and every other screen at phone size (390×844) and desktop size, each
 * screen photographed (target/gui-screenshots) and checked with axe-core. One browser for the
 * class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebGuiBrowserTest {

  private static final List<String> SCREENS =
      List.of(
          "chat",
          "threads",
          "improvements",
          "learning",
          "benchmarks",
          "models",
          "resources",
          "security",
          "troubleshooting",
          "settings");

  @TempDir static Path dataDir;
  private ServerFixture fixture;
  private ChromeDriver browser;
  private WebDriverWait wait;
  private long seededThread;
  private ScriptedImprovements improvements;

  @BeforeAll
  void start() {
    // The Resources and Models screens ask the fixture's loopback Ollama what it has (GET
    // /api/tags)
    // and what it has loaded (GET /api/ps).
    AtomicReference<ServerFixture> started = new AtomicReference<>();
    fixture =
        new ServerFixture(
            dataDir,
            RateLimits::unlimited,
            BecaServer.DEFAULT_MAX_BODY_BYTES,
            (kb, builder) -> {
              builder
                  .modelServerLoad(() -> List.of(ModelServerLoad.check(ollamaOf(started))))
                  .modelList(() -> ollamaOf(started).models());
              // The API's assistant with the project's file tools under the "ask" policy, so a
              // tool call waits for an answer over HTTP (the chat shows it inline).
              ApiApprovals approvals = ApiApprovals.create(Duration.ofMinutes(5));
              ProjectRoot root = ProjectRoot.of(dataDir.resolve("project"));
              ToolRunner tools =
                  ToolRunner.builder()
                      .tools(ProjectFileTools.create(root))
                      .classifier(new RiskClassifier(root))
                      .policy(PermissionPolicy.builder().mode(ApprovalMode.ASK).build())
                      .approvals(approvals.pending())
                      .audit(kb.decisionAudit())
                      .scanner(SecretScanner.standard())
                      .alerts(kb.securityAlerts())
                      .build();
              builder
                  .approvals(approvals)
                  .assistant(
                      Assistant.builder()
                          .messages(kb.messages())
                          .sessions(kb.sessions())
                          .models(modelOf(started))
                          .tools(tools)
                          .build());
              improvements = new ScriptedImprovements(kb.improvements());
              builder.improvements(improvements);
            });
    started.set(fixture);
    seed();
    browser = HeadlessChromium.start(390, 844);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    // Screens re-render what they poll or reload: an element read in a condition may be replaced.
    wait.ignoring(StaleElementReferenceException.class);
  }

  /** The fixture's scripted model, found when a turn asks for it (after the fixture started). */
  private static ModelGateway modelOf(AtomicReference<ServerFixture> fixture) {
    return new ModelGateway() {
      @Override
      public ModelRef model(ModelRole role) {
        return new ModelRef(role, "scripted");
      }

      @Override
      public StreamingChatModel streamingChatModel(ModelRole role) {
        return fixture.get().model;
      }

      @Override
      public Duration replyTimeout() {
        return Duration.ofSeconds(60);
      }
    };
  }

  private static OllamaModelServer ollamaOf(AtomicReference<ServerFixture> fixture) {
    return new OllamaModelServer(
        "ollama",
        OllamaSettings.builder()
            .baseUrl(fixture.get().ollama.baseUrl())
            .timeout(Duration.ofSeconds(10))
            .build());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (fixture != null) {
      fixture.model.release();
      fixture.close();
    }
  }

  private void seed() {
    ConversationThread thread = fixture.kb.threads().create("release 1.2");
    seededThread = thread.id();
    String session = fixture.kb.sessions().create("planning").id();
    ConversationMessage question =
        fixture
            .kb
            .messages()
            .append(NewMessage.user(session, "Which modules change for the release?"));
    ConversationMessage answer =
        fixture
            .kb
            .messages()
            .append(
                NewMessage.assistant(
                    session, "beca-server gets the web GUI; beca-app prints its address."));
    fixture.kb.threads().link(question.id(), thread.id());
    fixture.kb.threads().link(answer.id(), thread.id());
    fixture
        .kb
        .threads()
        .saveSummary(
            new ThreadSummary(
                thread.id(),
                "Release 1.2 adds the web GUI to beca serve.",
                ThreadSummary.Kind.EXTRACTIVE,
                "extractive",
                answer.id(),
                2,
                Instant.now()));
    fixture
        .kb
        .securityAlerts()
        .record(
            new NewSecurityAlert(
                "chat",
                "aws-access-key-id",
                Severity.HIGH,
                "session " + session + ", message " + question.id(),
                SecretFingerprints.of("AKIAIOSFODNN7EXAMPLE"),
                Confidence.HIGH));
    fixture
        .kb
        .modelErrors()
        .record(
            "ollama",
            "llama3.2",
            "ModelUnavailableException",
            "Ollama at http://127.0.0.1:11434 did not answer. Start it with 'ollama serve'.",
            "retried 3 times, then tried the fallback model");
    fixture
        .kb
        .lessons()
        .add(
            NewLesson.of(
                LessonCategory.TOOLING, "Run maven with -o when the network is down offline."));
    fixture
        .kb
        .lessons()
        .add(NewLesson.of(LessonCategory.TESTING, "Name tests after the behaviour they check."));
    fixture
        .kb
        .patterns()
        .save(
            NewPattern.builder(PatternKind.FRAMEWORK, PatternSource.REPOSITORY)
                .frameworks(List.of("Javalin"))
                .solutionSummary("HTTP API on Javalin with a route table")
                .build());
    Instant now = Instant.now();
    List<MetricSample> samples = new ArrayList<>();
    for (int i = 40; i >= 0; i--) {
      Instant at = now.minus(Duration.ofMinutes(i));
      samples.add(new MetricSample("system.cpu.load", at, 0.2 + 0.15 * Math.sin(i / 4.0)));
      samples.add(new MetricSample("system.memory.used_ratio", at, 0.55 + i * 0.002));
      samples.add(new MetricSample("jvm.heap.used_bytes", at, 60e6 + (i % 7) * 8e6));
      samples.add(new MetricSample("disk.free_bytes", at, 40e9 - i * 1e7));
    }
    fixture.kb.metricHistory().record(samples);
    fixture
        .kb
        .benchmarks()
        .save(SampleResults.poor("my-service", now.minus(Duration.ofDays(20)), ""));
    fixture
        .kb
        .benchmarks()
        .save(SampleResults.poor("my-service", now.minus(Duration.ofDays(9)), ""));
    fixture
        .kb
        .benchmarks()
        .save(SampleResults.good("my-service", now.minus(Duration.ofDays(2)), ""));
  }

  @Test
  @Order(1)
  void aPhoneLogsInWithTheTokenOnceAndGetsAnHttpOnlyStrictCookie() {
    browser.get(url("/"));
    wait.until(ExpectedConditions.urlContains("/login"));
    assertAccessible("login");
    HeadlessChromium.screenshot(browser, "phone-login");

    browser.findElement(By.id("token")).sendKeys(fixture.admin);
    browser.findElement(By.cssSelector("form button[type=submit]")).click();

    try {
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("nav.screens")));
    } catch (RuntimeException e) {
      System.err.println(
          "After log-in: " + browser.getCurrentUrl() + "\n" + browser.getPageSource());
      throw e;
    }
    wait.until(ExpectedConditions.urlContains("#/chat"));
    Cookie cookie = browser.manage().getCookieNamed("beca_session");
    assertThat(cookie).isNotNull();
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo("Strict");
    assertThat((String) browser.executeScript("return document.cookie;"))
        .doesNotContain("beca_session");
    assertThat(browser.getPageSource()).doesNotContain(fixture.admin);
  }

  @Test
  @Order(2)
  void theReplyStreamsIntoThePageWithoutMovingTheComposer() {
    show("chat");
    fixture.model.reply(List.of("Records ", "are shallowly ", "immutable already."));
    fixture.model.holdAfterFirstChunk();
    WebElement composer = browser.findElement(By.cssSelector("form.composer"));
    Rectangle before = composer.getRect();

    browser.findElement(By.id("chat-message")).sendKeys("How do I make a record immutable?");
    browser.findElement(By.cssSelector("form.composer button[type=submit]")).click();

    WebElement reply = lastReply();
    wait.until(d -> reply.getText().contains("Records"));
    assertThat(stopButton().isEnabled()).as("Stop is live while the reply streams").isTrue();
    assertThat(reply.getText()).doesNotContain("immutable already");
    Rectangle during = composer.getRect();
    HeadlessChromium.screenshot(browser, "phone-chat-streaming");

    fixture.model.release();
    wait.until(d -> status().contains("Answered by scripted"));

    assertThat(reply.getText()).contains("Records are shallowly immutable already.");
    assertThat(stopButton().isEnabled()).isFalse();
    assertThat(List.of(box(before), box(during), box(composer.getRect())))
        .as("the composer's place before, while and after the reply streams")
        .containsOnly(box(before));
    assertAccessible("chat");
    HeadlessChromium.screenshot(browser, "phone-chat");
  }

  @Test
  @Order(3)
  void stopEndsTheStreamAndTheStoredReplyShowsInTheHistoryLater() {
    show("chat");
    fixture.model.reply(List.of("First part, ", "then the rest."));
    fixture.model.holdAfterFirstChunk();
    Rectangle composer = browser.findElement(By.cssSelector("form.composer")).getRect();
    browser.findElement(By.id("chat-message")).sendKeys("Tell me a long story");
    browser.findElement(By.cssSelector("form.composer button[type=submit]")).click();
    WebElement reply = lastReply();
    wait.until(d -> reply.getText().contains("First part"));

    stopButton().click();

    wait.until(d -> status().startsWith("Stopped"));
    assertThat(reply.getText()).doesNotContain("then the rest");
    assertThat(box(browser.findElement(By.cssSelector("form.composer")).getRect()))
        .as("the composer's place after Stop")
        .isEqualTo(box(composer));
    fixture.model.release();
    wait.until(
        d ->
            fixture.kb.messages().recent(sessionOfChat(), 10).stream()
                .anyMatch(m -> m.content().contains("then the rest")));
    show("threads");
    show("chat");
    wait.until(
        d ->
            browser.findElement(By.cssSelector(".transcript")).getText().contains("then the rest"));
  }

  @Test
  @Order(4)
  void threadsAreListedSearchedShownAndCreatedWithTheCsrfToken() {
    show("threads");
    wait.until(d -> d.findElement(By.cssSelector("main")).getText().contains("release 1.2"));
    browser.findElement(By.id("thread-name")).sendKeys("from the phone");
    browser.findElement(By.id("thread-name")).submit();
    wait.until(d -> d.findElement(By.cssSelector("main")).getText().contains("from the phone"));
    assertThat(fixture.kb.threads().list()).extracting("name").contains("from the phone");

    browser.findElement(By.id("search-q")).sendKeys("modules");
    new Select(browser.findElement(By.id("search-mode"))).selectByValue("keyword");
    browser.findElement(By.id("search-q")).submit();
    wait.until(d -> d.findElement(By.cssSelector(".results")).getText().contains("1 found"));
    assertAccessible("threads");
    HeadlessChromium.screenshot(browser, "phone-threads");

    browser.get(url("/#/threads/" + seededThread));
    wait.until(
        d -> d.findElement(By.cssSelector("main")).getText().contains("Release 1.2 adds the web"));
    assertThat(browser.findElement(By.cssSelector("main")).getText())
        .contains("Which modules change for the release?");
    assertAccessible("thread");
    HeadlessChromium.screenshot(browser, "phone-thread");
  }

  @Test
  @Order(5)
  void theAlertsShowTheFingerprintNeverTheSecret() {
    show("security");
    wait.until(d -> d.findElement(By.cssSelector("main")).getText().contains("aws-access-key-id"));
    String text = browser.findElement(By.cssSelector("main")).getText();
    assertThat(text).contains(SecretFingerprints.of("AKIAIOSFODNN7EXAMPLE"), "high");
    assertThat(text).doesNotContain("AKIAIOSFODNN7EXAMPLE");
  }

  @Test
  @Order(6)
  void theBenchmarkTrendIsDrawnWithOnePointPerRun() {
    browser.get(url("/#/benchmarks/my-service"));
    wait.until(d -> !d.findElements(By.cssSelector(".chart svg circle")).isEmpty());
    assertThat(browser.findElements(By.cssSelector(".chart svg circle"))).hasSize(3);
    assertThat(browser.findElement(By.cssSelector(".chart svg")).getAttribute("aria-label"))
        .contains("3 runs");
  }

  @Test
  @Order(7)
  void resourcesShowTheMachineAndWhatTheModelServerHasLoadedAtPhoneSize() {
    fixture.ollama.markRunning("alpha");
    show("resources");
    String text = browser.findElement(By.cssSelector("main")).getText();
    assertThat(text).contains("CPU", "Memory", "Java heap", "Disk free", dataDir.toString());
    assertThat(text).contains("nvidia-smi is not installed");
    assertThat(text).contains("ollama", "alpha", "No threshold is crossed.");
    assertThat(browser.findElements(By.cssSelector("main meter"))).hasSize(4);
    wait.until(d -> d.findElements(By.cssSelector(".history-charts svg")).size() >= 4);
    assertThat(
            browser.findElement(By.cssSelector(".history-charts svg")).getAttribute("aria-label"))
        .startsWith("CPU: latest");
    browser.executeScript(
        "document.querySelector('.history-charts').scrollIntoView({block: 'start'});");
    HeadlessChromium.screenshot(browser, "phone-resources-history");
    assertThat(browser.findElements(By.cssSelector("main .note.error"))).isEmpty();
    assertAccessible("resources");
  }

  @Test
  @Order(8)
  void anAdminSwitchesAndRollsBackARoleAfterConfirmingAndSeesTheHistory() throws Exception {
    assertThat(
            fixture
                .post("/models/use", fixture.admin, "{\"role\":\"general\",\"model\":\"alpha\"}")
                .statusCode())
        .isEqualTo(200);
    show("models");
    wait.until(d -> d.findElement(By.cssSelector(".history")).getText().contains("ollama/alpha"));

    chooseModel("ollama/embed");
    browser.findElement(By.cssSelector("form.switch button[type=submit]")).click();
    confirm();
    wait.until(d -> !d.findElements(By.cssSelector(".outcome .note.error")).isEmpty());
    assertThat(browser.findElement(By.cssSelector(".outcome")).getText()).contains("model_failed");
    assertThat(active()).isEqualTo("alpha:latest");

    chooseModel("ollama/beta");
    browser.findElement(By.cssSelector("form.switch button[type=submit]")).click();
    browser.findElement(By.cssSelector(".confirmation button.quiet")).click();
    assertThat(browser.findElement(By.cssSelector(".outcome")).getText())
        .contains("Nothing changed");
    assertThat(active()).isEqualTo("alpha:latest");

    browser.findElement(By.cssSelector("form.switch button[type=submit]")).click();
    confirm();
    wait.until(d -> d.findElement(By.cssSelector(".outcome")).getText().contains("now uses"));
    assertThat(active()).isEqualTo("beta:latest");
    waitLoaded();
    assertAccessible("models after a switch");
    HeadlessChromium.screenshot(browser, "phone-models-history");

    long alpha =
        fixture.kb.modelVersions().history().stream()
            .filter(v -> v.model().name().equals("alpha:latest"))
            .mapToLong(ModelVersion::id)
            .min()
            .orElseThrow();
    wait.until(
        d ->
            !d.findElements(By.xpath("//button[text()='Roll back to version " + alpha + "…']"))
                .isEmpty());
    browser.findElement(By.xpath("//button[text()='Roll back to version " + alpha + "…']")).click();
    confirm();
    wait.until(d -> d.findElement(By.cssSelector(".outcome .done")).getText().contains("alpha"));
    assertThat(active()).isEqualTo("alpha:latest");
    waitLoaded();
    assertThat(browser.findElements(By.cssSelector(".history .version"))).hasSize(3);
  }

  @Test
  @Order(9)
  void anAdminAllowsTheWaitingToolCallInTheChatAndTheToolRuns() throws Exception {
    show("chat");
    browser.findElement(By.xpath("//button[text()='New conversation']")).click();
    fixture.model.callTool("write_file", "{\"path\":\"note.txt\",\"content\":\"from the phone\"}");
    browser.findElement(By.id("chat-message")).sendKeys("Write a note");
    browser.findElement(By.cssSelector("form.composer button[type=submit]")).click();

    WebElement card =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".transcript .approval")));
    assertThat(card.getText()).contains("write_file", "medium risk", "from the phone");
    assertThat(Files.exists(fixture.project.resolve("note.txt"))).isFalse();
    assertAccessible("a tool call waiting in the chat");
    HeadlessChromium.screenshot(browser, "phone-chat-approval");

    card.findElement(By.cssSelector("button.approve")).click();

    wait.until(d -> status().contains("Answered by scripted"));
    assertThat(card.getText()).contains("Allowed: the tool runs.");
    assertThat(card.findElements(By.cssSelector("button"))).isEmpty();
    assertThat(lastReply().getText()).contains("The tool said");
    assertThat(Files.readString(fixture.project.resolve("note.txt"))).isEqualTo("from the phone");
    assertThat(fixture.kb.decisionAudit().session("api:admin"))
        .extracting(PermissionDecision::tool)
        .contains("approval_answer");
  }

  @Test
  @Order(10)
  void aBenchmarkRunShowsItsProgressAndItsPointJoinsTheTrend() {
    browser.get(url("/#/benchmarks/my-service"));
    waitLoaded();
    wait.until(d -> d.findElements(By.cssSelector(".chart svg circle")).size() == 3);
    assertThat(browser.findElement(By.id("run-name")).getAttribute("value"))
        .isEqualTo("my-service");

    browser.findElement(By.cssSelector("section.run button[type=submit]")).click();

    wait.until(
        d -> d.findElement(By.cssSelector("section.run .state")).getText().startsWith("Done"));
    assertThat(browser.findElement(By.cssSelector("ol.probes")).getText()).contains("todo");
    WebElement bar = browser.findElement(By.id("run-progress"));
    assertThat(bar.getAttribute("value")).isEqualTo(bar.getAttribute("max"));
    wait.until(d -> d.findElements(By.cssSelector(".chart svg circle")).size() == 4);
    assertThat(browser.findElement(By.cssSelector(".chart svg")).getAttribute("aria-label"))
        .contains("4 runs");
    assertThat(fixture.kb.benchmarks().trend("my-service", Instant.now().minus(Duration.ofDays(1))))
        .as("the seeded runs are older than a day; the one from the page is not")
        .hasSize(1);

    browser.findElement(By.cssSelector(".chart details summary")).click();
    List<WebElement> results =
        browser.findElements(By.xpath("//button[starts-with(text(),'Result ')]"));
    results.get(results.size() - 1).click();
    wait.until(d -> d.findElement(By.cssSelector("section.result")).getText().contains("Hints"));
    assertAccessible("a benchmark run and its result");
    assertNoSidewaysOverflow("the trend's table");
    browser.executeScript(
        "document.querySelector('section.run').scrollIntoView({block: 'start'});");
    HeadlessChromium.screenshot(browser, "phone-benchmarks-run");
    browser.executeScript(
        "document.querySelector('section.result').scrollIntoView({block: 'start'});");
    HeadlessChromium.screenshot(browser, "phone-benchmarks-result");
  }

  @Test
  @Order(11)
  void theEmergencyStopInTheHeaderEndsARunningCycleInOneTapFromAnyScreen() {
    improvements.begin(fixture.project.toString());
    show("threads");
    WebElement stop =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#estop.armed")));
    assertThat(browser.findElement(By.id("estop-note")).getText()).contains("running");
    HeadlessChromium.screenshot(browser, "phone-threads-run-active");

    stop.click();

    wait.until(d -> d.findElement(By.id("estop-note")).getText().startsWith("Stopped the cycle"));
    assertThat(improvements.status().state()).isEqualTo(CycleState.IDLE);
    assertThat(improvements.status().lastRunStopped()).isTrue();
    wait.until(d -> d.findElements(By.cssSelector("#estop.armed")).isEmpty());

    improvements.begin(fixture.project.toString());
    show("improvements");
    wait.until(d -> d.findElement(By.id("cycle-state")).getText().equals("running"));
    assertAccessible("improvements while a run is active");
    HeadlessChromium.screenshot(browser, "phone-improvements-running");
    browser.findElement(By.id("estop")).click();
    wait.until(d -> d.findElement(By.id("cycle-state")).getText().equals("idle"));
    assertThat(browser.findElement(By.cssSelector(".improve-state")).getText())
        .contains("(emergency stop)");
  }

  @Test
  @Order(12)
  void anAdminReadsAProposalsDiffAndDeltasApprovesItRollsItBackAndRejectsAnother() {
    String run = improvements.begin(fixture.project.toString()).id();
    improvements.propose(
        run,
        "fix-add",
        "Fix add: return a + b",
        "--- a/calc.py\n+++ b/calc.py\n@@ -1,3 +1,3 @@\n def add(a, b):\n-    return a - b\n"
            + "+    return a + b\n \n",
        List.of(
            new StepRecord(
                "fix-add",
                0,
                "tests",
                StepOutcome.PASSED,
                "42 tests, 0 failed",
                List.of(
                    new MeasureDelta("tests passing", "41", "42", Change.BETTER, ""),
                    new MeasureDelta("line coverage", "81.0 %", "81.0 %", Change.SAME, "")),
                Duration.ofSeconds(12))));
    improvements.propose(
        run, "tidy-names", "Rename helpers", "--- a/util.py\n+++ b/util.py\n", List.of());
    improvements.finish("2 proposals: 2 awaiting approval");
    show("improvements");
    wait.until(d -> d.findElement(By.cssSelector("main")).getText().contains("Fix add"));
    assertThat(browser.findElement(By.cssSelector("main")).getText())
        .contains("2 proposals: 2 awaiting approval");
    HeadlessChromium.screenshot(browser, "phone-improvements-awaiting");

    browser.findElement(By.linkText("Fix add: return a + b")).click();
    wait.until(
        d -> d.findElement(By.cssSelector("main h1")).getText().equals("Fix add: return a + b"));
    waitLoaded();
    String text = browser.findElement(By.cssSelector("main")).getText();
    assertThat(text).contains("tests passing", "41", "42", "better", "+    return a + b");
    assertThat(browser.findElements(By.cssSelector("pre.diff .add"))).hasSize(1);
    assertThat(browser.findElements(By.cssSelector("pre.diff .del"))).hasSize(1);
    assertNoSidewaysOverflow("a proposal");
    assertAccessible("a proposal");
    HeadlessChromium.screenshot(browser, "phone-improvement-proposal");

    browser.findElement(By.xpath("//button[text()='Approve…']")).click();
    confirm();
    wait.until(d -> d.findElement(By.id("proposal-status")).getText().equals("applied"));
    assertThat(browser.findElement(By.cssSelector(".outcome")).getText())
        .contains("Applied fix-add");
    browser.findElement(By.xpath("//button[text()='Roll back…']")).click();
    confirm();
    wait.until(d -> d.findElement(By.id("proposal-status")).getText().equals("rolled-back"));
    assertThat(improvements.show("fix-add").orElseThrow().proposal().status())
        .isEqualTo(ProposalStatus.ROLLED_BACK);

    browser.get(url("/#/improvements/tidy-names"));
    wait.until(d -> d.findElement(By.cssSelector("main h1")).getText().equals("Rename helpers"));
    browser.findElement(By.id("reject-reason")).sendKeys("not now");
    browser.findElement(By.xpath("//button[text()='Reject…']")).click();
    confirm();
    wait.until(d -> d.findElement(By.id("proposal-status")).getText().equals("rejected"));
    assertThat(improvements.show("tidy-names").orElseThrow().proposal().reason())
        .isEqualTo("not now");
  }

  @Test
  @Order(13)
  void theLearningScreenShowsTopLessonsAndPatternsAndFindsThemBySearch() {
    show("learning");
    String text = browser.findElement(By.cssSelector("main")).getText();
    assertThat(text).contains("Name tests after the behaviour", "HTTP API on Javalin");
    browser.findElement(By.id("learn-q")).sendKeys("maven offline");
    browser.findElement(By.id("learn-q")).submit();
    wait.until(d -> d.findElement(By.cssSelector(".found")).getText().contains("found"));
    assertThat(browser.findElement(By.cssSelector(".found")).getText())
        .contains("1 lessons", "Run maven with -o");
    assertAccessible("learning after a search");
    HeadlessChromium.screenshot(browser, "phone-learning-search");
  }

  @Test
  @Order(14)
  void anOperatorTestsAModelAndPullsOneWatchingTheProgressBar() {
    fixture.ollama.enqueuePull(
        OllamaPullReply.success().withProgressSteps(8).withStepDelay(Duration.ofMillis(250)));
    show("models");
    Select test = new Select(browser.findElement(By.id("test-model")));
    test.getOptions().stream()
        .filter(o -> o.getText().startsWith("ollama/alpha"))
        .findFirst()
        .orElseThrow()
        .click();
    browser.findElement(By.cssSelector("form.test button[type=submit]")).click();
    wait.until(d -> d.findElement(By.cssSelector(".test-outcome")).getText().contains("passed"));

    browser.findElement(By.id("pull-model")).sendKeys("gamma");
    browser.findElement(By.cssSelector("form.pull button[type=submit]")).click();
    wait.until(
        d -> {
          WebElement bar = d.findElement(By.id("pull-progress"));
          String value = bar.getAttribute("value");
          return value != null
              && Double.parseDouble(value) > 0
              && Double.parseDouble(value) < Double.parseDouble(bar.getAttribute("max"));
        });
    assertThat(browser.findElement(By.cssSelector(".pull-status")).getText()).contains("%");
    HeadlessChromium.screenshot(browser, "phone-models-pull");
    wait.until(
        d ->
            d.findElement(By.cssSelector(".pull-status"))
                .getText()
                .startsWith("Pulled ollama/gamma"));
    wait.until(d -> d.findElement(By.cssSelector("main")).getText().contains("gamma"));
    waitLoaded();
    assertAccessible("models after a pull");
  }

  @Test
  @Order(15)
  void everyScreenWorksAndPassesAxeAtPhoneSize() {
    everyScreen("phone");
  }

  @Test
  @Order(16)
  void nothingOverflowsSidewaysAt360Pixels() {
    HeadlessChromium.resize(browser, 360, 740);
    try {
      for (String screen : SCREENS) {
        show(screen);
        assertNoSidewaysOverflow(screen + " at 360 px");
      }
    } finally {
      HeadlessChromium.resize(browser, 390, 844);
    }
  }

  @Test
  @Order(17)
  void everyScreenWorksAndPassesAxeAtDesktopSize() {
    HeadlessChromium.resize(browser, 1280, 800);
    try {
      everyScreen("desktop");
      browser.get(url("/#/threads/" + seededThread));
      wait.until(d -> d.findElement(By.cssSelector("main")).getText().contains("Latest messages"));
      HeadlessChromium.screenshot(browser, "desktop-thread");
    } finally {
      HeadlessChromium.resize(browser, 390, 844);
    }
  }

  @Test
  @Order(18)
  void atDesktopSizeAToolCallIsDeniedARunForcedTheStopTrippedTheLessonsReadAndAModelPulled()
      throws Exception {
    HeadlessChromium.resize(browser, 1280, 800);
    try {
      show("chat");
      browser.findElement(By.xpath("//button[text()='New conversation']")).click();
      fixture.model.callTool("write_file", "{\"path\":\"denied.txt\",\"content\":\"no\"}");
      browser.findElement(By.id("chat-message")).sendKeys("Write another note");
      browser.findElement(By.cssSelector("form.composer button[type=submit]")).click();
      WebElement card =
          wait.until(
              ExpectedConditions.visibilityOfElementLocated(
                  By.cssSelector(".transcript .approval")));
      card.findElement(By.cssSelector("button.deny")).click();
      // A person's deny ends the turn: the assistant stores its reply marked incomplete.
      wait.until(d -> status().equals("The reply was stored as incomplete."));
      assertThat(card.getText()).contains("Denied: the tool does not run.");
      assertThat(Files.exists(fixture.project.resolve("denied.txt"))).isFalse();
      HeadlessChromium.screenshot(browser, "desktop-chat-approval-denied");

      browser.get(url("/#/benchmarks/my-service"));
      waitLoaded();
      wait.until(d -> d.findElements(By.cssSelector(".chart svg circle")).size() == 4);
      browser.findElement(By.id("run-force")).click();
      browser.findElement(By.cssSelector("section.run button[type=submit]")).click();
      wait.until(
          d -> d.findElement(By.cssSelector("section.run .state")).getText().startsWith("Done"));
      wait.until(d -> d.findElements(By.cssSelector(".chart svg circle")).size() == 5);
      HeadlessChromium.screenshot(browser, "desktop-benchmarks-run");

      improvements.begin(fixture.project.toString());
      show("learning");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#estop.armed")));
      assertThat(browser.findElement(By.cssSelector("main")).getText())
          .contains("Name tests after the behaviour", "HTTP API on Javalin");
      browser.findElement(By.id("estop")).click();
      wait.until(d -> d.findElement(By.id("estop-note")).getText().startsWith("Stopped the cycle"));
      assertThat(improvements.status().state()).isEqualTo(CycleState.IDLE);

      fixture.ollama.enqueuePull(
          OllamaPullReply.success().withProgressSteps(8).withStepDelay(Duration.ofMillis(250)));
      show("models");
      browser.findElement(By.id("pull-model")).sendKeys("gamma");
      browser.findElement(By.cssSelector("form.pull button[type=submit]")).click();
      wait.until(d -> d.findElement(By.cssSelector(".pull-status")).getText().contains("%"));
      HeadlessChromium.screenshot(browser, "desktop-models-pull");
      wait.until(
          d ->
              d.findElement(By.cssSelector(".pull-status"))
                  .getText()
                  .startsWith("Pulled ollama/gamma"));
      waitLoaded();
      assertAccessible("desktop models after a pull");
    } finally {
      HeadlessChromium.resize(browser, 390, 844);
    }
  }

  @Test
  @Order(19)
  void settingsShowTheRateLimitsAndWhatThePolicyDecidesReadOnly() {
    show("settings");
    String text = browser.findElement(By.cssSelector("main")).getText();
    assertThat(text).contains("Rate limits of each token", "model call", "no limit");
    assertThat(text).contains("improve_stop", "approval_answer", "Mode: ask");
    assertThat(browser.findElements(By.cssSelector("main table.limits input"))).isEmpty();
  }

  @Test
  @Order(20)
  void logOutEndsTheSession() {
    show("threads");
    browser.findElement(By.cssSelector("header form button")).click();
    wait.until(ExpectedConditions.urlContains("/login"));
    browser.get(url("/"));
    wait.until(ExpectedConditions.urlContains("/login"));
  }

  /** Neither the page nor the main area scrolls sideways (a wide table scrolls in its own box). */
  private void assertNoSidewaysOverflow(String where) {
    Number overflow =
        (Number)
            browser.executeScript(
                "const m = document.querySelector('main');"
                    + " return Math.max(document.documentElement.scrollWidth - window.innerWidth,"
                    + " m.scrollWidth - m.clientWidth);");
    assertThat(overflow.intValue()).as(where).isLessThanOrEqualTo(0);
  }

  private void chooseModel(String serverAndName) {
    Select models = new Select(browser.findElement(By.id("use-model")));
    models.getOptions().stream()
        .filter(
            o -> o.getText().equals(serverAndName) || o.getText().startsWith(serverAndName + ":"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no option " + serverAndName))
        .click();
  }

  private void confirm() {
    WebElement yes =
        wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(".confirmation button.confirm")));
    assertThat(browser.switchTo().activeElement())
        .as("the confirm button has the focus")
        .isEqualTo(yes);
    assertAccessible("a confirmation");
    yes.click();
  }

  private String active() {
    return fixture.kb.modelVersions().history().stream()
        .filter(v -> v.role() == ModelRole.GENERAL && v.status() == ModelVersionStatus.ACTIVE)
        .map(v -> v.model().name())
        .findFirst()
        .orElse("none");
  }

  private void everyScreen(String size) {
    for (String screen : SCREENS) {
      show(screen);
      String path = screen.equals("benchmarks") ? "/#/benchmarks/my-service" : null;
      if (path != null) {
        browser.get(url(path));
        waitLoaded();
        wait.until(d -> !d.findElements(By.cssSelector(".chart svg")).isEmpty());
      }
      assertThat(browser.findElements(By.cssSelector("main .note.error")))
          .as(screen + " shows no error")
          .isEmpty();
      assertAccessible(size + " " + screen);
      HeadlessChromium.screenshot(browser, size + "-" + screen);
    }
  }

  private void show(String screen) {
    String target = url("/#/" + screen);
    if (browser.getCurrentUrl().equals(target)) {
      browser.navigate().refresh();
    } else {
      browser.get(target);
    }
    wait.until(
        d ->
            !d.findElements(By.cssSelector("[data-view='" + screen + "'] h1")).isEmpty()
                && d.findElement(By.cssSelector("main h1")).isDisplayed());
    waitLoaded();
  }

  private void waitLoaded() {
    wait.until(
        d ->
            d.findElements(By.cssSelector("main [aria-busy='true']")).isEmpty()
                && d.findElements(By.cssSelector("main .state[role=status]")).stream()
                    .noneMatch(e -> e.getText().startsWith("Loading")));
  }

  private void assertAccessible(String where) {
    assertThat(HeadlessChromium.seriousViolations(browser))
        .as("serious or critical accessibility violations on " + where)
        .isEmpty();
  }

  private static String box(Rectangle r) {
    return r.getX() + "," + r.getY() + " " + r.getWidth() + "x" + r.getHeight();
  }

  private WebElement lastReply() {
    List<WebElement> replies = browser.findElements(By.cssSelector(".transcript .msg.assistant"));
    assertThat(replies).isNotEmpty();
    return replies.get(replies.size() - 1);
  }

  private WebElement stopButton() {
    return browser.findElement(By.cssSelector("form.composer button.danger"));
  }

  private String status() {
    return browser.findElement(By.cssSelector(".chat .status")).getText();
  }

  private String sessionOfChat() {
    return (String) browser.executeScript("return sessionStorage.getItem('beca.chat.session');");
  }

  private String url(String path) {
    return "http://127.0.0.1:" + fixture.address.getPort() + path;
  }
}
