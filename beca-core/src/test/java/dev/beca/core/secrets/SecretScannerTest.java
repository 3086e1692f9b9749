package dev.beca.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.testkit.DummySecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine: locations, allow comments, baseline, user and gitleaks rule files, allowlists. */
class SecretScannerTest {

  private final DummySecrets secrets = new DummySecrets(42);
  private final SecretScanner scanner = SecretScanner.standard();

  @TempDir Path dir;

  @Test
  void findingCarriesRuleLocationRedactedFormAndFingerprintButNotTheSecret() {
    String key = secrets.githubPat();
    String text = "first line\n  token: " + key + "\n";

    SecretFinding finding = scanner.scan("config.yml", text).get(0);

    assertThat(finding.ruleId()).isEqualTo("github-pat");
    assertThat(finding.severity()).isEqualTo(Severity.HIGH);
    assertThat(finding.location()).isEqualTo(new SecretLocation("config.yml", 2, 10));
    assertThat(finding.redacted()).isEqualTo(key.substring(0, 4) + "****");
    assertThat(finding.fingerprint())
        .isEqualTo(SecretFingerprints.of(key))
        .startsWith("sha256:")
        .hasSize(71);
    assertThat(finding.toString()).doesNotContain(key).contains("config.yml:2:10", "github-pat");
  }

  @Test
  void redactionReplacesEverySecretAndKeepsTheRest() {
    String a = secrets.awsAccessKeyId();
    String b = secrets.stripeSecretKey();
    String text = "a=" + a + " and b=" + b + ", done";

    Redaction redaction = scanner.redact("m", text);

    assertThat(redaction.text())
        .isEqualTo("a=AKIA**** and b=sk_l**** done".replace("**** done", "****, done"));
    assertThat(redaction.findings())
        .extracting(SecretFinding::ruleId)
        .containsExactly("aws-access-key-id", "stripe-secret-key");
    assertThat(scanner.redact("m", "nothing here").isClean()).isTrue();
  }

  @Test
  void shortSecretsRevealAtMostAQuarter() {
    assertThat(SecretFingerprints.redact("abcdefgh")).isEqualTo("ab****");
    assertThat(SecretFingerprints.redact("abc")).isEqualTo("****");
  }

  @Test
  void allowCommentsSkipTheirLineOnly() {
    String key = secrets.githubPat();
    String text =
        "a = \""
            + key
            + "\" # beca:allow test fixture\n"
            + "b = \""
            + key
            + "\" // gitleaks:allow\n"
            + "c = \""
            + key
            + "\"\n";

    assertThat(scanner.scan("f", text)).extracting(f -> f.location().line()).containsExactly(3);
  }

  @Test
  void baselineAcceptsKnownFindingsByFingerprint() {
    String accepted = secrets.githubPat();
    String fresh = secrets.githubPat();
    String text = accepted + "\n" + fresh + "\n";
    SecretFinding known = scanner.scan("f", accepted).get(0);
    Path file = dir.resolve("baseline");
    SecretBaseline.write(file, List.of(known));

    SecretScanner withBaseline =
        DefaultSecretScanner.builder().baseline(SecretBaseline.load(file)).build();

    assertThat(withBaseline.scan("f", text))
        .extracting(f -> f.location().line())
        .containsExactly(2);
    assertThat(file).content().doesNotContain(accepted).contains(known.fingerprint());
  }

  @Test
  void malformedBaselineIsRejectedNamingTheLine() throws Exception {
    Path file = dir.resolve("baseline");
    Files.writeString(file, "# comment\nnot-a-fingerprint\n");

    assertThatThrownBy(() -> SecretBaseline.load(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Line 2");
  }

  @Test
  void userRulesInGitleaksFormatAreLoadedAndRunBeforeTheDefaults() throws Exception {
    Path rules = dir.resolve("team.toml");
    Files.writeString(
        rules,
        """
        title = "team rules"
        [extend]
        useDefault = true

        [[rules]]
        id = "acme-token"
        description = "ACME internal token"
        regex = '''\\b(acme_[a-z0-9]{24})\\b'''
        keywords = ["acme_"]
        tags = ["internal"]
        entropy = 2.5
        [rules.allowlist]
        regexTarget = "line"
        regexes = ['''(?i)test fixture''']

        [[rules]]
        id = "path-only"
        path = '''\\.p12$'''

        [allowlist]
        paths = ['''^vendor/''']
        """);
    String token = "acme_" + secrets.from("abcdefghijklmnopqrstuvwxyz0123456789", 24);
    SecretScanner custom =
        DefaultSecretScanner.builder()
            .rules(SecretRuleSet.defaults().plus(SecretRuleSet.load(rules)))
            .build();

    assertThat(custom.scan("src/App.java", "String t = " + token + ";"))
        .extracting(SecretFinding::ruleId)
        .containsExactly("acme-token");
    assertThat(custom.scan("src/App.java", "t = " + token + " // test fixture")).isEmpty();
    assertThat(custom.scan("vendor/lib.js", "t = " + token)).isEmpty();
    assertThat(custom.scan("src/App.java", secrets.githubPat()))
        .extracting(SecretFinding::ruleId)
        .containsExactly("github-pat");
    assertThat(SecretRuleSet.load(rules).rules())
        .extracting(SecretRule::id)
        .containsExactly("acme-token");
  }

  @Test
  void gitleaksRegexConstructsWork() {
    // Inline flags in mid-pattern, scoped flag groups, lazy bounded repetition, \x60 (backtick),
    // multi-line keyword arrays and the older single [rules.allowlist] table, as gitleaks writes
    // them.
    String toml =
        """
        [[rules]]
        id = "acme-key"
        regex = '''(?i)[\\w.-]{0,40}?(?:(?-i:ACME|[Aa]cme))(?:[ \\t\\w.-]{0,20})[\\s'"]{0,3}(?:=|:|=>)[\\x60'"\\s=]{0,5}(k-(?-i:[a-z0-9]{20}))(?:[\\x60'"\\s;]|$)'''
        keywords = [
            "acme",
        ]
        [rules.allowlist]
        regexes = ['''.+0000$''']

        [[rules]]
        id = "mixed-case"
        regex = '''\\b(mc_(?i)[a-z0-9]{12})\\b'''
        keywords = ["mc_"]
        """;
    SecretScanner custom =
        DefaultSecretScanner.builder().rules(SecretRuleSet.parse("gitleaks-style", toml)).build();
    String key = "k-" + secrets.from("abcdefghijklmnopqrstuvwxyz0123456789", 20);

    assertThat(custom.scan("a", "ACME_KEY = `" + key + "`"))
        .extracting(SecretFinding::ruleId)
        .containsExactly("acme-key");
    assertThat(custom.scan("a", "acme_key: \"" + key.toUpperCase() + "\"")).isEmpty();
    assertThat(custom.scan("a", "acme_key = " + key.substring(0, 18) + "0000")).isEmpty();
    assertThat(custom.scan("a", "x mc_AbCdEf123456 y"))
        .extracting(SecretFinding::ruleId)
        .containsExactly("mixed-case");
  }

  @Test
  void allowlistConditionAndRequiresEveryCriterion() {
    String toml =
        """
        [[rules]]
        id = "k"
        regex = '''key_([a-z0-9]{12})'''
        [[rules.allowlists]]
        condition = "AND"
        stopwords = ["zz"]
        paths = ['''^test/''']
        """;
    SecretScanner custom =
        DefaultSecretScanner.builder().rules(SecretRuleSet.parse("inline", toml)).build();

    assertThat(custom.scan("test/a", "key_zz1234567890")).isEmpty();
    assertThat(custom.scan("src/a", "key_zz1234567890")).hasSize(1);
    assertThat(custom.scan("test/a", "key_ab1234567890")).hasSize(1);
  }

  @Test
  void invalidRuleFilesAreRejectedNamingTheRuleAndField() {
    assertThatThrownBy(
            () -> SecretRuleSet.parse("bad.toml", "[[rules]]\nid = \"x\"\nregex = '''(?<=a)b'''\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("bad.toml")
        .hasMessageContaining("rule 'x' regex")
        .hasMessageContaining("RE2");
    assertThatThrownBy(
            () ->
                SecretRuleSet.parse(
                    "bad.toml", "[[rules]]\nid = \"x\"\nregex = 'a'\nseverity = 'huge'\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("severity");
    assertThatThrownBy(() -> SecretRuleSet.parse("bad.toml", "rules = [ unclosed"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not valid TOML");
    assertThatThrownBy(() -> SecretRuleSet.load(dir.resolve("missing.toml")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("missing.toml");
  }

  @Test
  void pathRestrictedRulesOnlyApplyToMatchingSources() {
    String toml =
        """
        [[rules]]
        id = "env-only"
        regex = '''SECRET=(\\S{6,})'''
        path = '''\\.env$'''
        """;
    SecretScanner custom =
        DefaultSecretScanner.builder().rules(SecretRuleSet.parse("inline", toml)).build();

    assertThat(custom.scan("app/.env", "SECRET=abcdef1")).hasSize(1);
    assertThat(custom.scan("app/Main.java", "SECRET=abcdef1")).isEmpty();
  }

  @Test
  void overlappingFindingsAreReportedOnceByTheEarlierRule() {
    String key = secrets.githubPat();
    // Matches both github-pat and the generic assignment rule.
    List<SecretFinding> findings = scanner.scan("f", "api_token = \"" + key + "\"");

    assertThat(findings).extracting(SecretFinding::ruleId).containsExactly("github-pat");
  }

  @Test
  void windowsLineEndingsAndNonAsciiTextKeepColumns() {
    String key = secrets.npmToken();
    String text = "h\u00e9llo \u4e2d\u6587\r\nnpm \u00e9 " + key + "\r\n";

    SecretFinding finding = scanner.scan("f", text).get(0);

    assertThat(finding.location().line()).isEqualTo(2);
    assertThat(text.substring(finding.start(), finding.end())).isEqualTo(key);
    assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isEqualTo(text);
  }
}
