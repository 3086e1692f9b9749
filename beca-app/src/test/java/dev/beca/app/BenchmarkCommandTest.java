package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beca benchmark} run in-process on a real Python project in git. */
class BenchmarkCommandTest {

  @TempDir Path dataDir;
  @TempDir Path project;

  private String out = "";
  private String err = "";
  private RevCommit first;

  @BeforeEach
  void writeProject() throws Exception {
    Files.writeString(
        project.resolve("calc.py"),
        """
        \"\"\"Calculator.\"\"\"


        def add(a, b):
            return a + b


        def sub(a, b):
            return a - b
        """);
    Files.writeString(
        project.resolve("test_calc.py"),
        """
        import calc


        def test_add():
            assert calc.add(1, 2) == 3


        def test_sub():
            assert calc.sub(3, 2) == 1
        """);
    try (Git git = Git.init().setDirectory(project.toFile()).call()) {
      git.add().addFilepattern(".").call();
      first =
          git.commit()
              .setMessage("first")
              .setAuthor("T", "t@beca.dev")
              .setCommitter("T", "t@beca.dev")
              .setSign(false)
              .call();
    }
  }

  private int run(String... args) {
    BecaRun run = BecaRun.of("", false, Map.of("BECA_DATA_DIR", dataDir.toString()), args);
    out = run.out();
    err = run.err();
    return run.exit();
  }

  @Test
  void measuresShowsProgressStoresListsTrendsAndCaches() throws Exception {
    int code = run("benchmark", project.toString(), "--name", "calc");

    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString())
        .contains(
            "Benchmark calc: running pytest, pylint, bandit, secrets",
            "[1/4] pytest ...",
            "pytest ok in",
            "[4/4] secrets ...",
            "secrets ok");
    assertThat(out.toString())
        .contains(
            "Benchmark calc: score ",
            "tests 2, passed 2, failures 0",
            "Revision: " + first.getName().substring(0, 12))
        .doesNotContain("[1/4]");

    assertThat(run("benchmark", "list")).isZero();
    assertThat(out.toString()).contains("NAME", "calc", project.toRealPath().toString());

    assertThat(run("benchmark", "trends", "calc")).isZero();
    assertThat(out.toString())
        .contains(
            "Trend of calc over the last 30 days (1 runs):", first.getName().substring(0, 12));

    assertThat(run("benchmark", project.toString(), "--name", "calc")).isZero();
    assertThat(err.toString())
        .contains("Unchanged tree", "stored result 1", "use --force")
        .doesNotContain("[1/4]");
  }

  @Test
  void jsonGoesToStandardOutputAndProgressToStandardError() throws Exception {
    assertThat(run("benchmark", project.toString(), "--json", "--force"))
        .as(err.toString())
        .isZero();

    JsonNode result = new ObjectMapper().readTree(out.toString());
    assertThat(result.path("benchmark").asText()).isEqualTo(project.getFileName().toString());
    assertThat(result.path("score").path("parts").path("TESTS").asDouble()).isEqualTo(1.0);
    assertThat(result.path("revision").path("commit").asText()).isEqualTo(first.getName());
    assertThat(result.path("probes")).hasSize(4);
    assertThat(err.toString()).contains("[1/4] pytest");
  }

  @Test
  void compareShowsDeltasAndFlagsRegressions() throws Exception {
    Files.writeString(
        project.resolve("test_calc.py"),
        Files.readString(project.resolve("test_calc.py"))
            + "\n\ndef test_sub_negative():\n    assert calc.sub(1, 2) == 1\n");
    try (Git git = Git.open(project.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("second")
          .setAuthor("T", "t@beca.dev")
          .setCommitter("T", "t@beca.dev")
          .setSign(false)
          .call();
    }

    int code = run("benchmark", "--compare", "HEAD~1", "HEAD", project.toString());

    assertThat(code).as(err.toString()).isEqualTo(3);
    assertThat(out.toString())
        .contains(
            "Comparison HEAD~1 (" + first.getName().substring(0, 12) + ") -> HEAD",
            "tests.failed",
            "newly failing: test_calc.test_sub_negative  REGRESSION",
            "Regressions found.");
    assertThat(out.toString().strip().lines().reduce((a, b) -> b).orElseThrow())
        .startsWith("verdict: worse (")
        .contains("newly failing: test_calc.test_sub_negative");
  }

  @Test
  void repeatReportsEveryTestsTimesOverItsRunsAsOneJsonDocument() throws Exception {
    assertThat(run("benchmark", project.toString(), "--repeat", "2", "--json"))
        .as(err.toString())
        .isZero();

    JsonNode document = new ObjectMapper().readTree(out.toString());
    assertThat(document.path("result").path("score").path("parts").path("TESTS").asDouble())
        .isEqualTo(1.0);
    assertThat(document.path("timings").path("runs").asInt()).isEqualTo(2);
    assertThat(document.path("timings").path("seconds").path("test_calc.test_add")).hasSize(2);
    assertThat(err.toString()).contains("pytest (run 2 of 2)");

    assertThat(run("benchmark", project.toString(), "--repeat", "0")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("beca: --repeat must be at least 1, was 0.");
  }

  @Test
  void badInputIsOneLineWithAUsageExitCode() {
    assertThat(run("benchmark", project.resolve("missing").toString())).isEqualTo(2);
    assertThat(err.toString().strip())
        .startsWith("beca: The project folder")
        .doesNotContain("\n", "Exception");

    assertThat(run("benchmark", "trends", "nobody")).isEqualTo(1);
    assertThat(err.toString()).contains("no results for benchmark 'nobody'");

    assertThat(run("benchmark", "--help")).isZero();
    assertThat(out.toString())
        .contains("--compare", "--force", "--json", "trends", "list", "BECA_PYTHON", "Exit codes");
  }
}
