package dev.beca.selfimprove;

import dev.beca.core.secrets.SecretFinding;
import dev.beca.core.secrets.SecretScanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.FileHeader.PatchType;
import org.eclipse.jgit.patch.FormatError;
import org.eclipse.jgit.patch.Patch;

/**
 * Checks a proposal's diff before anything runs: it parses as a unified diff (JGit's {@link
 * Patch}), changes at least one file, touches no path outside the project, is no binary patch,
 * creates or changes no symbolic link, deletes no test file, touches no {@link ProtectedFiles
 * protected file} and (with a scanner) adds no secret. Each refusal names the path and the reason.
 */
public final class ProposalValidator {

  private static final Set<String> TEST_FOLDERS =
      Set.of("test", "tests", "testing", "__tests__", "testdata", "test-data", "it", "spec");

  private final ProtectedFiles protectedFiles;
  private final SecretScanner secrets;

  /** A validator with this protected set and no secret check. */
  public ProposalValidator(ProtectedFiles protectedFiles) {
    this(protectedFiles, null);
  }

  /**
   * A validator with this protected set that also refuses diffs adding a secret (a token, a key):
   * the archive stores diffs redacted, and a secret must never be committed by BECA.
   *
   * @param protectedFiles the protected set
   * @param secrets the scanner of added lines; null for no secret check
   */
  public ProposalValidator(ProtectedFiles protectedFiles, SecretScanner secrets) {
    this.protectedFiles = Objects.requireNonNull(protectedFiles, "protectedFiles");
    this.secrets = secrets;
  }

  /** The protected set. */
  public ProtectedFiles protectedFiles() {
    return protectedFiles;
  }

  /**
   * Checks a diff.
   *
   * @param diff the unified diff
   * @return valid with the touched paths, or the first refusal
   */
  public Validation validate(String diff) {
    Objects.requireNonNull(diff, "diff");
    Patch patch = new Patch();
    try {
      patch.parse(new ByteArrayInputStream(diff.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      return Validation.refused(
          RefusalReason.MALFORMED, "The diff could not be read: " + e.getMessage(), List.of());
    }
    List<String> errors = new ArrayList<>();
    for (FormatError error : patch.getErrors()) {
      if (error.getSeverity() == FormatError.Severity.ERROR) {
        errors.add(error.getMessage() + " at character " + error.getOffset());
      }
    }
    if (!errors.isEmpty()) {
      return Validation.refused(
          RefusalReason.MALFORMED,
          "The diff is not a valid unified diff: "
              + String.join("; ", errors)
              + ". Send the change as a unified diff (as `git diff` writes it).",
          List.of());
    }
    if (patch.getFiles().isEmpty()) {
      return Validation.refused(
          RefusalReason.EMPTY,
          "The diff changes no file: no '--- a/PATH' / '+++ b/PATH' header was found."
              + " Send the change as a unified diff (as `git diff` writes it).",
          List.of());
    }
    Set<String> paths = new LinkedHashSet<>();
    for (FileHeader file : patch.getFiles()) {
      if (file.getChangeType() != ChangeType.ADD) {
        paths.add(file.getOldPath());
      }
      if (file.getChangeType() != ChangeType.DELETE) {
        paths.add(file.getNewPath());
      }
    }
    List<String> touched = List.copyOf(paths);
    for (String path : touched) {
      String outside = outside(path);
      if (outside != null) {
        return Validation.refused(
            RefusalReason.OUTSIDE_PROJECT,
            "The diff touches '"
                + path
                + "', "
                + outside
                + ". A proposal may only change files"
                + " inside the project, named relative to its root.",
            touched);
      }
    }
    for (FileHeader file : patch.getFiles()) {
      String name =
          file.getChangeType() == ChangeType.DELETE ? file.getOldPath() : file.getNewPath();
      if (file.getPatchType() != PatchType.UNIFIED) {
        return Validation.refused(
            RefusalReason.BINARY,
            "The diff holds a binary patch for '" + name + "'; binary changes are not accepted.",
            touched);
      }
      if (isLink(file.getNewMode()) || isLink(file.getOldMode())) {
        return Validation.refused(
            RefusalReason.SYMLINK,
            "The diff creates or changes the symbolic link '"
                + name
                + "'; links are not accepted"
                + " (one could point outside the project).",
            touched);
      }
      boolean removesOld =
          file.getChangeType() == ChangeType.DELETE || file.getChangeType() == ChangeType.RENAME;
      if (removesOld && isTestFile(file.getOldPath())) {
        return Validation.refused(
            RefusalReason.DELETES_TEST,
            "The diff deletes the test file '"
                + file.getOldPath()
                + "'; a proposal may not remove tests (the evaluation relies on them).",
            touched);
      }
    }
    for (String path : touched) {
      if (protectedFiles.isProtected(path)) {
        return Validation.refused(
            RefusalReason.PROTECTED_FILE,
            "The diff touches the protected file '"
                + path
                + "' (build files, test configuration, benchmark settings and .beca/ are"
                + " what the evaluation relies on). Allow it explicitly"
                + " (ProtectedFiles.Builder.allow) if the change is meant.",
            touched);
      }
    }
    if (secrets != null) {
      StringBuilder added = new StringBuilder();
      for (String line : diff.split("\n", -1)) {
        if (line.startsWith("+") && !line.startsWith("+++ ")) {
          added.append(line, 1, line.length()).append('\n');
        }
      }
      List<SecretFinding> found = secrets.scan("proposal", added.toString());
      if (!found.isEmpty()) {
        return Validation.refused(
            RefusalReason.SECRET,
            "The diff adds what looks like a secret ("
                + found.get(0).description()
                + ", "
                + found.get(0).redacted()
                + "); BECA never commits secrets. Read it from the environment or a secret"
                + " store instead.",
            touched);
      }
    }
    return Validation.valid(touched);
  }

  /** Why a path is outside the project, or null when it is inside. */
  private static String outside(String path) {
    if (path == null || path.isEmpty() || path.equals("/dev/null")) {
      return "an empty path";
    }
    if (path.indexOf('\0') >= 0) {
      return "which holds a NUL character";
    }
    String p = path.replace('\\', '/');
    if (p.startsWith("/") || p.startsWith("~") || p.matches("^[A-Za-z]:.*")) {
      return "an absolute path";
    }
    for (String segment : p.split("/")) {
      if (segment.equals("..")) {
        return "which climbs out of the project with '..'";
      }
      if (segment.equalsIgnoreCase(".git")) {
        return "inside the repository's .git folder";
      }
    }
    return null;
  }

  private static boolean isLink(FileMode mode) {
    return mode != null && mode == FileMode.SYMLINK;
  }

  /**
   * Whether a path is test code: outside any {@code src/main/} folder with a folder named like
   * tests, or named like a test ({@code *Test.java}, {@code *Tests.java}, {@code *IT.java}, {@code
   * *TestCase.java}, {@code test_*.py}, {@code *_test.py}, {@code *.test.js}, {@code *.spec.ts}).
   */
  public static boolean isTestFile(String path) {
    String p = path.replace('\\', '/');
    String name = p.substring(p.lastIndexOf('/') + 1);
    if (name.endsWith("Test.java")
        || name.endsWith("Tests.java")
        || name.endsWith("IT.java")
        || name.endsWith("TestCase.java")
        || name.endsWith("Test.kt")
        || (name.startsWith("test_") && name.endsWith(".py"))
        || name.endsWith("_test.py")
        || name.endsWith("_test.go")
        || name.matches(".*\\.(test|spec)\\.[jt]sx?")) {
      return true;
    }
    if (p.contains("src/main/")) {
      return false;
    }
    String[] segments = p.split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      if (TEST_FOLDERS.contains(segments[i].toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
