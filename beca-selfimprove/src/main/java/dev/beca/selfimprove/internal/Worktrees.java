package dev.beca.selfimprove.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary git worktrees, each registered (a marker file in the engine's state) before it is made,
 * so that a worktree left by a crash is found and removed at the next start.
 */
public final class Worktrees {

  private final GitCli git;
  private final EngineState state;
  private final Path parent;
  private final FolderCheck check;

  /** Called with a new worktree's folder before git fills it; may refuse (a full disk). */
  @FunctionalInterface
  public interface FolderCheck {
    /**
     * Checks a new folder.
     *
     * @param folder the worktree's temporary folder, empty
     * @throws IOException when the worktree cannot be made there
     */
    void check(Path folder) throws IOException;
  }

  /**
   * Worktrees of a repository.
   *
   * @param git git in the project's folder
   * @param state the engine's state (registry)
   * @param parent where the temporary folders are made
   */
  public Worktrees(GitCli git, EngineState state, Path parent) {
    this(git, state, parent, folder -> {});
  }

  /**
   * Worktrees of a repository, each folder checked before git fills it.
   *
   * @param git git in the project's folder
   * @param state the engine's state (registry)
   * @param parent where the temporary folders are made
   * @param check called with each new folder
   */
  public Worktrees(GitCli git, EngineState state, Path parent, FolderCheck check) {
    this.git = git;
    this.state = state;
    this.parent = parent;
    this.check = check;
  }

  /** A made worktree. */
  public record Worktree(String key, Path folder, Path path, String branch) {}

  /**
   * Makes a worktree of a commit, on a new branch or detached.
   *
   * @param key a unique file-name-safe key
   * @param commit the commit to check out
   * @param branch the branch to create, or null for a detached HEAD
   * @return the worktree
   * @throws UncheckedIOException when the folder cannot be made (disk full) or git refuses
   */
  public Worktree add(String key, String commit, String branch) {
    Path folder = null;
    Path marker = state.registry().resolve(key);
    try {
      Files.createDirectories(state.registry());
      Files.createDirectories(parent);
      folder = Files.createTempDirectory(parent, "beca-improve-");
      Path tree = folder.resolve("tree");
      Files.writeString(marker, folder + "\n" + (branch == null ? "" : branch) + "\n");
      check.check(folder);
      GitCli.Result r =
          branch == null
              ? git.run("worktree", "add", "--detach", tree.toString(), commit)
              : git.run("worktree", "add", "-b", branch, tree.toString(), commit);
      if (!r.ok()) {
        Worktree partial = new Worktree(key, folder, tree, branch);
        remove(partial);
        throw new UncheckedIOException(
            new IOException(
                "git worktree add failed in "
                    + folder
                    + " (exit code "
                    + r.exitCode()
                    + "): "
                    + r.err().strip()
                    + ". Check the free disk space and that the branch does not exist."));
      }
      return new Worktree(key, folder, tree, branch);
    } catch (IOException e) {
      if (folder != null) {
        deleteTree(folder);
      }
      try {
        Files.deleteIfExists(marker);
      } catch (IOException ignored) {
        // nothing was made
      }
      throw new UncheckedIOException(
          "A temporary worktree could not be made in "
              + parent
              + ": "
              + e.getMessage()
              + ". Check the free disk space.",
          e);
    }
  }

  /** Removes a worktree, its folder, its branch and its marker; never throws. */
  public void remove(Worktree w) {
    git.run("worktree", "remove", "--force", "--force", w.path().toString());
    deleteTree(w.folder());
    git.run("worktree", "prune");
    if (w.branch() != null && !w.branch().isEmpty()) {
      git.run("branch", "-D", w.branch());
    }
    try {
      Files.deleteIfExists(state.registry().resolve(w.key()));
    } catch (IOException ignored) {
      // found again at the next start
    }
  }

  /**
   * Removes every registered worktree: call with the engine's lock held, when none of them can be
   * in use (they were left by a crash).
   *
   * @return the folders removed
   */
  public List<Path> removeLeftovers() {
    List<Path> removed = new ArrayList<>();
    if (!Files.isDirectory(state.registry())) {
      return removed;
    }
    try (Stream<Path> markers = Files.list(state.registry())) {
      for (Path marker : markers.toList()) {
        List<String> lines = Files.readAllLines(marker);
        if (lines.isEmpty()) {
          Files.deleteIfExists(marker);
          continue;
        }
        Path folder = Path.of(lines.get(0));
        String branch = lines.size() > 1 ? lines.get(1) : "";
        remove(
            new Worktree(marker.getFileName().toString(), folder, folder.resolve("tree"), branch));
        removed.add(folder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The worktree registry " + state.registry() + " could not be read: " + e.getMessage(), e);
    }
    return removed;
  }

  /** Deletes a folder and everything below it, links not followed; never throws. */
  static void deleteTree(Path root) {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException ignored) {
      // what is left is found by the registry at the next start
    }
  }
}
