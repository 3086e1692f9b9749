package dev.beca.server;

import static dev.beca.server.AccessControlTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.learning.LessonCategory;
import dev.beca.core.learning.NewLesson;
import dev.beca.core.learning.NewPattern;
import dev.beca.core.learning.PatternKind;
import dev.beca.core.learning.PatternSource;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret scans of project paths, and lessons and patterns, over real HTTP and real SQLite. */
class ScanAndLearningEndpointsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The AWS key the benchmark module's planted-regression tests use: a real key's shape. */
  private static final String KEY = "AKIAQ4R7ZJ2XK5MWTB3H";

  @TempDir Path dataDir;
  private ServerFixture f;

  @BeforeEach
  void start() {
    f = new ServerFixture(dataDir);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void aScanFindsTheSecretAndAnswersOnlyItsRedactedFormAndFingerprint() throws Exception {
    Files.createDirectories(f.project.resolve("config"));
    Files.writeString(
        f.project.resolve("config/deploy.env"),
        "REGION=eu-west-1\nAWS_ACCESS_KEY_ID=" + KEY + "\n");

    HttpResponse<String> scan = f.post("/secrets/scan", f.operator, "{\"path\":\"config\"}");

    assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
    assertThat(scan.body()).doesNotContain(KEY).doesNotContain(KEY.substring(4));
    JsonNode body = JSON.readTree(scan.body());
    assertThat(body.get("clean").asBoolean()).isFalse();
    assertThat(body.get("path").asText()).isEqualTo("config");
    assertThat(body.get("filesScanned").asInt()).isEqualTo(1);
    JsonNode finding = body.get("findings").get(0);
    assertThat(finding.get("redacted").asText()).contains("****");
    assertThat(finding.get("fingerprint").asText()).startsWith("sha256:");
    assertThat(finding.at("/location/line").asInt()).isEqualTo(2);
  }

  @Test
  void aCleanFolderIsCleanAndThresholdsHideWeakerFindings() throws Exception {
    Files.writeString(f.project.resolve("keys.env"), "AWS_ACCESS_KEY_ID=" + KEY + "\n");

    JsonNode clean =
        JSON.readTree(f.post("/secrets/scan", f.operator, "{\"path\":\"src\"}").body());
    JsonNode critical =
        JSON.readTree(
            f.post(
                    "/secrets/scan",
                    f.operator,
                    "{\"path\":\"keys.env\",\"minSeverity\":\"critical\",\"minConfidence\":\"high\"}")
                .body());

    assertThat(clean.get("clean").asBoolean()).isTrue();
    assertThat(clean.get("findings")).isEmpty();
    assertThat(critical.get("findings").size() + critical.get("hidden").asInt()).isPositive();
    assertError(
        f.post("/secrets/scan", f.operator, "{\"minSeverity\":\"fatal\"}"), 400, "invalid_input");
  }

  @Test
  void scansOutsideTheProjectOrByAViewerAreRefused() throws Exception {
    assertError(f.post("/secrets/scan", f.operator, "{\"path\":\"../\"}"), 400, "outside_project");
    assertError(
        f.post("/secrets/scan", f.operator, "{\"path\":\"/etc/passwd\"}"), 400, "outside_project");
    assertError(f.post("/secrets/scan", f.operator, "{\"path\":\"nope\"}"), 400, "invalid_path");
    assertError(f.post("/secrets/scan", f.operator, "[1]"), 400, "invalid_json");
    assertError(f.post("/secrets/scan", f.viewer, "{}"), 403, "forbidden");
  }

  @Test
  void lessonsAreListedSearchedShownAndForgottenByAnAdmin() throws Exception {
    long id =
        f.kb
            .lessons()
            .add(NewLesson.of(LessonCategory.TOOLING, "Run mvn with -o when the network is down."))
            .lesson()
            .id();
    f.kb.lessons().add(NewLesson.of(LessonCategory.TESTING, "Name tests after the behaviour."));

    JsonNode listed = JSON.readTree(f.get("/lessons?category=tooling", f.viewer).body());
    JsonNode hits = JSON.readTree(f.get("/lessons/search?q=maven+offline+mvn", f.viewer).body());
    JsonNode shown = JSON.readTree(f.get("/lessons/" + id, f.viewer).body());

    assertThat(listed.get("lessons")).hasSize(1);
    assertThat(listed.at("/lessons/0/id").asLong()).isEqualTo(id);
    assertThat(hits.at("/hits/0/lesson/id").asLong()).isEqualTo(id);
    assertThat(shown.at("/lesson/text").asText()).contains("mvn with -o");
    assertThat(shown.get("history")).hasSize(1);
    assertError(f.get("/lessons/search", f.viewer), 400, "invalid_query");
    assertError(f.get("/lessons/abc", f.viewer), 400, "invalid_id");
    assertError(f.delete("/lessons/" + id, f.operator), 403, "forbidden");
    assertThat(f.kb.lessons().find(id)).isPresent();

    HttpResponse<String> forgotten = f.delete("/lessons/" + id, f.admin);

    assertThat(forgotten.statusCode()).as(forgotten.body()).isEqualTo(200);
    assertThat(JSON.readTree(forgotten.body()).get("forgotten").get(0).asLong()).isEqualTo(id);
    assertThat(f.kb.lessons().find(id)).isEmpty();
    assertError(f.get("/lessons/" + id, f.viewer), 404, "not_found");
    assertError(f.delete("/lessons/" + id, f.admin), 404, "not_found");
  }

  @Test
  void aMergedTextIsShownWithItsLessonAndSplitOffByAnAdmin() throws Exception {
    long id =
        f.kb
            .lessons()
            .add(
                NewLesson.of(
                    LessonCategory.TESTING,
                    "Run Flyway migrations against a temporary SQLite file in integration tests."))
            .lesson()
            .id();
    f.kb
        .lessons()
        .add(
            NewLesson.of(
                LessonCategory.TESTING,
                "In integration tests, run the Flyway migrations against a temporary SQLite"
                    + " file."));

    JsonNode shown = JSON.readTree(f.get("/lessons/" + id, f.viewer).body());
    long merged = shown.at("/merged/0/id").asLong();
    assertThat(shown.at("/merged/0/text").asText()).startsWith("In integration tests");
    assertError(f.post("/lessons/merged/" + merged + "/split", f.operator, ""), 403, "forbidden");

    HttpResponse<String> split = f.post("/lessons/merged/" + merged + "/split", f.admin, "");

    assertThat(split.statusCode()).as(split.body()).isEqualTo(200);
    JsonNode added = JSON.readTree(split.body());
    assertThat(added.get("outcome").asText()).isEqualTo("ADDED");
    assertThat(added.at("/lesson/text").asText()).startsWith("In integration tests");
    assertThat(f.kb.lessons().mergedInto(id)).isEmpty();
    assertError(f.post("/lessons/merged/" + merged + "/split", f.admin, ""), 404, "not_found");
  }

  @Test
  void patternsAreListedByKindSearchedAndShown() throws Exception {
    long id =
        f.kb
            .patterns()
            .save(
                NewPattern.builder(PatternKind.FRAMEWORK, PatternSource.REPOSITORY)
                    .frameworks(List.of("Javalin"))
                    .solutionSummary("HTTP API on Javalin with a route table")
                    .build())
            .id();
    f.kb
        .patterns()
        .save(
            NewPattern.builder(PatternKind.SOLUTION, PatternSource.CONVERSATION)
                .taskType("fix a flaky test")
                .solutionSummary("wait on a latch instead of sleeping")
                .build());

    JsonNode frameworks = JSON.readTree(f.get("/patterns?kind=framework", f.viewer).body());
    JsonNode found = JSON.readTree(f.get("/patterns/search?q=javalin", f.viewer).body());
    JsonNode shown = JSON.readTree(f.get("/patterns/" + id, f.viewer).body());

    assertThat(frameworks.get("patterns")).hasSize(1);
    assertThat(found.at("/patterns/0/id").asLong()).isEqualTo(id);
    assertThat(shown.at("/pattern/solutionSummary").asText()).contains("route table");
    assertThat(JSON.readTree(f.get("/patterns", f.viewer).body()).get("patterns")).hasSize(2);
    assertError(f.get("/patterns?kind=recipe", f.viewer), 400, "invalid_input");
    assertError(f.get("/patterns/424242", f.viewer), 404, "not_found");
    assertError(f.get("/patterns/search?q=", f.viewer), 400, "invalid_query");
  }
}
