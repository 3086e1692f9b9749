package dev.beca.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.testkit.DummySecrets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Google API keys in Firebase and Maps client configuration are public identifiers by Google's own
 * account: still found and redacted, but at low confidence; anywhere else they stay high. The
 * {@code lowerConfidence} allowlist key that does it is usable in any rule file.
 */
class ClientKeyConfidenceTest {

  private static final SecretScanner SCANNER = SecretScanner.standard();
  private final String key = new DummySecrets(29).gcpApiKey();

  private Confidence confidenceOf(String source, String text) {
    List<SecretFinding> findings = SCANNER.scan(source, text);
    assertThat(findings).as(text).singleElement();
    assertThat(findings.get(0).ruleId()).isEqualTo("gcp-api-key");
    assertThat(SCANNER.redact(source, text).text()).doesNotContain(key);
    return findings.get(0).confidence();
  }

  @Test
  void aGoogleApiKeyInAFirebaseOrMapsClientConfigurationIsLowConfidence() {
    assertThat(confidenceOf("web/app.js", "firebase.initializeApp({ apiKey: \"" + key + "\" });"))
        .isEqualTo(Confidence.LOW);
    assertThat(confidenceOf("app/google-services.json", "  \"current_key\": \"" + key + "\""))
        .isEqualTo(Confidence.LOW);
    assertThat(confidenceOf("ios/GoogleService-Info.plist", "<string>" + key + "</string>"))
        .isEqualTo(Confidence.LOW);
    assertThat(
            confidenceOf(
                "AndroidManifest.xml",
                "<meta-data android:name=\"com.google.android.geo.API_KEY\" android:value=\""
                    + key
                    + "\"/>"))
        .isEqualTo(Confidence.LOW);
    assertThat(
            confidenceOf(
                "index.html",
                "<script src=\"https://maps.googleapis.com/maps/api/js?key="
                    + key
                    + "\"></script>"))
        .isEqualTo(Confidence.LOW);
  }

  @Test
  void aGoogleApiKeyAnywhereElseStaysHighConfidence() {
    assertThat(confidenceOf("server/.env", "GEMINI_API_KEY=" + key)).isEqualTo(Confidence.HIGH);
    assertThat(confidenceOf("notes.md", key)).isEqualTo(Confidence.HIGH);
    assertThat(confidenceOf("app/services.json", "\"api_key\": \"" + key + "\""))
        .isEqualTo(Confidence.HIGH);
  }

  @Test
  void aLowerConfidenceAllowlistKeepsTheFindingWhileAPlainOneDropsIt() {
    SecretRuleSet rules =
        SecretRuleSet.parse(
            "test.toml",
            """
            [[rules]]
            id = "acme-token"
            regex = '''\\b(acme_[a-z0-9]{24})\\b'''
            keywords = ["acme_"]
            [[rules.allowlists]]
            regexTarget = "line"
            lowerConfidence = true
            regexes = ['''(?i)sandbox''']
            [[rules.allowlists]]
            regexTarget = "line"
            regexes = ['''(?i)revoked''']
            """);
    SecretScanner scanner = DefaultSecretScanner.builder().rules(rules).build();
    String token = "acme_" + new DummySecrets(3).from("abcdefghijklmnopqrstuvwxyz0123456789", 24);

    assertThat(scanner.scan("a", "prod = " + token))
        .singleElement()
        .extracting(SecretFinding::confidence)
        .isEqualTo(Confidence.HIGH);
    assertThat(scanner.scan("a", "sandbox = " + token))
        .singleElement()
        .extracting(SecretFinding::confidence)
        .isEqualTo(Confidence.LOW);
    assertThat(scanner.scan("a", "sandbox, revoked = " + token)).isEmpty();
  }
}
