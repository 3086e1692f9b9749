package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.selfimprove.spi.Proposal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beca improve}, in-process, on a real Python project in a real git repository. */
class ImproveCommandTest {

  private static final String CALC =
      "def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return a - b\n";
  private static final String TESTS =
      "from calc import add, sub\n\n\ndef test_add():\n    assert add(2, 3) == 5\n\n\n"
          + "def test_sub():\n    assert sub(5, 3) == 2\n";

  @TempDir Path dataDir;
  @TempDir Path project;
  private String out = "";
  private String err = "";

  @AfterEach
  void clear() {
    ScriptedProposalSource.PROPOSALS.clear();
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of("improve"));
    all.addAll(List.of(args));
    all.addAll(List.of("--data-dir", dataDir.toString()));
    BecaRun run = BecaRun.of("", false, Map.of(), all.toArray(String[]::new));
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
  void aCycleQueuesTheFixWhichIsShownApprovedAndRolledBack() throws Exception {
    Files.writeString(project.resolve("calc.py"), CALC);
    Files.writeString(project.resolve("test_calc.py"), TESTS);
    Files.writeString(project.resolve(".gitignore"), "__pycache__/\n");
    git("init", "-q", "-b", "main");
    git("config", "user.name", "Test User");
    git("config", "user.email", "user@example.com");
    git("add", "-A");
    git("commit", "-q", "-m", "calc");
    String head = git("rev-parse", "HEAD");
    String diff =
        "--- a/calc.py\n+++ b/calc.py\n@@ -1,3 +1,3 @@\n def add(a, b):\n-    return a - b\n"
            + "+    return a + b\n \n";
    ScriptedProposalSource.PROPOSALS.add(
        new Proposal("fix-add", "Fix add()", "scripted", diff, Proposal.estimateRisk(diff)));

    // --repeat 0: the project is under /tmp, which the sandbox's benchmark step cannot read
    // (BenchmarkGateTest covers that step)
    assertThat(run("run", project.toString(), "--max", "3", "--repeat", "0", "--json"))
        .as(err.toString())
        .isZero();
    JsonNode cycle = new ObjectMapper().readTree(out.toString());
    assertThat(cycle.get("proposals").get(0).get("status").asText())
        .as(out.toString())
        .isEqualTo("awaiting-approval");

    assertThat(run("status")).isZero();
    assertThat(out.toString()).contains("1 awaiting approval").contains("fix-add");

    assertThat(run("show", "fix-add", "--json")).isZero();
    JsonNode shown = new ObjectMapper().readTree(out.toString());
    assertThat(shown.get("diff").asText()).isEqualTo(diff);
    assertThat(shown.get("steps").get(1).get("measures").toString())
        .contains("\"before\":\"1\",\"after\":\"0\"");

    assertThat(run("approve", "fix-add")).as(out + err.toString()).isZero();
    assertThat(git("log", "-1", "--format=%(trailers:key=BECA-Improvement,valueonly)"))
        .isEqualTo("fix-add");

    assertThat(run("rollback", "fix-add")).as(err.toString()).isZero();
    assertThat(git("rev-parse", "HEAD")).isEqualTo(head);
    assertThat(Files.readString(project.resolve("calc.py"))).isEqualTo(CALC);

    assertThat(run("history", "--json")).isZero();
    assertThat(
            new ObjectMapper()
                .readTree(out.toString())
                .get("proposals")
                .get(0)
                .get("status")
                .asText())
        .isEqualTo("rolled-back");
  }

  @Test
  void anUnknownProposalIsAUsageError() {
    assertThat(run("approve", "nope")).isEqualTo(2);
    assertThat(err.toString()).contains("No proposal has the id nope");
  }

  @Test
  void stopSetsTheFlagARunningCyclePolls() throws Exception {
    git("init", "-q", "-b", "main");

    assertThat(run("stop", project.toString())).isZero();

    assertThat(project.resolve(".git/beca-improve/stop")).exists();
  }

  @Test
  void autoApplyIsRefusedInBecasOwnRepositoryAndForHighRisk() throws Exception {
    Files.writeString(
        project.resolve("pom.xml"),
        "<project><groupId>dev.beca</groupId><artifactId>beca-parent</artifactId></project>\n");

    assertThat(run("run", project.toString(), "--auto-apply", "low")).isEqualTo(2);
    assertThat(err.toString()).contains("refused in BECA's own repository");
    assertThat(run("run", project.toString(), "--auto-apply", "high")).isEqualTo(2);
    assertThat(err.toString()).contains("--auto-apply takes low or medium");
  }

  @Test
  void everyTakesADurationOfAtLeastASecond() {
    assertThat(run("run", project.toString(), "--every", "0s")).isEqualTo(2);
    assertThat(err.toString()).contains("--every takes a duration of at least 1 s");
    assertThat(run("run", project.toString(), "--every", "soon")).isEqualTo(2);
  }
}
