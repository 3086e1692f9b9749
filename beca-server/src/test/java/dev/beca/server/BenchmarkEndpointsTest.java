package dev.beca.server;

import static dev.beca.server.AccessControlTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.limits.RateLimits;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark runs, results and comparisons over real HTTP: CodeBenchmark with a real lint probe on a
 * project in a temp dir, results in SQLite, paths confined to the project root.
 */
class BenchmarkEndpointsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  @TempDir Path elsewhere;
  private ServerFixture fixture;

  private ServerFixture start() {
    fixture = new ServerFixture(dataDir);
    return fixture;
  }

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aRunStreamsItsProgressInOrderAndEndsWithTheStoredResult() throws Exception {
    ServerFixture f = start();

    HttpResponse<String> run =
        f.post("/benchmarks/run", f.operator, "{\"path\":\".\",\"name\":\"api\"}");

    assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
    assertThat(run.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/event-stream");
    List<String[]> events = ChatStreamingTest.events(run.body());
    assertThat(events)
        .extracting(e -> e[0])
        .containsExactly("started", "probe_started", "probe_finished", "result");
    assertThat(JSON.readTree(events.get(0)[1]).get("probes").get(0).asText())
        .isEqualTo("todo-lint");
    assertThat(JSON.readTree(events.get(2)[1]).get("status").asText()).isEqualTo("OK");
    JsonNode result = JSON.readTree(events.get(3)[1]).get("result");
    long id = result.get("id").asLong();
    assertThat(id).isPositive();
    assertThat(result.get("benchmark").asText()).isEqualTo("api");
    assertThat(f.kb.benchmarks().result(id)).isPresent();
    assertThat(ModelEndpointsTest.lastDecision(f).arguments()).isEqualTo("POST /benchmarks/run");
  }

  @Test
  void aStoredResultIsShownWithItsPartsAndHints() throws Exception {
    ServerFixture f = start();
    long id = run(f, "{\"name\":\"api\"}");

    HttpResponse<String> shown = f.get("/benchmarks/results/" + id, f.viewer);

    assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
    JsonNode score = JSON.readTree(shown.body()).at("/result/score");
    assertThat(score.at("/parts/LINT").isNumber()).isTrue();
    assertThat(score.get("hints").isArray()).isTrue();
    assertThat(score.get("explanation").asText()).isNotBlank();
    assertThat(JSON.readTree(shown.body()).at("/result/probes/0/lint/findings/0/rule").asText())
        .isEqualTo("todo");
    assertError(f.get("/benchmarks/results/999999", f.viewer), 404, "not_found");
    assertError(f.get("/benchmarks/results/abc", f.viewer), 400, "invalid_id");
  }

  @Test
  void anUnchangedTreeIsAnsweredFromTheStoreUnlessForced() throws Exception {
    ServerFixture f = start();
    // Only a clean git tree has a cache key.
    git(f.project, "init", "-q");
    git(f.project, "add", "-A");
    git(
        f.project,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-q",
        "-m",
        "project");
    long first = run(f, "{\"name\":\"api\"}");

    List<String[]> again =
        ChatStreamingTest.events(
            f.post("/benchmarks/run", f.operator, "{\"name\":\"api\"}").body());
    List<String[]> forced =
        ChatStreamingTest.events(
            f.post("/benchmarks/run", f.operator, "{\"name\":\"api\",\"force\":true}").body());

    assertThat(again).extracting(e -> e[0]).containsExactly("cached", "result");
    assertThat(JSON.readTree(again.get(0)[1]).get("result").asLong()).isEqualTo(first);
    assertThat(forced).extracting(e -> e[0]).contains("probe_finished").last().isEqualTo("result");
  }

  @Test
  void twoStoredResultsAreComparedWithTheirDeltasAndAVerdict() throws Exception {
    ServerFixture f = start();
    long a = run(f, "{\"name\":\"api\"}");
    Files.writeString(
        f.project.resolve("src/More.java"),
        "class More {\n  // TODO two\n  // TODO three\n  // TODO four\n}\n");
    long b = run(f, "{\"name\":\"api\"}");

    HttpResponse<String> compared = f.get("/benchmarks/compare?a=" + a + "&b=" + b, f.viewer);

    assertThat(compared.statusCode()).as(compared.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(compared.body());
    assertThat(body.at("/verdict/outcome").asText()).isEqualTo("WORSE");
    assertThat(body.at("/comparison/deltas/0/metric").asText()).isEqualTo("score");
    assertThat(body.at("/comparison/deltas/0/regression").asBoolean()).isTrue();
    assertError(f.get("/benchmarks/compare?a=" + a, f.viewer), 400, "invalid_query");
    assertError(f.get("/benchmarks/compare?a=" + a + "&b=999999", f.viewer), 404, "not_found");
  }

  @Test
  void twoGitRevisionsAreMeasuredApartAndComparedAsTheCliDoes() throws Exception {
    ServerFixture f = start();
    try (Git git = Git.init().setDirectory(f.project.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      commit(git, "one TODO");
      Files.writeString(
          f.project.resolve("src/More.java"),
          "class More {\n  // TODO two\n  // TODO three\n  // TODO four\n}\n");
      git.add().addFilepattern(".").call();
      commit(git, "three more");
    }
    String head = Files.readString(f.project.resolve("src/Main.java"));

    HttpResponse<String> compared =
        f.post(
            "/benchmarks/compare-revisions",
            f.operator,
            "{\"path\":\".\",\"a\":\"HEAD~1\",\"b\":\"HEAD\"}");

    assertThat(compared.statusCode()).as(compared.body()).isEqualTo(200);
    List<String[]> events = ChatStreamingTest.events(compared.body());
    assertThat(events)
        .extracting(e -> e[0])
        .containsExactly(
            "started",
            "probe_started",
            "probe_finished",
            "started",
            "probe_started",
            "probe_finished",
            "result");
    JsonNode result = JSON.readTree(events.get(6)[1]);
    assertThat(result.at("/verdict/outcome").asText()).isEqualTo("WORSE");
    assertThat(result.at("/comparison/deltas/0/metric").asText()).isEqualTo("score");
    assertThat(result.at("/comparison/deltas/0/regression").asBoolean()).isTrue();
    assertThat(Files.readString(f.project.resolve("src/Main.java"))).isEqualTo(head);
    assertThat(ModelEndpointsTest.lastDecision(f).arguments())
        .isEqualTo("POST /benchmarks/compare-revisions");
  }

  @Test
  void aRevisionComparisonRefusesOptionsRangesPathsOutsideAndViewers() throws Exception {
    ServerFixture f = start();
    Files.createSymbolicLink(f.project.resolve("out"), elsewhere);

    assertError(
        f.post("/benchmarks/compare-revisions", f.operator, "{\"a\":\"--all\",\"b\":\"HEAD\"}"),
        400,
        "invalid_input");
    assertError(
        f.post("/benchmarks/compare-revisions", f.operator, "{\"a\":\"HEAD~2..HEAD\",\"b\":\"x\"}"),
        400,
        "invalid_input");
    assertError(
        f.post("/benchmarks/compare-revisions", f.operator, "{\"a\":\"HEAD~1\"}"),
        400,
        "invalid_input");
    assertError(
        f.post(
            "/benchmarks/compare-revisions",
            f.operator,
            "{\"path\":\"out\",\"a\":\"HEAD~1\",\"b\":\"HEAD\"}"),
        400,
        "outside_project");
    assertError(
        f.post("/benchmarks/compare-revisions", f.viewer, "{\"a\":\"HEAD~1\",\"b\":\"HEAD\"}"),
        403,
        "forbidden");
    // Not in git: the comparison itself says so, as the stream's error event.
    List<String[]> events =
        ChatStreamingTest.events(
            f.post("/benchmarks/compare-revisions", f.operator, "{\"a\":\"HEAD~1\",\"b\":\"HEAD\"}")
                .body());
    assertThat(events).last().satisfies(e -> assertThat(e[0]).isEqualTo("error"));
    assertThat(events.get(events.size() - 1)[1]).contains("not inside a git repository");
  }

  private static void commit(Git git, String message) throws Exception {
    PersonIdent who = new PersonIdent("Test", "test@example.com");
    git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
  }

  @Test
  void pathsOutsideTheProjectAreRefusedWith400BeforeAnythingRuns() throws Exception {
    ServerFixture f = start();
    Files.createSymbolicLink(f.project.resolve("out"), elsewhere);

    for (String path : List.of("..", "../..", "src/../../", elsewhere.toString(), "/etc", "out")) {
      HttpResponse<String> refused =
          f.post("/benchmarks/run", f.operator, "{\"path\":" + JSON.writeValueAsString(path) + "}");
      assertError(refused, 400, "outside_project");
      assertThat(JSON.readTree(refused.body()).get("remedy").asText()).contains("--project");
    }
    assertError(
        f.post("/benchmarks/run", f.operator, "{\"path\":\"no/such/folder\"}"),
        400,
        "invalid_path");
    assertError(f.post("/benchmarks/run", f.operator, "{\"path\":"), 400, "invalid_json");
    assertError(f.post("/benchmarks/run", f.operator, "{\"paths\":\".\"}"), 400, "unknown_field");
    assertThat(f.kb.benchmarks().benchmarks()).isEmpty();
  }

  @Test
  void aViewerCannotRunAndRunsCountAgainstTheBenchmarkRunLimit() throws Exception {
    fixture =
        new ServerFixture(
            dataDir,
            () -> RateLimits.parse("benchmark_run=1/h"),
            BecaServer.DEFAULT_MAX_BODY_BYTES);

    assertError(fixture.post("/benchmarks/run", fixture.viewer, "{}"), 403, "forbidden");
    assertThat(fixture.post("/benchmarks/run", fixture.operator, "{}").statusCode()).isEqualTo(200);
    HttpResponse<String> second = fixture.post("/benchmarks/run", fixture.operator, "{}");

    assertError(second, 429, "rate_limited");
    assertThat(second.headers().firstValue("Retry-After")).isPresent();
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process git = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    assertThat(git.waitFor()).as(String.join(" ", command)).isZero();
  }

  private static long run(ServerFixture f, String body) throws Exception {
    HttpResponse<String> run =
        f.post("/benchmarks/run", f.operator, body.replace("}", ",\"force\":true}"));
    List<String[]> events = ChatStreamingTest.events(run.body());
    assertThat(events).last().satisfies(e -> assertThat(e[0]).as(e[1]).isEqualTo("result"));
    return JSON.readTree(events.get(events.size() - 1)[1]).at("/result/id").asLong();
  }
}
