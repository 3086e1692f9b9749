package dev.beca.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link ProjectHistory} must pass, on a real repository in a temporary folder.
 * Extend it and return a history on a freshly initialised repository with no commit. The user's own
 * commits are made through the same port without BECA's trailer, which is what a user's commit
 * looks like to the port.
 */
public abstract class ProjectHistoryContract {

  private static final String KEY = GitTools.SESSION_TRAILER;

  /** The project folder of the test. */
  @TempDir protected Path project;

  /** The history under test. */
  protected ProjectHistory history;

  /**
   * Initialises an empty repository (no commit) in the folder and opens its history.
   *
   * @param emptyFolder an existing, empty folder
   * @return the history
   */
  protected abstract ProjectHistory createHistory(Path emptyFolder) throws Exception;

  @BeforeEach
  void createRepository() throws Exception {
    history = createHistory(project);
  }

  /** Writes a file of the project, creating folders. */
  protected void write(String path, String content) throws IOException {
    Path file = project.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private String read(String path) throws IOException {
    return Files.readString(project.resolve(path));
  }

  /** A commit as the user would make it: no BECA trailer. */
  protected ProjectCommit userCommit(String message) {
    return history.commit(message, Map.of());
  }

  private ProjectCommit becaCommit(String message, String session) {
    return history.commit(message, Map.of(KEY, session));
  }

  @Test
  void aNewRepositoryHasNoHeadAndNothingToCommit() {
    assertThat(history.head()).isEmpty();
    assertThat(history.status().isClean()).isTrue();
    assertThat(history.diff(1000)).isEmpty();
    assertThatThrownBy(() -> userCommit("empty"))
        .isInstanceOfSatisfying(
            HistoryRefusedException.class,
            e ->
                assertThat(e.reason()).isEqualTo(HistoryRefusedException.Reason.NOTHING_TO_COMMIT));
  }

  @Test
  void statusListsChangedDeletedAndUntrackedFiles() throws IOException {
    write("a.txt", "a\n");
    write("b.txt", "b\n");
    write("src/c.txt", "c\n");
    userCommit("base");

    write("a.txt", "a2\n");
    Files.delete(project.resolve("b.txt"));
    write("src/new.txt", "new\n");

    ProjectStatus status = history.status();
    assertThat(status.changed()).containsExactly("a.txt");
    assertThat(status.deleted()).containsExactly("b.txt");
    assertThat(status.untracked()).containsExactly("src/new.txt");
    assertThat(status.isClean()).isFalse();
  }

  @Test
  void ignoredFilesAreNeitherListedNorCommitted() throws IOException {
    write(".gitignore", "target/\n");
    write("a.txt", "a\n");
    userCommit("base");
    write("target/out.class", "x");

    assertThat(history.status().isClean()).isTrue();
    assertThat(history.diff(10_000)).isEmpty();
  }

  @Test
  void snapshotLeavesBranchIndexAndFilesAsTheyWere() throws IOException {
    write("a.txt", "a\n");
    ProjectCommit base = userCommit("base");
    write("a.txt", "a2\n");
    write("new.txt", "new\n");
    ProjectStatus before = history.status();

    history.snapshot();

    assertThat(history.status()).isEqualTo(before);
    assertThat(history.head()).contains(base);
    assertThat(read("a.txt")).isEqualTo("a2\n");
  }

  @Test
  void snapshotsOfTheSameStateHaveTheSameIdAndAChangeGivesAnother() throws IOException {
    write(".gitignore", "target/\n");
    write("a.txt", "a\n");
    write("b.txt", "b\n");
    userCommit("base");
    String clean = history.snapshot();

    assertThat(history.snapshot()).isEqualTo(clean);
    write("target/out.class", "ignored");
    assertThat(history.snapshot()).as("an ignored file").isEqualTo(clean);
    write("a.txt", "a2\n");
    String changed = history.snapshot();
    assertThat(changed).as("a changed file").isNotEqualTo(clean);
    write("src/new.txt", "new\n");
    String added = history.snapshot();
    assertThat(added).as("an untracked file").isNotIn(clean, changed);
    Files.delete(project.resolve("b.txt"));
    assertThat(history.snapshot()).as("a deleted file").isNotIn(clean, changed, added);
    write("b.txt", "b\n");
    Files.delete(project.resolve("src/new.txt"));
    write("a.txt", "a\n");
    assertThat(history.snapshot()).as("back as it was").isEqualTo(clean);
  }

  @Test
  void snapshotWorksBeforeTheFirstCommit() throws IOException {
    write("a.txt", "a\n");

    String first = history.snapshot();
    write("a.txt", "b\n");

    assertThat(history.snapshot()).isNotEqualTo(first);
    assertThat(history.head()).isEmpty();
  }

  @Test
  void commitStagesEveryChangeAndCarriesTheTrailers() throws IOException {
    write("a.txt", "a\n");
    write("b.txt", "b\n");
    ProjectCommit base = userCommit("base");
    write("a.txt", "a2\n");
    Files.delete(project.resolve("b.txt"));
    write("new/c.txt", "c\n");

    ProjectCommit commit = becaCommit("Change a, drop b, add c", "s-1");

    assertThat(commit.id()).isNotEqualTo(base.id());
    assertThat(commit.subject()).isEqualTo("Change a, drop b, add c");
    assertThat(commit.trailer(KEY)).contains("s-1");
    assertThat(commit.message()).endsWith(KEY + ": s-1\n");
    assertThat(history.head()).contains(commit);
    assertThat(history.status().isClean()).isTrue();
    assertThat(base.trailers()).isEmpty();
  }

  @Test
  void commitRefusesWhenNothingChangedAndKeepsHead() throws IOException {
    write("a.txt", "a\n");
    ProjectCommit base = userCommit("base");

    assertThatThrownBy(() -> becaCommit("nothing", "s-1"))
        .isInstanceOfSatisfying(
            HistoryRefusedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(HistoryRefusedException.Reason.NOTHING_TO_COMMIT);
              assertThat(e.getMessage()).contains("Nothing to commit");
            });
    assertThat(history.head()).contains(base);
  }

  @Test
  void commitRefusesABlankMessageOrAMalformedTrailer() throws IOException {
    write("a.txt", "a\n");

    assertThatThrownBy(() -> history.commit("  ", Map.of()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> history.commit("x", Map.of("Bad Key", "v")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> history.commit("x", Map.of(KEY, "two\nlines")))
        .isInstanceOf(InvalidInputException.class);
    assertThat(history.head()).isEmpty();
  }

  @Test
  void diffShowsChangesAgainstHeadIncludingNewFiles() throws IOException {
    write("a.txt", "one\ntwo\n");
    userCommit("base");
    write("a.txt", "one\nthree\n");
    write("b.txt", "fresh\n");

    String diff = history.diff(10_000);

    assertThat(diff)
        .contains("a.txt")
        .contains("-two")
        .contains("+three")
        .contains("b.txt")
        .contains("+fresh");
  }

  @Test
  void diffBeforeTheFirstCommitShowsEveryFileAsNew() throws IOException {
    write("a.txt", "hello\n");

    assertThat(history.diff(10_000)).contains("a.txt").contains("+hello");
  }

  @Test
  void aLongDiffIsCutWithANote() throws IOException {
    write("a.txt", "x\n");
    userCommit("base");
    write("a.txt", "line\n".repeat(2_000));

    String diff = history.diff(500);

    assertThat(diff.length()).isLessThan(700);
    assertThat(diff).contains("[diff cut:").contains("500 of");
  }

  @Test
  void diffRefusesATinyCap() {
    assertThatThrownBy(() -> history.diff(10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void undoTakesBackOwnLastCommitAndKeepsUnrelatedChanges() throws IOException {
    write("a.txt", "a\n");
    write("c.txt", "c\n");
    write("d.txt", "d\n");
    ProjectCommit base = userCommit("base");
    write("a.txt", "a by beca\n");
    write("b.txt", "b by beca\n");
    Files.delete(project.resolve("c.txt"));
    ProjectCommit beca = becaCommit("BECA's change", "s-1");
    write("d.txt", "d edited by the user, not committed\n");

    ProjectCommit undone = history.undoLast(KEY, "s-1");

    assertThat(undone.id()).isEqualTo(beca.id());
    assertThat(history.head()).contains(base);
    assertThat(read("a.txt")).isEqualTo("a\n");
    assertThat(project.resolve("b.txt")).doesNotExist();
    assertThat(read("c.txt")).isEqualTo("c\n");
    assertThat(read("d.txt")).isEqualTo("d edited by the user, not committed\n");
    ProjectStatus status = history.status();
    assertThat(status.changed()).containsExactly("d.txt");
    assertThat(status.deleted()).isEmpty();
    assertThat(status.untracked()).isEmpty();
  }

  @Test
  void undoTwiceTakesBackTwoOwnCommitsInTurn() throws IOException {
    write("a.txt", "0\n");
    ProjectCommit base = userCommit("base");
    write("a.txt", "1\n");
    ProjectCommit first = becaCommit("one", "s-1");
    write("a.txt", "2\n");
    becaCommit("two", "s-1");

    history.undoLast(KEY, "s-1");
    assertThat(history.head()).contains(first);
    assertThat(read("a.txt")).isEqualTo("1\n");

    history.undoLast(KEY, "s-1");
    assertThat(history.head()).contains(base);
    assertThat(read("a.txt")).isEqualTo("0\n");
  }

  @Test
  void undoRefusesWhenTheUserCommittedOnTop() throws IOException {
    write("a.txt", "a\n");
    userCommit("base");
    write("a.txt", "beca\n");
    becaCommit("BECA's change", "s-1");
    write("a.txt", "user\n");
    ProjectCommit user = userCommit("the user's own work");

    assertThatThrownBy(() -> history.undoLast(KEY, "s-1"))
        .isInstanceOfSatisfying(
            HistoryRefusedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(HistoryRefusedException.Reason.NOT_OURS);
              assertThat(e.getMessage()).contains(user.shortId()).contains("the user's own work");
            });
    assertThat(history.head()).contains(user);
    assertThat(read("a.txt")).isEqualTo("user\n");
  }

  @Test
  void undoRefusesAnotherSessionsCommit() throws IOException {
    write("a.txt", "a\n");
    userCommit("base");
    write("a.txt", "other\n");
    ProjectCommit other = becaCommit("other session", "s-2");

    assertThatThrownBy(() -> history.undoLast(KEY, "s-1"))
        .isInstanceOfSatisfying(
            HistoryRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(HistoryRefusedException.Reason.NOT_OURS));
    assertThat(history.head()).contains(other);
  }

  @Test
  void undoRefusesWhenAFileItTouchedChangedSince() throws IOException {
    write("a.txt", "a\n");
    userCommit("base");
    write("a.txt", "beca\n");
    ProjectCommit beca = becaCommit("BECA's change", "s-1");
    write("a.txt", "beca, then the user\n");

    assertThatThrownBy(() -> history.undoLast(KEY, "s-1"))
        .isInstanceOfSatisfying(
            HistoryRefusedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(HistoryRefusedException.Reason.UNCOMMITTED_CHANGES);
              assertThat(e.getMessage()).contains("a.txt");
            });
    assertThat(history.head()).contains(beca);
    assertThat(read("a.txt")).isEqualTo("beca, then the user\n");
  }

  @Test
  void undoRefusesWhenAFileItDeletedWasCreatedAgain() throws IOException {
    write("a.txt", "a\n");
    write("b.txt", "b\n");
    userCommit("base");
    Files.delete(project.resolve("b.txt"));
    becaCommit("drop b", "s-1");
    write("b.txt", "a new b by the user\n");

    assertThatThrownBy(() -> history.undoLast(KEY, "s-1"))
        .isInstanceOfSatisfying(
            HistoryRefusedException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(HistoryRefusedException.Reason.UNCOMMITTED_CHANGES));
    assertThat(read("b.txt")).isEqualTo("a new b by the user\n");
  }

  @Test
  void undoRefusesWithoutAnyCommitOrOnTheFirstCommit() throws IOException {
    assertThatThrownBy(() -> history.undoLast(KEY, "s-1"))
        .isInstanceOfSatisfying(
            HistoryRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(HistoryRefusedException.Reason.NO_COMMIT));

    write("a.txt", "a\n");
    ProjectCommit first = becaCommit("first", "s-1");

    assertThatThrownBy(() -> history.undoLast(KEY, "s-1"))
        .isInstanceOfSatisfying(
            HistoryRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(HistoryRefusedException.Reason.NO_SINGLE_PARENT));
    assertThat(history.head()).contains(first);
  }
}
