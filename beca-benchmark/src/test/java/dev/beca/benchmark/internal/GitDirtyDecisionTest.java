package dev.beca.benchmark.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.quality.RevisionInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dirty/clean decision of {@link GitRevisions#inspect} is the same whether the git command line
 * or JGit (the fallback when git is missing) decides it, on a real repository with a project in a
 * sub-folder.
 */
class GitDirtyDecisionTest {

  private static final GitStatusCli MISSING_GIT =
      new GitStatusCli("beca-no-such-git-executable", Duration.ofSeconds(30));

  @TempDir Path repo;
  Path project;

  static Stream<String> deciders() {
    return Stream.of("git command line", "JGit fallback");
  }

  private static GitStatusCli decider(String name) {
    return name.equals("JGit fallback") ? MISSING_GIT : GitStatusCli.onPath();
  }

  @BeforeEach
  void committedRepositoryWithAProjectInASubFolder() throws Exception {
    project = repo.resolve("service");
    write("service/pom.xml", "<project/>\n");
    write("service/src/Main.java", "class Main {}\n");
    write("service/.gitignore", "target/\n");
    write("other/notes.txt", "notes\n");
    try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("initial")
          .setAuthor("Test", "test@beca.dev")
          .setCommitter("Test", "test@beca.dev")
          .setSign(false)
          .call();
    }
  }

  @Test
  void theGitCommandLineAnswersOnThisMachineAndAMissingOneLeavesTheDecisionToJGit() {
    assertThat(GitStatusCli.onPath().dirty(project)).contains(false);
    assertThat(MISSING_GIT.dirty(project)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deciders")
  void aFreshlyCommittedTreeIsCleanAndKeepsItsCommitAndTreeHash(String decider) {
    RevisionInfo info = GitRevisions.inspect(project, decider(decider));

    assertThat(info.inGit()).isTrue();
    assertThat(info.dirty()).isFalse();
    assertThat(info.treeHash()).isNotBlank();
    assertThat(info).isEqualTo(GitRevisions.inspect(project, MISSING_GIT));
  }

  @Test
  void theCommandLineAndJGitGiveTheSameCommitAndTreeForTheRootAndASubFolder() {
    for (Path folder : java.util.List.of(repo, project, project.resolve("src"))) {
      RevisionInfo byGit = GitRevisions.inspect(folder, GitStatusCli.onPath());
      RevisionInfo byJGit = GitRevisions.inspect(folder, MISSING_GIT);

      assertThat(byGit).as(folder.toString()).isEqualTo(byJGit);
      assertThat(byGit.inGit()).isTrue();
    }
    assertThat(GitStatusCli.onPath().headAndTree(project)).isPresent();
    assertThat(MISSING_GIT.headAndTree(project)).isEmpty();
  }

  @Test
  void aFolderOutsideGitOrARepositoryWithoutCommitsHasNoRevisionEitherWay(@TempDir Path other)
      throws Exception {
    Path plain = Files.createDirectories(other.resolve("plain"));
    Path empty = Files.createDirectories(other.resolve("empty"));
    Git.init().setDirectory(empty.toFile()).call().close();

    for (Path folder : java.util.List.of(plain, empty)) {
      assertThat(GitRevisions.inspect(folder, GitStatusCli.onPath())).isEqualTo(RevisionInfo.NONE);
      assertThat(GitRevisions.inspect(folder, MISSING_GIT)).isEqualTo(RevisionInfo.NONE);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deciders")
  void aModifiedTrackedFileOfTheSameSizeIsDirty(String decider) throws Exception {
    Path main = project.resolve("src/Main.java");
    Files.writeString(main, "class Niam {}\n", StandardCharsets.UTF_8);

    assertThat(GitRevisions.inspect(project, decider(decider)).dirty()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deciders")
  void anUntrackedFileIsDirtyButAnIgnoredOneIsNot(String decider) throws Exception {
    write("service/target/classes/Main.class", "bytes");
    assertThat(GitRevisions.inspect(project, decider(decider)).dirty()).isFalse();

    write("service/src/New.java", "class New {}\n");
    assertThat(GitRevisions.inspect(project, decider(decider)).dirty()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deciders")
  void aDeletedTrackedFileIsDirty(String decider) throws Exception {
    Files.delete(project.resolve("src/Main.java"));

    assertThat(GitRevisions.inspect(project, decider(decider)).dirty()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deciders")
  void aStagedChangeIsDirty(String decider) throws Exception {
    write("service/src/Staged.java", "class Staged {}\n");
    try (Git git = Git.open(repo.toFile())) {
      git.add().addFilepattern("service/src/Staged.java").call();
    }

    assertThat(GitRevisions.inspect(project, decider(decider)).dirty()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deciders")
  void changesOutsideTheProjectFolderLeaveItClean(String decider) throws Exception {
    write("other/notes.txt", "changed notes\n");
    write("other/untracked.txt", "new\n");

    assertThat(GitRevisions.inspect(project, decider(decider)).dirty()).isFalse();
    assertThat(GitRevisions.inspect(repo, decider(decider)).dirty()).isTrue();
  }

  @Test
  void askingTheGitCommandLineLeavesTheIndexUntouched() throws Exception {
    Path index = repo.resolve(".git/index");
    byte[] before = Files.readAllBytes(index);
    FileTime time = Files.getLastModifiedTime(index);

    GitRevisions.inspect(project, GitStatusCli.onPath());

    assertThat(Files.readAllBytes(index)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(index)).isEqualTo(time);
    assertThat(repo.resolve(".git/index.lock")).doesNotExist();
  }

  private void write(String relative, String content) throws Exception {
    Path file = repo.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
