package dev.beca.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.InMemoryBenchmarkStore;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-module Maven reactor that keeps coverage agents out of its test JVMs the ways real
 * projects do (a literal Surefire {@code argLine}, {@code @{argLine}}, a Failsafe integration test
 * with a literal {@code argLine}) and has no {@code .gitignore}, measured once up to {@code
 * verify}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MavenReactorBenchmarkTest {

  @TempDir static Path temp;

  private Path project;
  private BenchmarkResult result;
  private CodeBenchmark benchmark;
  private Map<String, String> filesBefore;

  @BeforeAll
  void measureOnce() throws Exception {
    project = temp.resolve("reactor");
    FixtureProjects.mavenReactor(project);
    filesBefore = everyFile(project);
    benchmark =
        CodeBenchmark.builder()
            .store(new InMemoryBenchmarkStore())
            .workDirectory(temp.resolve("work"))
            .mavenPhase("verify")
            .timeout(Duration.ofMinutes(8))
            .build();
    result = benchmark.run("reactor", project, false, new RecordingProgress());
  }

  @Test
  void coverageReachesEveryTestJvmWhateverArgLineTheModulesSet() {
    ProbeResult maven = probe("maven-tests");
    assertThat(maven.tests().tests()).as(maven.message()).isEqualTo(3);
    assertThat(maven.tests().passed()).isEqualTo(3);
    assertThat(maven.coverage()).as(maven.message()).isNotNull();
    assertThat(maven.coverage().linesTotal()).isEqualTo(FixtureProjects.REACTOR_LINES);
    assertThat(maven.coverage().linesCovered()).isEqualTo(FixtureProjects.REACTOR_LINES_COVERED);
    assertThat(result.score().unavailable()).doesNotContainKey(ProbeKind.COVERAGE);
  }

  @Test
  void theUsersTreeWithoutGitignoreIsByteForByteUnchangedAndStaysClean() throws Exception {
    assertThat(project.resolve(".gitignore")).doesNotExist();
    assertThat(everyFile(project)).isEqualTo(filesBefore);
    try (Git git = Git.open(project.toFile())) {
      assertThat(git.status().call().isClean()).isTrue();
    }
    assertThat(result.revision().dirty()).isFalse();
    assertThat(result.projectPath()).isEqualTo(project.toRealPath().toString());
  }

  @Test
  void theNextRunIsServedFromTheCacheThoughTheProjectIgnoresNothing() {
    RecordingProgress again = new RecordingProgress();

    BenchmarkResult cached = benchmark.run("reactor", project, false, again);

    assertThat(cached.id()).isEqualTo(result.id());
    assertThat(again.events).containsExactly("cached " + result.id());
  }

  /** Every file outside {@code .git} with its SHA-256, and every folder (with an empty hash). */
  static Map<String, String> everyFile(Path root) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.filter(p -> !root.relativize(p).startsWith(".git")).toList()) {
        String hash =
            Files.isRegularFile(path)
                ? HexFormat.of()
                    .formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)))
                : "";
        files.put(root.relativize(path).toString(), hash);
      }
    }
    return files;
  }

  private ProbeResult probe(String name) {
    return result.probes().stream().filter(p -> p.probe().equals(name)).findFirst().orElseThrow();
  }
}
