package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.access.AccessRole;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.PolicyFile;
import dev.beca.core.agent.RuleScope;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.beca.selfimprove.EngineImprovements;
import dev.beca.selfimprove.spi.Proposal;
import dev.beca.selfimprove.spi.ProposalContext;
import dev.beca.selfimprove.spi.ProposalSource;
import dev.beca.server.BecaServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-improvement endpoints over real HTTP on loopback: the real engine (pytest as the
 * evaluation step) on a real Python project in a real git repository, the real SQLite archive and
 * audit, tokens of each role.
 */
class ImprovementsOverHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CALC =
      "def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return a - b\n";
  private static final String TESTS =
      "from calc import add, sub\n\n\ndef test_add():\n    assert add(2, 3) == 5\n\n\n"
          + "def test_sub():\n    assert sub(5, 3) == 2\n";
  private static final String FIX =
      "--- a/calc.py\n+++ b/calc.py\n@@ -1,3 +1,3 @@\n def add(a, b):\n-    return a - b\n"
          + "+    return a + b\n \n";
  private static final String HANG =
      "--- a/calc.py\n+++ b/calc.py\n@@ -1,3 +1,5 @@\n+import time\n+\n def add(a, b):\n"
          + "-    return a - b\n+    time.sleep(600)\n+    return a + b\n \n";

  @TempDir Path dataDir;
  @TempDir Path project;
  @TempDir Path worktrees;

  private final List<Proposal> proposals = new CopyOnWriteArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private SqliteKnowledgeBase kb;
  private BecaServer server;
  private int port;
  private String viewer;
  private String operator;
  private String admin;

  @BeforeEach
  void start() throws Exception {
    Files.writeString(project.resolve("calc.py"), CALC);
    Files.writeString(project.resolve("test_calc.py"), TESTS);
    Files.writeString(project.resolve(".gitignore"), "__pycache__/\n.pytest_cache/\n");
    git("init", "-q", "-b", "main");
    git("config", "user.name", "Test User");
    git("config", "user.email", "user@example.com");
    git("config", "commit.gpgsign", "false");
    git("add", "-A");
    git("commit", "-q", "-m", "calc");
    kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();
    viewer = kb.apiTokens().create("viewer", AccessRole.VIEWER, Optional.empty()).secret();
    operator = kb.apiTokens().create("operator", AccessRole.OPERATOR, Optional.empty()).secret();
    admin = kb.apiTokens().create("admin", AccessRole.ADMIN, Optional.empty()).secret();
    startServer(PermissionPolicy.builder().build());
  }

  private void startServer(PermissionPolicy policy) {
    ProposalSource scripted =
        new ProposalSource() {
          @Override
          public String name() {
            return "scripted";
          }

          @Override
          public List<Proposal> propose(ProposalContext context) {
            return List.copyOf(proposals);
          }
        };
    EngineImprovements improvements =
        EngineImprovements.builder()
            .archive(kb.improvements())
            .sources(() -> List.of(scripted))
            .worktreeParent(worktrees)
            .build();
    server =
        BecaServer.builder()
            .tokens(kb.apiTokens())
            .audit(kb.decisionAudit())
            .improvements(improvements)
            .operationsPolicy(policy)
            .projectRoot(project)
            .port(0)
            .build();
    port = server.start().getPort();
  }

  @AfterEach
  void stop() {
    server.close();
    kb.close();
  }

  @Test
  void aProjectOutsideTheServersProjectIsRefusedBeforeAnythingRuns() throws Exception {
    HttpResponse<String> outside =
        post("/improve/run", operator, "{\"project\":\"" + worktrees + "\"}");

    assertThat(outside.statusCode()).isEqualTo(400);
    assertThat(outside.body()).contains("outside_project");
    assertThat(get("/improve/status", viewer).body()).contains("\"state\":\"idle\"");
  }

  @Test
  void aRunQueuesTheFixWhichIsShownApprovedAndRolledBackToTheSameTree() throws Exception {
    proposals.add(
        new Proposal("fix-add", "Fix add()", "scripted", FIX, Proposal.estimateRisk(FIX)));
    Map<String, String> before = snapshot(project);
    String head = git("rev-parse", "HEAD");

    HttpResponse<String> started =
        post("/improve/run", operator, "{\"project\":\"" + project + "\",\"maxProposals\":3}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    assertThat(json(started).get("state").asText()).isIn("running", "idle");
    JsonNode status = waitUntilIdle();
    assertThat(status.get("lastRun").get("summary").asText()).contains("1 awaiting-approval");
    assertThat(status.get("lastRunStopped").asBoolean()).isFalse();
    assertThat(status.get("awaitingApproval").get(0).get("id").asText()).isEqualTo("fix-add");

    JsonNode shown = json(get("/improve/proposals/fix-add", viewer));
    assertThat(shown.get("diff").asText()).isEqualTo(FIX);
    assertThat(shown.get("steps").get(1).get("measures").toString())
        .contains("\"before\":\"1\",\"after\":\"0\"");
    assertThat(json(get("/improve/history?limit=5", viewer)).get("proposals").get(0).get("status"))
        .hasToString("\"awaiting-approval\"");
    assertThat(json(get("/approvals", viewer)).get("proposals").get(0).get("id").asText())
        .isEqualTo("fix-add");

    HttpResponse<String> refused = post("/improve/proposals/fix-add/approve", operator, "");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).get("code").asText()).isEqualTo("forbidden");
    assertThat(kb.decisionAudit().session("api:operator"))
        .extracting(PermissionDecision::rule)
        .anyMatch(rule -> rule.startsWith("403: token 'operator' is operator, needs admin"));
    assertThat(git("rev-parse", "HEAD")).isEqualTo(head);

    HttpResponse<String> approved = post("/improve/proposals/fix-add/approve", admin, "");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(json(approved).get("applied").asBoolean()).isTrue();
    assertThat(git("log", "-1", "--format=%(trailers:key=BECA-Improvement,valueonly)"))
        .isEqualTo("fix-add");
    assertThat(Files.readString(project.resolve("calc.py"))).contains("a + b");
    assertThat(kb.decisionAudit().session("api:admin"))
        .filteredOn(d -> d.tool().equals("improve_approve"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.arguments()).isEqualTo("improve approve fix-add");
              assertThat(d.answer()).isEqualTo(DecisionAnswer.APPROVED);
              assertThat(d.rule()).contains("mode ask").contains("token 'admin' (admin)");
            });

    HttpResponse<String> rolledBack = post("/improve/proposals/fix-add/rollback", admin, "");
    assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
    assertThat(json(rolledBack).get("proposals").get(0).asText()).isEqualTo("fix-add");
    assertThat(git("rev-parse", "HEAD")).isEqualTo(head);
    assertThat(snapshot(project)).isEqualTo(before);
    assertThat(json(get("/improve/proposals/fix-add", viewer)).get("status").asText())
        .isEqualTo("rolled-back");
    assertThat(kb.decisionAudit().session("api:admin"))
        .extracting(PermissionDecision::tool)
        .contains("improve_rollback");
  }

  @Test
  void aStopEndsTheRunningCycleWhichTheStatusReportsAsStopped() throws Exception {
    proposals.add(
        new Proposal("hangs", "Fix add() slowly", "scripted", HANG, Proposal.estimateRisk(HANG)));

    assertThat(post("/improve/run", operator, "{\"project\":\"" + project + "\"}").statusCode())
        .isEqualTo(202);
    waitFor(
        () -> {
          JsonNode s = json(get("/improve/status", viewer));
          return s.get("lastRun").isObject() && s.get("lastRun").get("ended").isNull();
        });
    HttpResponse<String> second =
        post("/improve/run", operator, "{\"project\":\"" + project + "\"}");
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(json(second).get("code").asText()).isEqualTo("cycle_running");

    HttpResponse<String> stopped = post("/improve/stop", admin, "");

    assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
    assertThat(json(stopped).get("stoppedRunning").asBoolean()).isTrue();
    JsonNode status = waitUntilIdle();
    assertThat(status.get("lastRunStopped").asBoolean()).isTrue();
    assertThat(status.get("lastRun").get("summary").asText()).contains("stopped");
    assertThat(status.get("lastRun").get("ended").isNull()).isFalse();
    assertThat(json(get("/improve/proposals/hangs", viewer)).get("status").asText())
        .isNotEqualTo("awaiting-approval");
    assertThat(kb.decisionAudit().session("api:admin"))
        .extracting(PermissionDecision::tool)
        .contains("improve_stop");
    assertThat(git("branch", "--list", "beca/*")).isEmpty();
  }

  @Test
  void anUnknownProposalIsA404InJsonOnEveryEndpoint() throws Exception {
    List<HttpResponse<String>> answers = new ArrayList<>();
    answers.add(get("/improve/proposals/nope", viewer));
    answers.add(post("/improve/proposals/nope/approve", admin, ""));
    answers.add(post("/improve/proposals/nope/reject", admin, "{\"reason\":\"no\"}"));
    answers.add(post("/improve/proposals/nope/rollback", admin, ""));
    answers.add(post("/approvals/nope", admin, "{\"answer\":\"allow\"}"));

    for (HttpResponse<String> answer : answers) {
      assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(404);
      JsonNode error = json(answer);
      assertThat(error.get("code").asText()).isEqualTo("not_found");
      assertThat(error.get("problem").asText()).contains("nope");
      assertThat(error.has("remedy")).isTrue();
    }
  }

  @Test
  void aPolicyRuleThatDeniesRollbackRefusesItAndTheRefusalIsAudited() throws Exception {
    server.close();
    startServer(
        PermissionPolicy.builder()
            .rules(
                PolicyFile.parse(
                    "test",
                    "[[rules]]\naction = \"deny\"\ntool = \"improve_rollback\"\n",
                    RuleScope.USER))
            .build());

    HttpResponse<String> refused =
        post("/improve/rollback", admin, "{\"project\":\"" + project + "\",\"to\":\"HEAD\"}");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).get("code").asText()).isEqualTo("denied_by_policy");
    assertThat(kb.decisionAudit().session("api:admin"))
        .filteredOn(d -> d.tool().equals("improve_rollback"))
        .singleElement()
        .satisfies(d -> assertThat(d.answer()).isEqualTo(DecisionAnswer.DENIED_BY_POLICY));
  }

  @Test
  void theOpenApiDocumentStatesTheRolesAndTheRateClassAndEveryRouteAnswers() throws Exception {
    JsonNode doc =
        JSON.readTree(
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openapi.json"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());

    assertThat(doc.at("/paths/~1improve~1run/post/x-beca-role").asText()).isEqualTo("operator");
    assertThat(doc.at("/paths/~1improve~1run/post/x-beca-rate-limit").asText())
        .isEqualTo("improvement_run");
    assertThat(doc.at("/paths/~1improve~1status/get/x-beca-role").asText()).isEqualTo("viewer");
    for (String admin : List.of("approve", "reject", "rollback")) {
      assertThat(
              doc.at("/paths/~1improve~1proposals~1{id}~1" + admin + "/post/x-beca-role").asText())
          .isEqualTo("admin");
    }
    assertThat(doc.at("/paths/~1improve~1stop/post/x-beca-role").asText()).isEqualTo("admin");
    int improveRoutes = 0;
    for (var paths = doc.get("paths").fields(); paths.hasNext(); ) {
      var path = paths.next();
      if (!path.getKey().startsWith("/improve") && !path.getKey().startsWith("/approvals")) {
        continue;
      }
      for (var methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String method = methods.next().toUpperCase(java.util.Locale.ROOT);
        improveRoutes++;
        String target = path.getKey().replace("{id}", "nope");
        HttpResponse<String> answer =
            method.equals("GET")
                ? get(target, admin)
                : post(
                    target,
                    admin,
                    target.endsWith("/stop") ? "{\"project\":\"" + project + "\"}" : "{}");
        assertThat(answer.statusCode()).as(method + " " + target).isLessThan(500);
        assertThat(answer.body()).as(method + " " + target).doesNotContain("no_route");
      }
    }
    assertThat(improveRoutes).isEqualTo(11);
  }

  private JsonNode waitUntilIdle() throws Exception {
    waitFor(() -> json(get("/improve/status", viewer)).get("state").asText().equals("idle"));
    return json(get("/improve/status", viewer));
  }

  @FunctionalInterface
  private interface Check {
    boolean holds() throws Exception;
  }

  /** Waits for a state (not a timing assertion: the limit only ends a test that hangs). */
  private static void waitFor(Check check) throws Exception {
    long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!check.holds()) {
      assertThat(System.nanoTime()).as("the state was never reached").isLessThan(end);
      Thread.sleep(100);
    }
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String token, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private String git(String... args) throws Exception {
    List<String> line = new ArrayList<>(List.of("git"));
    line.addAll(List.of(args));
    Process p =
        new ProcessBuilder(line).directory(project.toFile()).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor()).as(text).isZero();
    return text;
  }

  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String name = dir.getFileName().toString();
            return !dir.equals(root)
                    && (name.equals(".git")
                        || name.equals("__pycache__")
                        || name.equals(".pytest_cache"))
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            files.put(
                root.relativize(file).toString(),
                HexFormat.of().formatHex(Files.readAllBytes(file)));
            return FileVisitResult.CONTINUE;
          }
        });
    return files;
  }
}
