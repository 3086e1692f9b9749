package dev.beca.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.testkit.DummySecrets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A distinctive prefix with a repetitive body is still a finding, at low confidence; true templates
 * are never findings; look-alikes from clean real code are not reported by default.
 */
class PlaceholdersAndCleanCodeTest {

  private static final SecretScanner SCANNER = SecretScanner.standard();
  private static final DummySecrets SECRETS = new DummySecrets(13);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sk_live_AAAAAAAAAAAAAAAAAAAAAAAA",
        "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "ghp_000000000000000000000000000000000000",
        "https://user:pass@example.org/",
        "AKIAZZZZZZZZZZZZZZZZ"
      })
  void aPrefixedValueWithAMadeUpBodyIsFoundAtLowConfidence(String value) {
    List<SecretFinding> findings = SCANNER.scan("config.env", "KEY=" + value);

    assertThat(findings)
        .singleElement()
        .satisfies(f -> assertThat(f.confidence()).isEqualTo(Confidence.LOW));
    assertThat(SCANNER.redact("config.env", "KEY=" + value).text())
        .contains(SecretFingerprints.MASK);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password = \"${DB_PASSWORD}\"",
        "token: \"{{ api_token }}\"",
        "api_key = \"{API_KEY}\"",
        "secret = \"<your-key>\"",
        "password = os.environ[\"DB_PASSWORD\"]",
        "url = \"postgresql://{user}:{password}@db.internal:5432/app\"",
        "mongodb://${USER}:${PASS}@localhost:27017"
      })
  void templatesAreNeverFindings(String line) {
    assertThat(SCANNER.scan("app.py", line)).as(line).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "String pageToken = \"token-123\";",
        "tokenizationService = tokenizationServiceBuilder",
        "private lateinit var tokenStream: TokenStream",
        "String apiKey = \"VnVhQ2ZHY0JDZGJrU...\";",
        "private static final String TOKEN_FILE = \"/home/runner/.config/app/token.json\";",
        "int maxTokens = tokenCountEstimator.estimateTokenCountInText(text);",
        "String alphabet = \"-_1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\";",
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;",
        "DOTENV_PUBLIC_KEY=\"034af93e93708b994c10f236c96ef88e47291066946cce2e8d98c9e02c741ced45\"",
        "String uri = \"mongodb://username:password@localhost:27017\";",
        ".customHeaders(Map.of(\"Proxy-Authorization\", \"Basic dXNlcjpwYXNz\"))",
        "setAddresses(List.of(\"amqp://root:password@otherhost\", \"amqps://root:password2@otherhost2\"));",
        "environment \"OTEL_EXPORTER_OTLP_HEADERS\", \"Authorization=Basic dGVzdHVzZXI6dGVzdHBhc3MxMjM=\""
      })
  void cleanCodeLookAlikesAreNotReportedByDefault(String line) {
    assertThat(SCANNER.scan("src/test/java/AppTest.java", line))
        .as(line)
        .noneMatch(f -> f.reaches(Severity.LOW, Confidence.MEDIUM));
  }

  @Test
  void highEntropyStringsAreLowConfidenceGuesses() {
    String blob = SECRETS.base64(44);
    assertThat(SCANNER.scan("a.js", "const batchName = \"" + blob + "\";"))
        .allSatisfy(f -> assertThat(f.confidence()).isEqualTo(Confidence.LOW));
  }

  @Test
  void aPemKeyInsideOneMultiLineMessageIsRedactedWhole() {
    String pem = SECRETS.privateKeyPem("RSA");
    String message = "here is my key, what is wrong with it?\n" + pem + "\nthanks";

    Redaction redaction = SCANNER.redact("message", message);

    pem.lines()
        .filter(l -> !l.startsWith("-----"))
        .forEach(l -> assertThat(redaction.text()).doesNotContain(l));
    assertThat(redaction.text()).startsWith("here is my key").endsWith("thanks");
  }

  @Test
  void theBodyOfAPemKeyWhoseEndLineIsMissingIsRedacted() {
    String pem = SECRETS.privateKeyPem("EC");
    List<String> lines = pem.lines().toList();
    String cut = String.join("\n", lines.subList(0, lines.size() / 2));

    Redaction redaction = SCANNER.redact("message", cut);

    assertThat(redaction.findings()).isNotEmpty();
    lines.subList(1, lines.size() / 2).forEach(l -> assertThat(redaction.text()).doesNotContain(l));
  }
}
