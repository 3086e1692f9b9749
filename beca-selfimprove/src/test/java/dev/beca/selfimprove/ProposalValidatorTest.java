package dev.beca.selfimprove;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.testkit.DummySecrets;
import dev.beca.selfimprove.spi.Proposal;
import org.junit.jupiter.api.Test;

/** Diffs are checked before anything runs, each refusal with its reason. */
class ProposalValidatorTest {

  private final ProposalValidator validator = new ProposalValidator(ProtectedFiles.defaults());

  private static String modify(String path) {
    return "diff --git a/"
        + path
        + " b/"
        + path
        + "\n"
        + "--- a/"
        + path
        + "\n"
        + "+++ b/"
        + path
        + "\n"
        + "@@ -1 +1 @@\n"
        + "-old\n"
        + "+new\n";
  }

  @Test
  void aPlainModificationIsValidAndNamesItsPath() {
    Validation v = validator.validate(modify("src/calc.py"));

    assertThat(v.isValid()).isTrue();
    assertThat(v.paths()).containsExactly("src/calc.py");
  }

  @Test
  void aTraditionalDiffWithoutGitHeaderIsValid() {
    Validation v = validator.validate("--- a/calc.py\n+++ b/calc.py\n@@ -1 +1 @@\n-old\n+new\n");

    assertThat(v.isValid()).isTrue();
    assertThat(v.paths()).containsExactly("calc.py");
  }

  @Test
  void textThatIsNoDiffIsRefusedAsEmpty() {
    assertThat(validator.validate("Just make add() correct.").refusal())
        .contains(RefusalReason.EMPTY);
  }

  @Test
  void aHunkThatDoesNotMatchItsHeaderIsMalformed() {
    String broken = "--- a/calc.py\n+++ b/calc.py\n@@ -1,5 +1,5 @@\n-old\n+new\n";

    assertThat(validator.validate(broken).refusal()).contains(RefusalReason.MALFORMED);
  }

  @Test
  void pathsOutsideTheProjectAreRefused() {
    assertThat(validator.validate(modify("../other/x.py")).refusal())
        .contains(RefusalReason.OUTSIDE_PROJECT);
    assertThat(validator.validate(modify(".git/hooks/pre-commit")).refusal())
        .contains(RefusalReason.OUTSIDE_PROJECT);
    Validation absolute =
        validator.validate("--- /etc/passwd\n+++ /etc/passwd\n@@ -1 +1 @@\n-old\n+new\n");
    assertThat(absolute.isValid()).isFalse();
  }

  @Test
  void aBinaryPatchIsRefused() {
    String binary =
        "diff --git a/logo.png b/logo.png\n"
            + "index 0000000..1111111 100644\n"
            + "GIT binary patch\n"
            + "literal 4\n"
            + "LcmZQzWMT#Y01f~L\n"
            + "\n"
            + "literal 0\n"
            + "HcmV?d00001\n";

    Validation v = validator.validate(binary);

    assertThat(v.refusal()).contains(RefusalReason.BINARY);
    assertThat(v.message()).contains("logo.png");
  }

  @Test
  void deletingATestFileIsRefused() {
    String delete =
        "diff --git a/tests/test_calc.py b/tests/test_calc.py\n"
            + "deleted file mode 100644\n"
            + "--- a/tests/test_calc.py\n"
            + "+++ /dev/null\n"
            + "@@ -1 +0,0 @@\n"
            + "-def test_add(): assert True\n";

    Validation v = validator.validate(delete);

    assertThat(v.refusal()).contains(RefusalReason.DELETES_TEST);
    assertThat(v.message()).contains("tests/test_calc.py").contains("may not remove tests");
  }

  @Test
  void protectedFilesAreRefusedUnlessAllowed() {
    assertThat(validator.validate(modify("pytest.ini")).refusal())
        .contains(RefusalReason.PROTECTED_FILE);
    assertThat(validator.validate(modify("module/pom.xml")).refusal())
        .contains(RefusalReason.PROTECTED_FILE);
    assertThat(validator.validate(modify(".beca/policy.toml")).refusal())
        .contains(RefusalReason.PROTECTED_FILE);
    assertThat(validator.validate(modify("src/test/resources/junit-platform.properties")).refusal())
        .contains(RefusalReason.PROTECTED_FILE);

    ProposalValidator allowing =
        new ProposalValidator(ProtectedFiles.builder().allow("pytest.ini").build());
    assertThat(allowing.validate(modify("pytest.ini")).isValid()).isTrue();
  }

  @Test
  void aSymbolicLinkIsRefused() {
    String link =
        "diff --git a/out b/out\n"
            + "new file mode 120000\n"
            + "--- /dev/null\n"
            + "+++ b/out\n"
            + "@@ -0,0 +1 @@\n"
            + "+/etc\n"
            + "\\ No newline at end of file\n";

    assertThat(validator.validate(link).refusal()).contains(RefusalReason.SYMLINK);
  }

  @Test
  void theDiffIsTakenOutOfAModelReplysFencedBlock() {
    String reply = "Here is the fix:\n\n```diff\n" + modify("calc.py") + "```\nThat is all.";

    assertThat(FencedDiff.extract(reply)).contains(modify("calc.py"));
    assertThat(FencedDiff.extract("No change needed.")).isEmpty();
    assertThat(FencedDiff.extract("```\n" + modify("a.py") + "```")).contains(modify("a.py"));
  }

  @Test
  void theSameIdeaHasTheSameHashWhateverItsIndexLinesAndLineEnds() {
    String withIndex = modify("a.py").replace("+++ b/a.py\n", "+++ b/a.py\n");
    String other = withIndex.replace("--- a/a.py", "index 123..456 100644\n--- a/a.py");

    assertThat(Proposal.diffHash(other.replace("\n", "\r\n")))
        .isEqualTo(Proposal.diffHash(withIndex));
    assertThat(Proposal.diffHash(modify("b.py"))).isNotEqualTo(Proposal.diffHash(withIndex));
  }

  @Test
  void aDiffThatAddsASecretIsRefusedWithAScanner() {
    String token = new DummySecrets(9).githubPat();
    String diff = modify("app.py").replace("+new", "+TOKEN = \"" + token + "\"");
    ProposalValidator scanning =
        new ProposalValidator(ProtectedFiles.defaults(), SecretScanner.standard());

    Validation v = scanning.validate(diff);

    assertThat(v.refusal()).contains(RefusalReason.SECRET);
    assertThat(v.message()).doesNotContain(token);
    assertThat(scanning.validate(modify("app.py")).isValid()).isTrue();
  }
}
