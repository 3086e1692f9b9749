package dev.beca.memory.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.RiskLevel;
import dev.beca.memory.SqliteKnowledgeBase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed (SIGKILL) while a tool call runs leaves its audit row behind and a database the
 * next start opens cleanly: the runner records the decision, committed, before the tool runs.
 */
class AuditSurvivesKillTest {

  @TempDir Path temp;

  @Test
  void theDecisionRowExistsAfterTheProcessIsKilledDuringTheCall() throws Exception {
    Path file = temp.resolve("beca.db");
    Path project = Files.createDirectories(temp.resolve("project"));
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HangingToolCall.class.getName(),
                file.toString(),
                project.toString(),
                "s-kill")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).as("the tool started").isEqualTo("running");
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }

    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().databaseFile(file).withoutEmbeddings().open()) {
      assertThat(kb.decisionAudit().session("s-kill"))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.tool()).isEqualTo("run_command");
                assertThat(d.arguments()).isEqualTo("{\"command\":\"sleep infinity\"}");
                assertThat(d.risk()).isEqualTo(RiskLevel.HIGH);
                assertThat(d.answer()).isEqualTo(DecisionAnswer.ALLOWED_BY_POLICY);
              });
    }
  }
}
