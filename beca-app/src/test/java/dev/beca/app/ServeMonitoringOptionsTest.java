package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beca serve --alert} and {@code --sample-seconds} refuse bad values before anything opens.
 */
class ServeMonitoringOptionsTest {

  @TempDir Path dataDir;
  private String err = "";

  private int serve(String... options) {
    String[] all = new String[options.length + 3];
    all[0] = "serve";
    System.arraycopy(options, 0, all, 1, options.length);
    all[options.length + 1] = "--data-dir";
    all[options.length + 2] = dataDir.toString();
    BecaRun run = BecaRun.of(Map.of(), all);
    err = run.err();
    return run.exit();
  }

  @Test
  void anUnknownRuleABadValueOrABadIntervalIsAUsageErrorAndOpensNothing() throws Exception {
    assertThat(serve("--alert", "cpu=0.5")).isEqualTo(2);
    assertThat(err.toString()).contains("http.p95, http.error_rate, heap, memory, disk");
    assertThat(serve("--alert", "heap=lots")).isEqualTo(2);
    assertThat(serve("--alert", "http.error_rate=2")).isEqualTo(2);
    assertThat(serve("--alert", "heap")).isEqualTo(2);
    assertThat(serve("--sample-seconds", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("sampleInterval");
    try (var files = Files.list(dataDir)) {
      assertThat(files).isEmpty();
    }
  }
}
