package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beca serve --tls-...}: incomplete or unreadable TLS settings are usage errors found before
 * anything opens (the data directory stays empty).
 */
class ServeTlsOptionsTest {

  @TempDir Path dir;
  private String err = "";

  private int serve(Map<String, String> env, String... options) {
    String[] all = new String[options.length + 3];
    all[0] = "serve";
    System.arraycopy(options, 0, all, 1, options.length);
    all[options.length + 1] = "--data-dir";
    all[options.length + 2] = dir.resolve("data").toString();
    BecaRun run = BecaRun.of(env, all);
    err = run.err();
    return run.exit();
  }

  @Test
  void incompleteOrUnreadableTlsSettingsAreUsageErrorsAndOpenNothing() throws Exception {
    Path notAKeystore = Files.writeString(dir.resolve("beca.p12"), "not a keystore");
    Path cert = Files.writeString(dir.resolve("cert.pem"), "not a certificate");

    assertThat(serve(Map.of(), "--tls-keystore", notAKeystore.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--tls-password-env");
    assertThat(
            serve(
                Map.of(),
                "--tls-keystore",
                notAKeystore.toString(),
                "--tls-password-env",
                "BECA_TLS_PASSWORD"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("BECA_TLS_PASSWORD (--tls-password-env) is not set");
    assertThat(
            serve(
                Map.of("BECA_TLS_PASSWORD", "secret"),
                "--tls-keystore",
                notAKeystore.toString(),
                "--tls-password-env",
                "BECA_TLS_PASSWORD"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("cannot be read");
    assertThat(serve(Map.of(), "--tls-cert", cert.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("go together");
    assertThat(serve(Map.of(), "--tls-cert", cert.toString(), "--tls-key", cert.toString()))
        .isEqualTo(2);
    assertThat(Files.exists(dir.resolve("data"))).isFalse();
  }
}
