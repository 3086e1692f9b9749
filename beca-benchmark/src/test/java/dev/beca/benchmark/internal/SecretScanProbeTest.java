package dev.beca.benchmark.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.benchmark.SecretTreeScanner;
import dev.beca.core.quality.Confidence;
import dev.beca.core.quality.Finding;
import dev.beca.core.quality.ProbeContext;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.SecretDetector;
import dev.beca.core.quality.Severity;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.testkit.DummySecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's secret probe walks the tree as {@code beca scan} does and keeps the scanner's
 * verdicts.
 */
class SecretScanProbeTest {

  @TempDir Path project;
  @TempDir Path elsewhere;
  private final DummySecrets secrets = new DummySecrets(31);

  private ProbeResult run() throws Exception {
    ProbeContext context =
        new ProbeContext(
            project,
            Files.createDirectories(project.resolve("../probe-out")),
            Instant.now().plusSeconds(60),
            Map.of(),
            (command, dir, env, prefix, deadline) -> {
              throw new AssertionError("the secret probe runs no tool");
            });
    return new SecretScanProbe(SecretDetector.of(SecretScanner.standard())).run(context);
  }

  @Test
  void findingsKeepTheScannersSeverityAndConfidence() throws Exception {
    Files.writeString(project.resolve("id_rsa"), secrets.privateKeyPem("RSA") + "\n");
    Files.writeString(
        project.resolve("Fixture.java"), "String batch = \"" + secrets.base64(44) + "\";\n");

    List<Finding> findings = run().security().findings();

    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.file()).isEqualTo("id_rsa");
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.priority()).isEqualTo(1);
              assertThat(f.message()).contains("critical severity, high confidence");
              assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
            });
    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.file()).isEqualTo("Fixture.java");
              assertThat(f.severity()).isEqualTo(Severity.LOW);
              assertThat(f.message()).contains("low confidence");
              // The score's security gate reads this field: a low-confidence guess never zeroes it.
              assertThat(f.confidence()).isEqualTo(Confidence.LOW);
            });
  }

  @Test
  void theProbeSeesTheSameFilesAsTheTreeScanner() throws Exception {
    String pat = secrets.githubPat();
    Files.writeString(project.resolve(".gitignore"), "generated/\n");
    Files.createDirectories(project.resolve("generated"));
    Files.writeString(project.resolve("generated/Token.java"), "String t = \"" + pat + "\";\n");
    Files.writeString(project.resolve("real.env"), "GITHUB_TOKEN=" + secrets.githubPat() + "\n");
    Files.createSymbolicLink(project.resolve(".env"), project.resolve("real.env"));
    Files.writeString(elsewhere.resolve("outside.env"), "NPM_TOKEN=" + secrets.npmToken() + "\n");
    Files.createSymbolicLink(project.resolve("outside.env"), elsewhere.resolve("outside.env"));

    List<String> probeFiles =
        run().security().findings().stream().map(Finding::file).sorted().toList();
    List<String> scanFiles =
        SecretTreeScanner.builder().build().scanTree(project).findings().stream()
            .map(f -> f.location().source())
            .sorted()
            .toList();

    assertThat(probeFiles).containsExactly(".env", "real.env").isEqualTo(scanFiles);
  }

  private void write(String relative, String content) throws Exception {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void buildOutputIsNeverScannedEvenWithoutAGitignore() throws Exception {
    // A Maven project without .gitignore measured in place: its own run left target/ folders
    // (with a copy of a test fixture key, which would gate the score there: target/test-classes
    // is not recognisably test code), and Python tools left caches, a build and a virtualenv.
    write("pom.xml", "<project/>\n");
    write("src/main/java/App.java", "String key = \"" + secrets.awsAccessKeyId() + "\";\n");
    write("src/test/resources/server.key", secrets.privateKeyPem("RSA") + "\n");
    write("target/test-classes/server.key", secrets.privateKeyPem("RSA") + "\n");
    write("target/classes/App.txt", "String key = \"" + secrets.awsAccessKeyId() + "\";\n");
    write("module/pom.xml", "<project/>\n");
    write("module/target/classes/app.env", "GITHUB_TOKEN=" + secrets.githubPat() + "\n");
    write("setup.py", "from setuptools import setup\n");
    write("build/lib/config.py", "TOKEN = \"" + secrets.githubPat() + "\"\n");
    write("dist/config.py", "TOKEN = \"" + secrets.githubPat() + "\"\n");
    write("pkg/__pycache__/config.txt", "TOKEN = \"" + secrets.githubPat() + "\"\n");
    write(".pytest_cache/v/cache/x", "TOKEN = \"" + secrets.githubPat() + "\"\n");
    write("pkg.egg-info/PKG-INFO", "TOKEN = \"" + secrets.githubPat() + "\"\n");
    write("env2/pyvenv.cfg", "home = /usr/bin\n");
    write("env2/lib/site.py", "TOKEN = \"" + secrets.githubPat() + "\"\n");
    write("node_modules/lib/index.js", "const t = \"" + secrets.githubPat() + "\";\n");

    List<String> files = run().security().findings().stream().map(Finding::file).toList();

    assertThat(files)
        .containsExactlyInAnyOrder("src/main/java/App.java", "src/test/resources/server.key");
  }

  @Test
  void aFolderNamedLikeBuildOutputIsScannedWhereNoBuildMadeIt() throws Exception {
    // No pom.xml beside target/, no Python build file beside build/: these are the project's own.
    write("docs/target/notes.env", "GITHUB_TOKEN=" + secrets.githubPat() + "\n");
    write("tools/build/deploy.env", "NPM_TOKEN=" + secrets.npmToken() + "\n");

    List<String> files = run().security().findings().stream().map(Finding::file).toList();

    assertThat(files).containsExactlyInAnyOrder("docs/target/notes.env", "tools/build/deploy.env");
  }

  @Test
  void gitignoredFilesAreNotScanned() throws Exception {
    write(".gitignore", "*.local\nsecrets/\n");
    write("app.local", "GITHUB_TOKEN=" + secrets.githubPat() + "\n");
    write("secrets/prod.env", "GITHUB_TOKEN=" + secrets.githubPat() + "\n");
    write("kept.env", "GITHUB_TOKEN=" + secrets.githubPat() + "\n");

    List<String> files = run().security().findings().stream().map(Finding::file).toList();

    assertThat(files).containsExactly("kept.env");
  }
}
