package dev.beca.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.benchmark.internal.MavenTestProbe;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A POM that compiles without line numbers ({@code javac -g:source}, as jackson's parent POM does):
 * JaCoCo can count branches but no line, so coverage is not measured, with the reason, instead of a
 * line coverage of 0 % that would cost the project a third of its score.
 */
class MavenWithoutLineNumbersTest {

  @TempDir Path temp;

  @Test
  void coverageOfClassesWithoutLineNumbersIsScoredOnTheirBranchesNotZero() throws Exception {
    Path project = temp.resolve("calc");
    FixtureProjects.maven(project);
    Path pom = project.resolve("pom.xml");
    Files.writeString(
        pom,
        Files.readString(pom)
            .replace(
                "<maven.compiler.release>17</maven.compiler.release>",
                "<maven.compiler.release>17</maven.compiler.release>\n"
                    + "    <maven.compiler.debuglevel>source</maven.compiler.debuglevel>"));
    FixtureProjects.commit(project, "no line numbers");
    CodeBenchmark benchmark =
        CodeBenchmark.builder()
            .stockProbes(false)
            .discoverProbes(false)
            .probe(new MavenTestProbe("test"))
            .workDirectory(temp.resolve("work"))
            .timeout(Duration.ofMinutes(8))
            .build();

    BenchmarkResult result = benchmark.run("calc", project, true, new RecordingProgress());

    ProbeResult maven = result.probes().get(0);
    assertThat(maven.tests()).as(maven.message()).isNotNull();
    assertThat(maven.tests().tests()).isEqualTo(FixtureProjects.MAVEN_TESTS);
    assertThat(maven.coverage()).isNotNull();
    assertThat(maven.coverage().linesTotal()).isZero();
    assertThat(maven.coverage().branchesTotal()).isPositive();
    assertThat(maven.message()).contains("no line numbers", "scored on branches");
    assertThat(result.score().parts())
        .containsEntry(ProbeKind.COVERAGE, maven.coverage().branchRatio());
    assertThat(result.score().parts().get(ProbeKind.COVERAGE)).isPositive();
    assertThat(result.score().unavailable()).doesNotContainKey(ProbeKind.COVERAGE);
  }
}
