package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.testkit.DummySecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beca scan} in-process on real trees: formats, exit codes, baseline, user rules. */
class ScanCommandTest {

  @TempDir Path tree;
  private final DummySecrets secrets = new DummySecrets(5);
  private String out = "";
  private String err = "";

  private int beca(String... args) {
    BecaRun run = BecaRun.of("", false, Map.of(), args);
    out = run.out();
    err = run.err();
    return run.exit();
  }

  @Test
  void keysInTestCodeAreQuietByDefaultAndReportedWithIncludeTests() throws Exception {
    String shipped = secrets.githubPat();
    String fixture = secrets.stripeSecretKey();
    Files.createDirectories(tree.resolve("src/main/resources"));
    Files.createDirectories(tree.resolve("src/test/resources"));
    Files.writeString(tree.resolve("src/main/resources/app.env"), "GITHUB_TOKEN=" + shipped + "\n");
    Files.writeString(tree.resolve("src/test/resources/app.env"), "STRIPE_KEY=" + fixture + "\n");

    assertThat(beca("scan", tree.toString())).isEqualTo(1);
    assertThat(out.toString())
        .contains("src/main/resources/app.env:1:14: github-pat (high, high confidence) ")
        .doesNotContain("stripe-secret-key")
        .contains("1 finding(s) below the reporting threshold");

    assertThat(beca("scan", "--include-tests", tree.toString())).isEqualTo(1);
    assertThat(out.toString())
        .contains(
            "src/test/resources/app.env:1:12: stripe-secret-key (high, high confidence, in tests)")
        .contains("github-pat (high, high confidence) ")
        .doesNotContain(fixture, shipped);

    assertThat(beca("scan", "--format", "json", "--min-confidence", "low", tree.toString()))
        .isEqualTo(1);
    JsonNode findings = new ObjectMapper().readTree(out.toString()).get("findings");
    assertThat(findings).hasSize(2);
    for (JsonNode f : findings) {
      boolean inTests = f.get("file").asText().startsWith("src/test/");
      assertThat(f.get("inTests").asBoolean()).as(f.toString()).isEqualTo(inTests);
      assertThat(f.get("confidence").asText()).as(f.toString()).isEqualTo(inTests ? "low" : "high");
    }
  }

  @Test
  void cleanTreeExitsZero() throws Exception {
    Files.writeString(tree.resolve("Main.java"), "class Main {}\n");

    assertThat(beca("scan", tree.toString())).isZero();
    assertThat(out.toString()).contains("No secrets in 1 file(s)");
  }

  @Test
  void aSymlinkGivenAsThePathIsFollowedToAFolderOrAFile(@TempDir Path elsewhere) throws Exception {
    String key = secrets.githubPat();
    Files.createDirectories(elsewhere.resolve("project"));
    Files.writeString(elsewhere.resolve("project/.env"), "GITHUB_TOKEN=" + key + "\n");
    Path toFolder =
        Files.createSymbolicLink(tree.resolve("project-link"), elsewhere.resolve("project"));
    Path toFile =
        Files.createSymbolicLink(tree.resolve("env-link"), elsewhere.resolve("project/.env"));

    assertThat(beca("scan", toFolder.toString())).isEqualTo(1);
    assertThat(out.toString()).contains(".env:1:14: github-pat").doesNotContain(key);
    assertThat(beca("scan", toFile.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("github-pat").doesNotContain(key);
  }

  @Test
  void symlinkedFilesInsideTheTreeAreScannedAndLinksLeavingItAreListedAsSkipped(
      @TempDir Path elsewhere) throws Exception {
    String inside = secrets.githubPat();
    String outside = secrets.npmToken();
    Files.createDirectories(tree.resolve("config"));
    Files.writeString(tree.resolve("config/real.env"), "GITHUB_TOKEN=" + inside + "\n");
    Files.createSymbolicLink(tree.resolve(".env"), tree.resolve("config/real.env"));
    Files.writeString(elsewhere.resolve("shared.env"), "NPM_TOKEN=" + outside + "\n");
    Files.createSymbolicLink(tree.resolve("shared.env"), elsewhere.resolve("shared.env"));

    assertThat(beca("scan", tree.toString())).isEqualTo(1);
    assertThat(out.toString())
        .contains(".env:1:14: github-pat")
        .contains("config/real.env:1:14: github-pat")
        .contains("shared.env: skipped, symbolic link to")
        .contains("outside the scanned folder")
        .doesNotContain(inside)
        .doesNotContain(outside);
  }

  @Test
  void aFifoGivenAsThePathIsNotReportedClean() throws Exception {
    Path fifo = tree.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();

    int code = beca("scan", fifo.toString());

    assertThat(code).isEqualTo(2);
    assertThat(out.toString())
        .contains("pipe: skipped, not a regular file")
        .doesNotContain("No secrets");
    assertThat(err.toString()).contains("nothing under").contains("could be read");
  }

  @Test
  void aDeviceGivenAsThePathIsNotReportedClean() {
    int code = beca("scan", "/dev/null");

    assertThat(code).isEqualTo(2);
    assertThat(out.toString()).contains("skipped, not a regular file").doesNotContain("No secrets");
  }

  @Test
  void lowConfidenceFindingsAreQuietByDefaultAndShownOnRequest() throws Exception {
    Files.writeString(
        tree.resolve("Fixture.java"), "String blob = \"" + secrets.base64(44) + "\";\n");

    assertThat(beca("scan", tree.toString())).isZero();
    assertThat(out.toString())
        .contains("No secrets in 1 file(s)")
        .contains("1 finding(s) below the reporting threshold");
    assertThat(beca("scan", "--min-confidence", "low", tree.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("high-entropy-base64 (low, low confidence)");
    assertThat(beca("scan", "--min-confidence", "low", "--min-severity", "high", tree.toString()))
        .isZero();
    assertThat(beca("scan", "--min-confidence", "sure", tree.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("confidence must be one of low, medium, high");
  }

  @Test
  void findingsExitOneInEveryFormatWithoutTheSecret() throws Exception {
    String key = secrets.slackBotToken();
    Files.writeString(tree.resolve("app.yml"), "slack:\n  token: " + key + "\n");

    assertThat(beca("scan", tree.toString())).isEqualTo(1);
    assertThat(out.toString())
        .contains("app.yml:2:10: slack-token (high, high confidence)")
        .doesNotContain(key);
    assertThat(beca("scan", "--format", "json", tree.toString())).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(out.toString()).at("/findings/0/rule").asText())
        .isEqualTo("slack-token");
    assertThat(beca("scan", "--format=sarif", tree.toString())).isEqualTo(1);
    JsonNode sarif = new ObjectMapper().readTree(out.toString());
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.at("/runs/0/results/0/ruleId").asText()).isEqualTo("slack-token");
    assertThat(out.toString()).doesNotContain(key);
  }

  @Test
  void baselineAcceptsKnownFindingsAndNewOnesStillFail() throws Exception {
    Files.writeString(tree.resolve("a.txt"), secrets.githubPat() + "\n");
    Path baseline = tree.resolve(".beca-baseline");

    assertThat(beca("scan", "--write-baseline", baseline.toString(), tree.toString())).isZero();
    assertThat(beca("scan", "--baseline", baseline.toString(), tree.toString())).isZero();
    Files.writeString(tree.resolve("b.txt"), secrets.githubPat() + "\n");
    assertThat(beca("scan", "--baseline", baseline.toString(), tree.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("b.txt").doesNotContain("a.txt:");
  }

  @Test
  void userRulesInGitleaksFormatAreApplied() throws Exception {
    Path rules = tree.resolve("rules.toml");
    Files.writeString(
        rules, "[[rules]]\nid = \"acme\"\nregex = '''acme_[0-9]{10}'''\nkeywords = [\"acme_\"]\n");
    Files.writeString(tree.resolve("c.txt"), "id acme_" + secrets.digits(10) + "\n");

    assertThat(beca("scan", "--rules", rules.toString(), tree.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("c.txt:1:4: acme (high, high confidence)");
  }

  @Test
  void errorsExitTwoWithOneLine() throws Exception {
    assertThat(beca("scan", tree.resolve("missing").toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("beca scan: There is no file or folder");
    assertThat(beca("scan", "--format", "xml", tree.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("format must be text, json or sarif");
    Path bad = tree.resolve("bad.toml");
    Files.writeString(bad, "[[rules]]\nid = \"x\"\nregex = '''(?=x)'''\n");
    assertThat(beca("scan", "--rules", bad.toString(), tree.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("rule 'x' regex");
    assertThat(beca("scan", "--staged", tree.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("not inside a git repository");
    assertThat(beca("scan", "--no-such-option")).isEqualTo(2);
  }
}
