package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.app.internal.AppOptions;
import dev.beca.core.testkit.MavenFixture;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beca improve run --with-model} end to end, in-process: the loopback Ollama server answers
 * with a fenced diff, which is measured on a real offline Maven project in a real git repository,
 * queued, approved (a commit with the trailer) and rolled back.
 */
class ImproveWithModelCommandTest {

  @BeforeAll
  static void pluginsCached() {
    MavenFixture.cachePlugins();
  }

  private static final String POM = MavenFixture.POM;

  /** add() subtracts; sum() takes eight parameters, the analysis finding the model is asked on. */
  private static final String CALC =
      """
      package com.acme;

      public final class Calc {
        public static int add(int a, int b) {
          return a - b;
        }

        public static int sum(int a, int b, int c, int d, int e, int f, int g, int h) {
          return a + b + c + d + e + f + g + h;
        }
      }
      """;

  private static final String TEST =
      """
      package com.acme;

      import static org.junit.jupiter.api.Assertions.assertEquals;

      import org.junit.jupiter.api.Test;

      class CalcTest {
        @Test
        void add() {
          assertEquals(5, Calc.add(2, 3));
        }

        @Test
        void sum() {
          assertEquals(36, Calc.sum(1, 2, 3, 4, 5, 6, 7, 8));
        }
      }
      """;

  private static final String CALC_PATH = "src/main/java/com/acme/Calc.java";

  @TempDir Path dataDir;
  @TempDir Path project;
  private String out = "";
  private String err = "";

  private int beca(String ollamaUrl, String... args) {
    List<String> all = new ArrayList<>(List.of("improve"));
    all.addAll(List.of(args));
    BecaRun run =
        BecaRun.of(
            "",
            false,
            Map.of(
                AppOptions.DATA_DIR_ENV, dataDir.toString(), AppOptions.OLLAMA_URL_ENV, ollamaUrl),
            all.toArray(String[]::new));
    out = run.out();
    err = run.err();
    return run.exit();
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

  @Test
  void theModelsFencedDiffIsMeasuredQueuedApprovedWithATrailerAndRolledBack() throws Exception {
    Files.writeString(project.resolve("pom.xml"), POM);
    Files.createDirectories(project.resolve("src/main/java/com/acme"));
    Files.createDirectories(project.resolve("src/test/java/com/acme"));
    Files.writeString(project.resolve(CALC_PATH), CALC);
    Files.writeString(project.resolve("src/test/java/com/acme/CalcTest.java"), TEST);
    Files.writeString(project.resolve(".gitignore"), "target/\n");
    git("init", "-q", "-b", "main");
    git("config", "user.name", "Test User");
    git("config", "user.email", "user@example.com");
    git("add", "-A");
    git("commit", "-q", "-m", "calc");
    String head = git("rev-parse", "HEAD");
    Files.writeString(project.resolve(CALC_PATH), CALC.replace("return a - b;", "return a + b;"));
    String diff = git("diff") + "\n";
    git("checkout", "--", ".");

    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start()) {
      ollama.enqueue(
          OllamaReply.text(
              "Calc.add subtracts instead of adding, which CalcTest.add catches.\n\n```diff\n"
                  + diff
                  + "```\n"));

      int code =
          beca(
              ollama.baseUrl(),
              "run",
              project.toString(),
              "--with-model",
              "--max",
              "3",
              "--repeat",
              "0",
              "--json");

      assertThat(code).as(err.toString()).isZero();
      assertThat(ollama.lastChatRequest().messages("user"))
          .anySatisfy(m -> assertThat(m.content()).contains("Calc.java").contains("sum("));
      JsonNode cycle = new ObjectMapper().readTree(out.toString());
      assertThat(cycle.get("proposals")).as(out.toString()).hasSize(1);
      JsonNode proposal = cycle.get("proposals").get(0);
      String id = proposal.get("id").asText();
      assertThat(proposal.get("source").asText()).startsWith("model");
      assertThat(proposal.get("status").asText()).as(out.toString()).isEqualTo("awaiting-approval");
      assertThat(proposal.get("reason").asText()).contains("now passing").contains("CalcTest");

      assertThat(beca(ollama.baseUrl(), "show", id, "--json")).isZero();
      JsonNode shown = new ObjectMapper().readTree(out.toString());
      assertThat(shown.get("steps").toString())
          .contains("step.compile")
          .contains("analysis.issues")
          .contains("tests.tests.failing");

      assertThat(beca(ollama.baseUrl(), "approve", id)).as(out + err.toString()).isZero();
      assertThat(git("log", "-1", "--format=%(trailers:key=BECA-Improvement,valueonly)"))
          .isEqualTo(id);
      assertThat(git("log", "-1", "--format=%s")).startsWith("BECA improvement: ");
      assertThat(git("rev-parse", "HEAD~1")).isEqualTo(head);
      assertThat(git("rev-parse", "refs/beca/rollback/" + id)).isEqualTo(head);
      assertThat(Files.readString(project.resolve(CALC_PATH))).contains("return a + b;");

      assertThat(beca(ollama.baseUrl(), "rollback", id)).as(err.toString()).isZero();
      assertThat(git("rev-parse", "HEAD")).isEqualTo(head);
      assertThat(Files.readString(project.resolve(CALC_PATH))).isEqualTo(CALC);
      assertThat(git("status", "--porcelain", "--untracked-files=no")).isEmpty();
    }
  }
}
