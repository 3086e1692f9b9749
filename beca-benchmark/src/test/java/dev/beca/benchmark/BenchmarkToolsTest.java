package dev.beca.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.quality.InMemoryBenchmarkStore;
import dev.beca.core.quality.SampleResults;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assistant's benchmark tools: their LangChain4j specifications and what they answer. */
class BenchmarkToolsTest {

  @TempDir Path project;
  @TempDir Path work;

  private final InMemoryBenchmarkStore store = new InMemoryBenchmarkStore();
  private final ProgressTracker progress = new ProgressTracker();
  private BenchmarkTools tools;

  @BeforeEach
  void createTools() {
    tools =
        new BenchmarkTools(
            CodeBenchmark.builder().store(store).workDirectory(work).build(), progress);
  }

  @Test
  void threeToolsAreOfferedToTheModel() {
    List<ToolSpecification> specifications = ToolSpecifications.toolSpecificationsFrom(tools);

    assertThat(specifications)
        .extracting(ToolSpecification::name)
        .containsExactlyInAnyOrder(
            "runCodeBenchmark", "viewBenchmarkProgress", "analyseLatestFailures");
    assertThat(specifications).allSatisfy(s -> assertThat(s.description()).isNotBlank());
  }

  @Test
  void runningReportsTheScoreAndProgressFollowsIt() throws Exception {
    assertThat(tools.viewBenchmarkProgress()).isEqualTo("No benchmark has run yet.");
    Files.writeString(project.resolve("probe.sh"), "exit 1\n");

    String summary = tools.runCodeBenchmark(project.toString(), "scripted");

    assertThat(summary)
        .startsWith("Benchmark scripted: score 0.000")
        .contains("script", "ok", "secrets");
    assertThat(tools.viewBenchmarkProgress())
        .contains("Benchmark scripted", "2 of 2 probes done", "script ok", "finished: score 0.000");
    assertThat(store.latest("scripted")).isPresent();
  }

  @Test
  void failuresOfTheLatestResultAreListed() {
    store.save(SampleResults.poor("svc", Instant.parse("2026-03-01T10:00:00Z"), ""));

    String analysis = tools.analyseLatestFailures("svc");

    assertThat(analysis)
        .contains(
            "Failing tests:",
            "com.acme.CalcTest.fails0",
            "expected: <3> but was: <4>",
            "pmd: 30 findings",
            "UnusedLocalVariable",
            "Hints:");
    assertThat(tools.analyseLatestFailures("nobody")).contains("no benchmark named 'nobody'");
  }

  @Test
  void badInputComesBackAsTextNotAnException() {
    assertThat(tools.runCodeBenchmark(project.resolve("missing").toString(), ""))
        .startsWith("The benchmark could not run:")
        .contains("does not exist");
    assertThat(tools.runCodeBenchmark(" ", "")).contains("Give the path");
  }
}
