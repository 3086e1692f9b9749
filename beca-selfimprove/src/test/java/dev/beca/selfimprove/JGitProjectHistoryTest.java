package dev.beca.selfimprove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.agent.GitTools;
import dev.beca.core.agent.HistoryRefusedException;
import dev.beca.core.agent.ProjectCommit;
import dev.beca.core.agent.ProjectHistory;
import dev.beca.core.agent.ProjectHistoryContract;
import dev.beca.core.agent.ProjectHistoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JGit history passes the port's contract on real repositories, plus git-specific cases. */
class JGitProjectHistoryTest extends ProjectHistoryContract {

  @TempDir Path other;
  private JGitProjectHistory opened;

  @Override
  protected ProjectHistory createHistory(Path emptyFolder) {
    opened = JGitProjectHistory.init(emptyFolder);
    return opened;
  }

  @AfterEach
  void close() {
    opened.close();
  }

  @Test
  void aFolderOutsideAnyRepositoryIsRefusedWithARemedy() {
    assertThatThrownBy(() -> JGitProjectHistory.open(other))
        .isInstanceOf(ProjectHistoryException.class)
        .hasMessageContaining("is not in a git repository")
        .hasMessageContaining("git init");
  }

  @Test
  void aSubfolderOfAWorkingTreeIsRefusedNamingTheTop() throws Exception {
    Path sub = Files.createDirectories(project.resolve("module"));

    assertThatThrownBy(() -> JGitProjectHistory.open(sub))
        .isInstanceOf(ProjectHistoryException.class)
        .hasMessageContaining("not at its top")
        .hasMessageContaining("--project " + project.toRealPath());
  }

  @Test
  void commitsAreReadByTheGitProgramWithTheirTrailer() throws Exception {
    write("a.txt", "a\n");
    ProjectCommit commit = history.commit("Add a", Map.of(GitTools.SESSION_TRAILER, "s-9"));

    Process git =
        new ProcessBuilder("git", "log", "-1", "--format=%H %(trailers:key=BECA-Session,valueonly)")
            .directory(project.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(git.getInputStream().readAllBytes()).strip();

    assertThat(git.waitFor()).isZero();
    assertThat(out).isEqualTo(commit.id() + " s-9");
  }

  @Test
  void undoRefusesACommitAlreadyPushed() throws Exception {
    write("a.txt", "a\n");
    userCommit("base");
    write("a.txt", "beca\n");
    ProjectCommit beca = history.commit("BECA's change", Map.of(GitTools.SESSION_TRAILER, "s-1"));
    String branch = history.status().branch().orElseThrow();
    Git.init().setBare(true).setDirectory(other.toFile()).call().close();
    try (Git git = Git.open(project.toFile())) {
      git.remoteAdd().setName("origin").setUri(new URIish(other.toUri().toString())).call();
      git.push().setRemote("origin").add(branch).call();
    }

    assertThatThrownBy(() -> history.undoLast(GitTools.SESSION_TRAILER, "s-1"))
        .isInstanceOfSatisfying(
            HistoryRefusedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(HistoryRefusedException.Reason.ALREADY_PUSHED);
              assertThat(e.getMessage()).contains("origin/" + branch).contains("git revert");
            });
    assertThat(history.head()).contains(beca);
  }

  @Test
  void snapshotHoldsTheWorkingTreeAsTheGitProgramReadsIt() throws Exception {
    write(".gitignore", "target/\n");
    write("a.txt", "a\n");
    write("gone.txt", "gone\n");
    ProjectCommit base = userCommit("base");
    write("a.txt", "changed\n");
    write("src/new.txt", "new\n");
    write("target/out.class", "ignored");
    Files.delete(project.resolve("gone.txt"));

    String snapshot = history.snapshot();

    assertThat(gitProgram("ls-tree", "-r", "--name-only", snapshot))
        .isEqualTo(".gitignore\na.txt\nsrc/new.txt");
    assertThat(gitProgram("show", snapshot + ":a.txt")).isEqualTo("changed");
    assertThat(gitProgram("rev-parse", snapshot + "^")).isEqualTo(base.id());
    assertThat(gitProgram("status", "--porcelain")).isEqualTo(" M a.txt\n D gone.txt\n?? src/");
  }

  private String gitProgram(String... arguments) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git"));
    command.addAll(java.util.List.of(arguments));
    Process git =
        new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
    String out = new String(git.getInputStream().readAllBytes()).stripTrailing();
    assertThat(git.waitFor()).as(out).isZero();
    return out;
  }
}
