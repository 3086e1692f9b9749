package dev.beca.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.beca.core.testkit.DummySecrets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile input neither hangs nor crashes the scanner. Sizes are bounded so the suite stays fast;
 * the timeouts are generous hang guards, not performance assertions (a backtracking engine would
 * take years on these inputs, a linear one takes milliseconds).
 */
class HostileInputTest {

  private static final Duration HANG_GUARD = Duration.ofSeconds(60);
  private final SecretScanner scanner = SecretScanner.standard();
  private final DummySecrets secrets = new DummySecrets(7);

  @Test
  void veryLongLineWithASecretAtTheEndIsScanned() {
    String key = secrets.githubPat();
    String line = "x".repeat(2_000_000) + " " + key;

    var findings = assertTimeoutPreemptively(HANG_GUARD, () -> scanner.scan("long.txt", line));

    assertThat(findings).extracting(SecretFinding::ruleId).containsExactly("github-pat");
  }

  @Test
  void keywordsOnEveryPositionOfALongLineDoNotBlowUp() {
    // Each rule's keyword everywhere on a 1.3 MB line: linear work takes a moment, anything
    // quadratic in the keyword count (as a regex tried at each keyword up to the line's end) hours.
    String line = "password=\"aws sk_live_ ghp_ ://a:b@ -us eyJ.".repeat(30_000);

    var findings = assertTimeoutPreemptively(HANG_GUARD, () -> scanner.scan("kw.txt", line));

    assertThat(findings).isNotNull();
  }

  @Test
  void patternsThatBreakBacktrackingEnginesAreMatchedLinearly() {
    // Classic ReDoS shapes against the generic rules: long runs that almost match, then fail.
    String almostAssignment = "password" + "_".repeat(100_000) + "= \"" + "a".repeat(100_000);
    String almostUrl = "postgres://" + "a:".repeat(100_000) + "@";
    String almostPem = "-----BEGIN RSA PRIVATE KEY-----\n" + "A".repeat(500_000);
    String nestedQuotes = "\"'`".repeat(100_000);

    assertTimeoutPreemptively(
        HANG_GUARD,
        () -> {
          assertThat(scanner.scan("a", almostAssignment)).isEmpty();
          assertThat(scanner.scan("b", almostUrl)).isEmpty();
          assertThat(scanner.scan("c", almostPem)).isEmpty();
          assertThat(scanner.scan("d", nestedQuotes)).isEmpty();
        });
  }

  @Test
  void binaryDataAndInvalidUtf8DoNotCrashAndStillFindEmbeddedSecrets() {
    byte[] noise = new byte[1_000_000];
    new Random(1).nextBytes(noise);
    String key = secrets.awsAccessKeyId();
    byte[] keyBytes = (" " + key + " ").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(keyBytes, 0, noise, 500_000, keyBytes.length);
    // Decoding replaces malformed sequences with U+FFFD; lone surrogates come from Latin-1 views.
    String asUtf8 = new String(noise, StandardCharsets.UTF_8);
    String asLatin1 = new String(noise, StandardCharsets.ISO_8859_1);
    String loneSurrogates = "\uD800abc\uDFFF" + key + "\uD800";

    assertTimeoutPreemptively(
        HANG_GUARD,
        () -> {
          assertThat(scanner.scan("bin", asUtf8))
              .extracting(SecretFinding::ruleId)
              .contains("aws-access-key-id");
          assertThat(scanner.scan("bin", asLatin1))
              .extracting(SecretFinding::ruleId)
              .contains("aws-access-key-id");
          assertThat(scanner.redact("s", loneSurrogates).text()).doesNotContain(key);
        });
  }

  @Test
  void manyShortLinesAndEmptyInputWork() {
    String text = "a\n\n\r\n".repeat(200_000);
    assertTimeoutPreemptively(
        HANG_GUARD,
        () -> {
          assertThat(scanner.scan("lines", text)).isEmpty();
          assertThat(scanner.scan("empty", "")).isEmpty();
          assertThat(scanner.scan("newline", "\n")).isEmpty();
        });
  }
}
