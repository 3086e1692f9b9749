package dev.beca.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.InvalidInputException;
import dev.beca.core.secrets.SecretFinding;
import dev.beca.core.testkit.DummySecrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanning real file trees and real git repositories, and the three report formats. */
class SecretTreeScannerTest {

  @TempDir Path root;
  private final DummySecrets secrets = new DummySecrets(99);
  private final SecretTreeScanner scanner =
      SecretTreeScanner.builder().maxFileBytes(64 * 1024).build();

  private void write(String path, String content) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void findsSecretsInTheTreeRespectingGitignoreAndSkippingBinaryAndLargeFiles() throws Exception {
    String pat = secrets.githubPat();
    String npm = secrets.npmToken();
    write(".gitignore", "build/\n*.log\n");
    write("src/main/App.java", "class App {\n  String t = \"" + pat + "\";\n}\n");
    write("src/sub/.gitignore", "secret.txt\n!keep.log\n");
    write("src/sub/secret.txt", npm);
    write("src/sub/keep.log", "npm " + npm + "\n");
    write("build/out.txt", pat);
    write("app.log", pat);
    write(".git/config", pat);
    byte[] binary = ("\0\1\2 " + pat).getBytes(StandardCharsets.UTF_8);
    Files.write(root.resolve("image.bin"), binary);
    write("big.txt", "x".repeat(70 * 1024) + pat);
    Files.write(
        root.resolve("broken.txt"),
        concat(
            new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
            (" " + pat + "\n").getBytes(StandardCharsets.UTF_8)));

    SecretScanReport report = scanner.scanTree(root);

    assertThat(report.findings())
        .extracting(f -> f.location().source() + ":" + f.ruleId())
        .containsExactlyInAnyOrder(
            "src/main/App.java:github-pat", "src/sub/keep.log:npm-token", "broken.txt:github-pat");
    assertThat(report.findings())
        .filteredOn(f -> f.location().source().equals("src/main/App.java"))
        .singleElement()
        .satisfies(f -> assertThat(f.location().line()).isEqualTo(2));
    assertThat(report.skipped())
        .extracting(SecretScanReport.SkippedFile::path)
        .containsExactlyInAnyOrder("image.bin", "big.txt");
    assertThat(report.skipped())
        .extracting(SecretScanReport.SkippedFile::reason)
        .anySatisfy(r -> assertThat(r).isEqualTo("binary"))
        .anySatisfy(r -> assertThat(r).startsWith("larger than 65536 bytes"));
    assertThat(report.filesScanned()).isEqualTo(5);
  }

  @Test
  void aSingleFileCanBeScannedAndAMissingPathIsAClearError() throws Exception {
    write("one.env", "API_TOKEN=" + secrets.alnum(30) + "\n");

    assertThat(scanner.scanTree(root.resolve("one.env")).findings())
        .extracting(SecretFinding::ruleId)
        .containsExactly("generic-secret-assignment");
    assertThatThrownBy(() -> scanner.scanTree(root.resolve("nope")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void stagedScanReportsOnlyLinesTheIndexAddsOrChanges() throws Exception {
    String old = secrets.stripeSecretKey();
    String fresh = secrets.githubPat();
    String unstaged = secrets.npmToken();
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      write("config.txt", "line one\nkey " + old + "\n");
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("initial")
          .setAuthor("t", "t@example.org")
          .setCommitter("t", "t@example.org")
          .setSign(false)
          .call();
      write("config.txt", "line one\nkey " + old + "\ntoken " + fresh + "\n");
      write("new.txt", "clean\n");
      git.add().addFilepattern(".").call();
      write("later.txt", unstaged);

      SecretScanReport report = scanner.scanStaged(root.resolve("config.txt").getParent());

      assertThat(report.findings())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.ruleId()).isEqualTo("github-pat");
                assertThat(f.location().source()).isEqualTo("config.txt");
                assertThat(f.location().line()).isEqualTo(3);
              });
      assertThat(report.filesScanned()).isEqualTo(2);
    }
  }

  @Test
  void stagedScanOfAFreshRepositoryTreatsEveryFileAsNew() throws Exception {
    String key = secrets.awsAccessKeyId();
    try (Git git = Git.init().setDirectory(root.toFile()).call()) {
      write("a.txt", "id " + key + "\n");
      git.add().addFilepattern("a.txt").call();
      assertThat(scanner.scanStaged(root).findings())
          .extracting(SecretFinding::ruleId)
          .containsExactly("aws-access-key-id");
    }
  }

  @Test
  void stagedScanOutsideARepositoryIsAClearError() {
    assertThatThrownBy(() -> scanner.scanStaged(root))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not inside a git repository");
  }

  @Test
  void reportsInEveryFormatCarryNoSecret() throws Exception {
    String pat = secrets.githubPat();
    write("a/b.py", "x = 1\ntoken = '" + pat + "'\n");
    Files.write(root.resolve("blob.bin"), new byte[] {0, 1, 2});
    SecretScanReport report = scanner.scanTree(root);

    String text = render(SecretReportFormat.TEXT, report);
    String json = render(SecretReportFormat.JSON, report);
    String sarif = render(SecretReportFormat.SARIF, report);

    assertThat(text)
        .contains(
            "a/b.py:2:10: github-pat (high, high confidence)",
            "blob.bin: skipped, binary",
            "1 secret(s) in 1 file(s)");
    for (String out : new String[] {text, json, sarif}) {
      assertThat(out).doesNotContain(pat).contains(pat.substring(0, 4) + "****");
    }
    JsonNode parsedJson = new ObjectMapper().readTree(json);
    assertThat(parsedJson.at("/findings/0/line").asInt()).isEqualTo(2);
    assertThat(parsedJson.at("/skipped/0/file").asText()).isEqualTo("blob.bin");
  }

  @Test
  void sarifFollowsTheSarif210Structure() throws Exception {
    String pat = secrets.githubPat();
    String key = secrets.awsAccessKeyId();
    write("x.txt", pat + "\n" + key + "\n" + secrets.githubPat() + "\n");

    JsonNode sarif =
        new ObjectMapper().readTree(render(SecretReportFormat.SARIF, scanner.scanTree(root)));

    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.get("$schema").asText()).contains("sarif-2.1.0");
    JsonNode run = sarif.at("/runs/0");
    assertThat(run.at("/tool/driver/name").asText()).isEqualTo("beca");
    assertThat(run.at("/tool/driver/rules")).hasSize(2);
    JsonNode results = run.get("results");
    assertThat(results).hasSize(3);
    for (JsonNode result : results) {
      String ruleId = result.get("ruleId").asText();
      assertThat(run.at("/tool/driver/rules/" + result.get("ruleIndex").asInt() + "/id").asText())
          .isEqualTo(ruleId);
      assertThat(result.get("level").asText()).isIn("error", "warning", "note");
      assertThat(result.at("/message/text").asText()).isNotBlank();
      assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
          .isEqualTo("x.txt");
      assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isPositive();
      assertThat(result.at("/partialFingerprints/secretFingerprint~1v1").asText())
          .startsWith("sha256:");
    }
    assertThat(results.get(1).at("/locations/0/physicalLocation/region/endColumn").asInt())
        .isEqualTo(1 + key.length());
  }

  private static String render(SecretReportFormat format, SecretScanReport report) {
    StringWriter out = new StringWriter();
    format.write(report, "test", new PrintWriter(out));
    return out.toString();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
