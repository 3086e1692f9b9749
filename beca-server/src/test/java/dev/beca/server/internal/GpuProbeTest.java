package dev.beca.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nvidia-smi} as a real subprocess: missing, answering, failing. */
class GpuProbeTest {

  @TempDir Path dir;

  private Path script(String body) throws Exception {
    Path script = dir.resolve("nvidia-smi");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  void aMissingNvidiaSmiMeansNoGpuNotAnError() {
    Resources.Gpus gpus =
        new GpuProbe(List.of(dir.resolve("absent").toString()), Duration.ofSeconds(5)).probe();

    assertThat(gpus.status()).isEqualTo("absent");
    assertThat(gpus.devices()).isEmpty();
  }

  @Test
  void itsCsvIsReadAsGpusWithMemoryInBytesAndLoadAsAShare() throws Exception {
    Path script =
        script(
            "[ \"$1\" = \"--query-gpu=index,name,memory.used,memory.total,utilization.gpu\" ] || exit 2\n"
                + "echo '0, NVIDIA GeForce RTX 3090, 1024, 24576, 37'\n"
                + "echo '1, Tesla T4, 0, 15360, [N/A]'");

    Resources.Gpus gpus = new GpuProbe(List.of(script.toString()), Duration.ofSeconds(5)).probe();

    assertThat(gpus.status()).isEqualTo("ok");
    assertThat(gpus.devices())
        .containsExactly(
            new Resources.Gpu(0, "NVIDIA GeForce RTX 3090", 1024L << 20, 24576L << 20, 0.37),
            new Resources.Gpu(1, "Tesla T4", 0, 15360L << 20, 0));
  }

  @Test
  void aFailingNvidiaSmiIsReportedWithWhatItSaid() throws Exception {
    Path script =
        script(
            "echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'\n"
                + "exit 9");

    Resources.Gpus gpus = new GpuProbe(List.of(script.toString()), Duration.ofSeconds(5)).probe();

    assertThat(gpus.status()).isEqualTo("failed");
    assertThat(gpus.detail()).contains("exit 9").contains("could not communicate");
  }
}
