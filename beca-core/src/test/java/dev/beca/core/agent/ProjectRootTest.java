package dev.beca.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectRootTest {

  @TempDir Path temp;
  private Path project;
  private Path outside;
  private ProjectRoot root;

  @BeforeEach
  void createProjectBesideAnOutsideFolder() throws IOException {
    project = Files.createDirectories(temp.resolve("project"));
    outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "not yours");
    Files.createDirectories(project.resolve("src"));
    Files.writeString(project.resolve("src/Main.java"), "class Main {}");
    root = ProjectRoot.of(project);
  }

  @Test
  void relativePathInsideResolvesUnderTheRoot() throws IOException {
    assertThat(root.resolve("src/Main.java"))
        .isEqualTo(project.toRealPath().resolve("src/Main.java"));
    assertThat(root.resolve("./src/../src/Main.java"))
        .isEqualTo(project.toRealPath().resolve("src/Main.java"));
  }

  @Test
  void absolutePathInsideIsAccepted() throws IOException {
    Path inside = project.toRealPath().resolve("src/Main.java");

    assertThat(root.resolve(inside.toString())).isEqualTo(inside);
  }

  @Test
  void dotDotAboveTheRootIsRefusedWithAReasonTheModelCanRead() {
    assertThatThrownBy(() -> root.resolve("../outside/secret.txt"))
        .isInstanceOf(ProjectPathException.class)
        .hasMessageContaining("'../outside/secret.txt' is outside the project")
        .hasMessageContaining("Use a path relative to the project root");
    assertThatThrownBy(() -> root.resolve("src/../../outside"))
        .isInstanceOf(ProjectPathException.class);
  }

  @Test
  void absolutePathOutsideIsRefused() {
    assertThatThrownBy(() -> root.resolve(outside.resolve("secret.txt").toString()))
        .isInstanceOf(ProjectPathException.class)
        .hasMessageContaining("outside the project");
    assertThatThrownBy(() -> root.resolve("/etc/passwd")).isInstanceOf(ProjectPathException.class);
  }

  @Test
  void homeShorthandIsRefused() {
    assertThatThrownBy(() -> root.resolve("~/.ssh/id_rsa"))
        .isInstanceOf(ProjectPathException.class);
  }

  @Test
  void symlinkedFolderLeavingTheProjectIsRefusedForItAndEverythingBelow() throws IOException {
    Files.createSymbolicLink(project.resolve("escape"), outside);

    assertThatThrownBy(() -> root.resolve("escape/secret.txt"))
        .isInstanceOf(ProjectPathException.class)
        .hasMessageContaining("symbolic link");
    assertThatThrownBy(() -> root.resolve("escape")).isInstanceOf(ProjectPathException.class);
    assertThatThrownBy(() -> root.resolve("escape/new-file.txt"))
        .isInstanceOf(ProjectPathException.class);
  }

  @Test
  void symlinkedFileLeavingTheProjectIsRefused() throws IOException {
    Files.createSymbolicLink(project.resolve("notes.txt"), outside.resolve("secret.txt"));

    assertThatThrownBy(() -> root.resolve("notes.txt"))
        .isInstanceOf(ProjectPathException.class)
        .hasMessageContaining("symbolic link");
  }

  @Test
  void symlinkStayingInsideTheProjectIsAccepted() throws IOException {
    Files.createSymbolicLink(project.resolve("main-link.java"), project.resolve("src/Main.java"));

    assertThat(root.resolve("main-link.java"))
        .isEqualTo(project.toRealPath().resolve("main-link.java"));
  }

  @Test
  void danglingSymlinkIsRefused() throws IOException {
    Files.createSymbolicLink(project.resolve("dangling"), outside.resolve("does-not-exist"));

    assertThatThrownBy(() -> root.resolve("dangling"))
        .isInstanceOf(ProjectPathException.class)
        .hasMessageContaining("target does not exist");
  }

  @Test
  void newFileInNewFoldersInsideIsAccepted() throws IOException {
    assertThat(root.resolve("docs/new/guide.md"))
        .isEqualTo(project.toRealPath().resolve("docs/new/guide.md"));
  }

  @Test
  void projectReachedThroughASymlinkResolvesToItsRealFolder() throws IOException {
    Path link = Files.createSymbolicLink(temp.resolve("project-link"), project);

    ProjectRoot viaLink = ProjectRoot.of(link);

    assertThat(viaLink.path()).isEqualTo(project.toRealPath());
    assertThat(viaLink.resolve("src/Main.java"))
        .isEqualTo(project.toRealPath().resolve("src/Main.java"));
  }

  @Test
  void emptyAndNulPathsAreRefused() {
    assertThatThrownBy(() -> root.resolve(" "))
        .isInstanceOf(ProjectPathException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> root.resolve("a\0b"))
        .isInstanceOf(ProjectPathException.class)
        .hasMessageContaining("NUL");
    assertThatThrownBy(() -> root.resolve(null)).isInstanceOf(ProjectPathException.class);
  }

  @Test
  void refusalGivesTheReasonWithoutThrowing() {
    assertThat(root.refusal("src/Main.java")).isEmpty();
    assertThat(root.refusal("../outside")).get().asString().contains("outside the project");
  }

  @Test
  void relativeFormUsesSlashesAndDotForTheRoot() {
    assertThat(root.relative(root.resolve("src/Main.java"))).isEqualTo("src/Main.java");
    assertThat(root.relative(root.resolve("."))).isEqualTo(".");
  }

  @Test
  void missingProjectFolderIsRefused() {
    assertThatThrownBy(() -> ProjectRoot.of(temp.resolve("nope")))
        .isInstanceOf(ProjectPathException.class)
        .hasMessageContaining("does not exist");
  }
}
