package dev.beca.benchmark.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit, tree hash and dirty flag of a working tree asked of the git command line ({@code git
 * rev-parse}, {@code git status --porcelain}), without loading JGit, which costs seconds in a fresh
 * JVM on a loaded machine. Whether the tree is dirty ({@code git status --porcelain}): on a big
 * tree it answers in a tenth of a second where JGit's status, in a fresh JVM, takes seconds (its
 * classes load and warm up, and it hashes every file whose index entry is racily clean, which is
 * every file of a tree committed right after it was written). It is read-only: run with {@code
 * --no-optional-locks}, git does not refresh the user's index. Empty when git is not installed,
 * refuses the repository (e.g. another user's, {@code safe.directory}), fails or takes longer than
 * the time limit; the caller then asks JGit.
 */
final class GitStatusCli {

  private static final Logger LOG = LoggerFactory.getLogger(GitStatusCli.class);

  /** Variables that would point git at another repository, index or work tree than JGit's. */
  private static final List<String> REDIRECTING_VARIABLES =
      List.of(
          "GIT_DIR",
          "GIT_WORK_TREE",
          "GIT_INDEX_FILE",
          "GIT_COMMON_DIR",
          "GIT_OBJECT_DIRECTORY",
          "GIT_ALTERNATE_OBJECT_DIRECTORIES",
          "GIT_NAMESPACE",
          "GIT_CEILING_DIRECTORIES",
          "GIT_DISCOVERY_ACROSS_FILESYSTEM");

  private final String executable;
  private final Duration timeout;

  GitStatusCli(String executable, Duration timeout) {
    this.executable = executable;
    this.timeout = timeout;
  }

  /** The {@code git} on the PATH, with a 30 s limit. */
  static GitStatusCli onPath() {
    return new GitStatusCli("git", Duration.ofSeconds(30));
  }

  /**
   * Whether the project's folder has uncommitted changes: a tracked file modified, added, deleted
   * or staged, or an untracked file git does not ignore, under the folder.
   *
   * @param projectRoot the project's folder, the repository's root or a folder within it
   * @return true when dirty, false when clean, empty when git could not tell
   */
  Optional<Boolean> dirty(Path projectRoot) {
    return output(
            projectRoot,
            "--no-optional-locks",
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=normal",
            "--",
            ".")
        .map(out -> !out.isEmpty());
  }

  /**
   * The commit checked out and the hash of the project folder's tree in it ({@code git rev-parse
   * HEAD^{commit} HEAD:./}), without loading JGit: in a fresh JVM, opening the repository through
   * JGit costs seconds on a loaded machine.
   *
   * @param projectRoot the project's folder, the repository's root or a folder within it
   * @return the commit id and the tree id, or empty when git could not tell (not a repository, no
   *     commit yet, the folder not in the commit, git missing)
   */
  Optional<List<String>> headAndTree(Path projectRoot) {
    return output(projectRoot, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
        .flatMap(
            commit ->
                output(projectRoot, "rev-parse", "--verify", "--quiet", "HEAD:./")
                    .map(tree -> List.of(commit.strip(), tree.strip())))
        .filter(ids -> ids.stream().allMatch(id -> id.matches("[0-9a-f]{40}|[0-9a-f]{64}")));
  }

  /** Git's standard output, or empty when it is missing, fails or passes the time limit. */
  private Optional<String> output(Path projectRoot, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(executable);
    command.addAll(List.of(arguments));
    Path stdout = null;
    Path stderr = null;
    try {
      stdout = Files.createTempFile("beca-git", ".out");
      stderr = Files.createTempFile("beca-git", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(projectRoot.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      Map<String, String> env = builder.environment();
      REDIRECTING_VARIABLES.forEach(env::remove);
      env.put("LC_ALL", "C");
      env.put("GIT_OPTIONAL_LOCKS", "0");
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        LOG.info("git {} in {} took over {}; asking JGit", arguments[0], projectRoot, timeout);
        return Optional.empty();
      }
      if (process.exitValue() != 0) {
        LOG.debug(
            "git {} in {} exited with {} ({}); asking JGit",
            String.join(" ", arguments),
            projectRoot,
            process.exitValue(),
            firstLine(stderr));
        return Optional.empty();
      }
      return Optional.of(Files.readString(stdout, java.nio.charset.StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      LOG.debug("git is not usable ({}); asking JGit", e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      deleteQuietly(stdout);
      deleteQuietly(stderr);
    }
  }

  private static String firstLine(Path file) {
    try (var lines = Files.lines(file)) {
      return lines.findFirst().orElse("").strip();
    } catch (IOException | java.io.UncheckedIOException e) {
      return "";
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("Could not delete {}: {}", file, e.toString());
    }
  }
}
