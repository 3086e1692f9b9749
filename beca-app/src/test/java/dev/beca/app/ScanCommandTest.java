package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.app.internal.Terminal;
import dev.beca.core.testkit.DummySecrets;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beca scan} in-process on real trees: formats, exit codes, baseline, user rules. */
class ScanCommandTest {

  @TempDir Path tree;
  private final DummySecrets secrets = new DummySecrets(5);
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int beca(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
        new PrintWriter(err, true), false);
    return BecaCommand.run(terminal, Map.of(), args);
  }

  @Test
  void cleanTreeExitsZero() throws Exception {
    Files.writeString(tree.resolve("Main.java"), "class Main {}\n");

    assertThat(beca("scan", tree.toString())).isZero();
    assertThat(out.toString()).contains("No secrets in 1 file(s)");
  }

  @Test
  void findingsExitOneInEveryFormatWithoutTheSecret() throws Exception {
    String key = secrets.slackBotToken();
    Files.writeString(tree.resolve("app.yml"), "slack:\n  token: " + key + "\n");

    assertThat(beca("scan", tree.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("app.yml:2:10: slack-token (high)").doesNotContain(key);
    assertThat(beca("scan", "--format", "json", tree.toString())).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(out.toString()).at("/findings/0/rule").asText()).isEqualTo("slack-token");
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
    Files.writeString(rules, "[[rules]]\nid = \"acme\"\nregex = '''acme_[0-9]{10}'''\nkeywords = [\"acme_\"]\n");
    Files.writeString(tree.resolve("c.txt"), "id acme_" + secrets.digits(10) + "\n");

    assertThat(beca("scan", "--rules", rules.toString(), tree.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("c.txt:1:4: acme (high)");
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
