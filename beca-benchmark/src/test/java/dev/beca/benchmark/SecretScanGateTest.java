package dev.beca.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ProbeStatus;
import dev.beca.core.testkit.DummySecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stock secret scanner is wired into the benchmark's security probe and gates the score. */
class SecretScanGateTest {

  @TempDir Path project;
  @TempDir Path work;

  @Test
  void aPlantedSecretIsAHighSeverityFindingThatGatesTheScore() throws Exception {
    String key = new DummySecrets(7).awsAccessKeyId();
    Files.writeString(
        project.resolve("settings.py"),
        "REGION = 'eu-west-1'\nAWS_ACCESS_KEY_ID = '" + key + "'\n");

    BenchmarkResult result =
        CodeBenchmark.builder()
            .workDirectory(work)
            .build()
            .run("planted", project, true, new RecordingProgress());

    ProbeResult secrets =
        result.probes().stream().filter(p -> p.probe().equals("secrets")).findFirst().orElseThrow();
    assertThat(secrets.status()).isEqualTo(ProbeStatus.OK);
    assertThat(secrets.security().findings())
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.file()).isEqualTo("settings.py");
              assertThat(finding.line()).isEqualTo(2);
              assertThat(finding.message()).doesNotContain(key);
            });
    assertThat(result.score().securityGate()).isTrue();
  }

  @Test
  void aCleanTreeHasNoSecretFindings() throws Exception {
    Files.writeString(
        project.resolve("settings.py"),
        "REGION = 'eu-west-1'\nPASSWORD = os.environ['PASSWORD']\n");

    BenchmarkResult result =
        CodeBenchmark.builder()
            .workDirectory(work)
            .build()
            .run("clean", project, true, new RecordingProgress());

    assertThat(result.probes())
        .filteredOn(p -> p.probe().equals("secrets"))
        .singleElement()
        .satisfies(p -> assertThat(p.security().findings()).isEmpty());
    assertThat(result.score().securityGate()).isFalse();
  }
}
