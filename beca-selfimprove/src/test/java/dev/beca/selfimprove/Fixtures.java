package dev.beca.selfimprove;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.selfimprove.internal.GitCli;
import dev.beca.selfimprove.spi.Proposal;
import dev.beca.selfimprove.spi.ProposalContext;
import dev.beca.selfimprove.spi.ProposalSource;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Fixture repositories with planted defects, diffs made by the real git, tree snapshots. */
final class Fixtures {

  private Fixtures() {}

  static final String CALC =
      "def add(a, b):\n"
          + "    return a - b\n"
          + "\n"
          + "\n"
          + "def sub(a, b):\n"
          + "    return a - b\n";

  static final String TESTS =
      "from calc import add, sub\n"
          + "\n"
          + "\n"
          + "def test_add():\n"
          + "    assert add(2, 3) == 5\n"
          + "\n"
          + "\n"
          + "def test_sub():\n"
          + "    assert sub(5, 3) == 2\n";

  /** A Python project: add() is wrong (test_add fails), sub() is right, a pytest.ini. */
  static GitCli pythonProject(Path dir) throws IOException {
    Files.writeString(dir.resolve("calc.py"), CALC);
    Files.writeString(dir.resolve("test_calc.py"), TESTS);
    Files.writeString(dir.resolve("pytest.ini"), "[pytest]\naddopts = -p no:cacheprovider\n");
    Files.writeString(dir.resolve(".gitignore"), "__pycache__/\n.beca-eval/\n");
    return commitAll(dir, "fixture");
  }

  static GitCli commitAll(Path dir, String message) {
    GitCli git = new GitCli(dir);
    if (!Files.isDirectory(dir.resolve(".git"))) {
      assertThat(git.run("init", "-q", "-b", "main").ok()).isTrue();
      git.run("config", "user.name", "Test User");
      git.run("config", "user.email", "user@example.com");
      git.run("config", "commit.gpgsign", "false");
    }
    git.run("add", "-A");
    GitCli.Result r = git.run("commit", "-q", "-m", message);
    assertThat(r.ok()).as(r.err()).isTrue();
    return git;
  }

  /**
   * The diff that turns the committed content into new contents: written, diffed with {@code git
   * diff}, then restored.
   */
  static String diff(Path dir, Map<String, String> newContents) throws IOException {
    GitCli git = new GitCli(dir);
    for (Map.Entry<String, String> e : newContents.entrySet()) {
      Path file = dir.resolve(e.getKey());
      if (e.getValue() == null) {
        Files.delete(file);
      } else {
        Files.writeString(file, e.getValue());
      }
    }
    git.run("add", "-A");
    String diff = git.run("diff", "--cached").out();
    git.run("reset", "-q", "--hard", "HEAD");
    assertThat(diff).isNotBlank();
    return diff;
  }

  /** Every file below a folder (without .git) with its bytes, as text of the hex digest. */
  static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return dir.getFileName().toString().equals(".git") && !dir.equals(root)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            files.put(
                root.relativize(file).toString(),
                java.util.HexFormat.of().formatHex(Files.readAllBytes(file)));
            return FileVisitResult.CONTINUE;
          }
        });
    return files;
  }

  /** A source that returns fixed proposals, as a scripted model would. */
  static ProposalSource scripted(List<Proposal> proposals) {
    return new ProposalSource() {
      @Override
      public String name() {
        return "scripted";
      }

      @Override
      public List<Proposal> propose(ProposalContext context) {
        return new ArrayList<>(proposals);
      }
    };
  }

  static Proposal proposal(String id, String description, String diff) {
    return new Proposal(id, description, "scripted", diff, Proposal.estimateRisk(diff));
  }
}
