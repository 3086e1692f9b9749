package dev.beca.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.testkit.DummySecrets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Confidence follows the parts of a provider's token format that carry its secret: the random part
 * of a Slack token (not its team and user ids), Slack's legacy bot token form, OpenAI's {@code
 * T3BlbkFJ} marker, Google API keys already published in the Firebase Android SDK, and placeholder
 * words buried in a random body (which do not make it made up). Every value here is synthetic,
 * generated at run time, except the published Firebase key.
 */
class TokenShapeConfidenceTest {

  private static final SecretScanner SCANNER = SecretScanner.standard();
  private final DummySecrets secrets = new DummySecrets(13);

  private SecretFinding onlyFinding(String text) {
    List<SecretFinding> findings = SCANNER.scan("sample.txt", text);
    assertThat(findings).as(text).singleElement();
    return findings.get(0);
  }

  @Test
  void aSlackTokenWithRepetitiveIdsButARandomSecretPartIsHighConfidence() {
    String token = "xo" + "xa-2-511111111-31111111111-3111111111111-" + secrets.hex(18);

    SecretFinding finding = onlyFinding("slack_token = \"" + token + "\"");

    assertThat(finding.ruleId()).isEqualTo("slack-token");
    assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
  }

  @Test
  void aSlackTokenWhoseSecretPartIsRepetitiveStaysLowConfidence() {
    String token = "xo" + "xa-2-511111111-31111111111-3111111111111-" + "1111111111aaaaaaaa";

    SecretFinding finding = onlyFinding("slack_token = \"" + token + "\"");

    assertThat(finding.ruleId()).isEqualTo("slack-token");
    assertThat(finding.confidence()).isEqualTo(Confidence.LOW);
  }

  @Test
  void aLegacySlackBotTokenOfAnIdAndASecretIsFound() {
    String token = "xo" + "xb-" + secrets.digits(11) + "-" + secrets.alnum(24);

    SecretFinding finding = onlyFinding("\"bot_token\": \"" + token + "\"");

    assertThat(finding.ruleId()).isEqualTo("slack-token");
    assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
    assertThat(SCANNER.redact("sample.txt", token).text()).doesNotContain(token);
  }

  @Test
  void aLegacySlackBotTokenWithoutItsIdOrWithAShortSecretIsNotReported() {
    assertThat(SCANNER.scan("sample.txt", "bot xo" + "xb-" + secrets.alnum(24))).isEmpty();
    assertThat(
            SCANNER.scan(
                "sample.txt", "bot xo" + "xb-" + secrets.digits(11) + "-" + secrets.alnum(10)))
        .isEmpty();
  }

  @Test
  void anOpenAiKeyWithItsMarkerIsHighConfidence() {
    String key = "sk-" + "proj-" + secrets.alnum(20) + "T3Blbk" + "FJ" + secrets.alnum(20);

    SecretFinding finding = onlyFinding(key);

    assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
  }

  @Test
  void anOpenAiKeyWithABrokenMarkerIsLowConfidenceButStillRedacted() {
    String key = "sk-" + "proj-" + secrets.alnum(20) + "T4Blbk" + "FJ" + secrets.alnum(20);

    SecretFinding finding = onlyFinding(key);

    assertThat(finding.ruleId()).isEqualTo("openai-project-key");
    assertThat(finding.confidence()).isEqualTo(Confidence.LOW);
    assertThat(SCANNER.redact("sample.txt", key).text()).doesNotContain(key);
  }

  @Test
  void aGoogleApiKeyPublishedInTheFirebaseAndroidSdkIsLowConfidenceButStillRedacted() {
    // Published in firebase/firebase-android-sdk's FirebaseInitProviderNoIdsInResourcesTest.
    String published = "AIza" + "SyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0";

    SecretFinding finding = onlyFinding("apiKey = \"" + published + "\"");

    assertThat(finding.ruleId()).isEqualTo("gcp-api-key");
    assertThat(finding.confidence()).isEqualTo(Confidence.LOW);
    assertThat(SCANNER.redact("sample.txt", published).text()).doesNotContain(published);
  }

  @Test
  void aGoogleApiKeyDifferingFromAPublishedOneByOneCharacterStaysHighConfidence() {
    String other = "AIza" + "SyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh1";

    assertThat(onlyFinding("apiKey = \"" + other + "\"").confidence()).isEqualTo(Confidence.HIGH);
  }

  @Test
  void aUrlPasswordOfOneLowerCaseWordIsReportedByDefault() {
    SecretFinding finding = onlyFinding("ftp://deploy:nonprod@ftp.internal.example.net/upload");

    assertThat(finding.ruleId()).isEqualTo("url-credentials");
    assertThat(finding.confidence()).isEqualTo(Confidence.MEDIUM);
  }

  @Test
  void standInPasswordsAndJoinedNamesInACredentialsPlaceStayLowConfidence() {
    for (String text :
        List.of(
            "ftp://user:password@ftp.internal.example.net/",
            "ftp://user:my_ftp_pass@ftp.internal.example.net/",
            "curl -u username:token https://api.internal.example.net/",
            "curl -u admin:apikey https://api.internal.example.net/")) {
      assertThat(SCANNER.scan("sample.txt", text))
          .as(text)
          .isNotEmpty()
          .allSatisfy(f -> assertThat(f.confidence()).isEqualTo(Confidence.LOW));
    }
  }

  @Test
  void aPlaceholderWordBuriedInARandomTokenBodyKeepsTheRuleConfidence() {
    String token = "xo" + "xb-" + secrets.digits(12) + "-" + secrets.alnum(13) + "Q7z" + "FaKe";

    SecretFinding finding = onlyFinding("\"bot_token\": \"" + token + "\"");

    assertThat(finding.ruleId()).isEqualTo("slack-token");
    assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
  }

  @Test
  void aPlaceholderWordThatIsMuchOfTheBodyOrSitsInANonRandomBodyStaysLowConfidence() {
    for (String text :
        List.of(
            // the word is more than a quarter of the value
            "\"bot_token\": \"xo" + "xb-123456789012-FAKEfakeFAKEfake12ab\"",
            // what is left has no lower case letters (AWS key ids are upper case and digits)
            "aws_access_key_id = AKIA" + "FAKE" + "234567ABCDEF",
            // what is left is an alphabet run
            "sk_live_" + "fake" + "Key1234567890abcdefghij")) {
      assertThat(SCANNER.scan("sample.txt", text))
          .as(text)
          .isNotEmpty()
          .allSatisfy(f -> assertThat(f.confidence()).isEqualTo(Confidence.LOW));
    }
  }
}
