package dev.beca.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.ProbeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time limits kill whole process trees, the environment is controlled, output goes to files. */
class IsolationTest {

  @TempDir Path project;
  @TempDir Path work;

  @Test
  void aProbeFoundByServiceLoaderRunsWhereItApplies() throws Exception {
    Files.writeString(project.resolve("probe.sh"), "exit 0\n");

    BenchmarkResult result =
        CodeBenchmark.builder()
            .workDirectory(work)
            .build()
            .run("", project, false, new RecordingProgress());

    assertThat(result.benchmark()).isEqualTo(project.getFileName().toString());
    assertThat(result.probes()).extracting(p -> p.probe()).containsExactly("script", "secrets");
    assertThat(result.probes().get(0).tests().passed()).isEqualTo(1);
    assertThat(result.revision().inGit()).isFalse();
    assertThat(result.cacheKey()).isEmpty();
  }

  @Test
  void onTimeoutTheWholeProcessTreeIsKilledAndTheResultSaysSo() throws Exception {
    Files.writeString(
        project.resolve("probe.sh"),
        """
        sleep 300 &
        echo $! > child1.pid
        sh -c 'sleep 300 & echo $! > grandchild.pid; wait' &
        echo $! > child2.pid
        wait
        """);
    CodeBenchmark benchmark =
        CodeBenchmark.builder().workDirectory(work).timeout(Duration.ofSeconds(2)).build();
    Instant start = Instant.now();

    BenchmarkResult result = benchmark.run("sleepy", project, false, new RecordingProgress());

    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(30));
    assertThat(result.timedOut()).isTrue();
    assertThat(result.probes().get(0).status()).isEqualTo(ProbeStatus.TIMED_OUT);
    assertThat(result.probes().get(1).status()).isEqualTo(ProbeStatus.TIMED_OUT);
    assertThat(result.probes().get(1).message()).contains("not started", "time limit");
    assertThat(result.cacheKey()).isEmpty();
    for (String pidFile : List.of("child1.pid", "child2.pid", "grandchild.pid")) {
      long pid = Long.parseLong(Files.readString(project.resolve(pidFile)).strip());
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      assertThat(process.map(ProcessHandle::isAlive).orElse(false))
          .as(pidFile + " " + pid)
          .isFalse();
    }
  }

  @Test
  void toolsRunWithoutCiVariablesAndWithTheirOutputCapturedToFiles() throws Exception {
    Files.writeString(project.resolve("probe.sh"), "env\necho oops >&2\n");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(
        Map.of(
            "CI",
            "true",
            "GITHUB_ACTIONS",
            "true",
            "JAVA_TOOL_OPTIONS",
            "-Xmx1m",
            "PYTEST_ADDOPTS",
            "-x",
            "KEEP_ME",
            "yes"));

    CodeBenchmark.builder()
        .workDirectory(work)
        .environment(env)
        .build()
        .run("env", project, false, new RecordingProgress());

    Path output;
    try (var files = Files.walk(work)) {
      output =
          files
              .filter(f -> f.getFileName().toString().equals("script.out"))
              .findFirst()
              .orElseThrow();
    }
    List<String> names = Files.readAllLines(output).stream().map(l -> l.split("=", 2)[0]).toList();
    assertThat(names)
        .contains("KEEP_ME", "PATH", "PYTHONDONTWRITEBYTECODE")
        .doesNotContain("CI", "GITHUB_ACTIONS", "JAVA_TOOL_OPTIONS", "PYTEST_ADDOPTS");
    assertThat(output.resolveSibling("script.err")).content().isEqualTo("oops\n");
  }

  @Test
  void aFolderWithoutAnyApplicableProbeIsRejectedClearly() {
    CodeBenchmark benchmark = CodeBenchmark.builder().workDirectory(work).build();

    assertThatThrownBy(() -> benchmark.run("x", project, false, new RecordingProgress()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("No quality probe applies to")
        .hasMessageContaining("pom.xml");
    assertThatThrownBy(
            () -> benchmark.run("x", project.resolve("missing"), false, new RecordingProgress()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void builderSettersFailFastNamingTheField() {
    assertThatThrownBy(() -> CodeBenchmark.builder().timeout(Duration.ZERO))
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> CodeBenchmark.builder().pythonInterpreters(List.of()))
        .hasMessageContaining("pythonInterpreters");
    assertThatThrownBy(() -> CodeBenchmark.builder().mavenPhase("te st"))
        .hasMessageContaining("phase");
    assertThatThrownBy(() -> CodeBenchmark.builder().pmdRuleSet(" "))
        .hasMessageContaining("pmdRuleSet");
  }
}
