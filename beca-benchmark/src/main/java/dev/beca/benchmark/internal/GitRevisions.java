package dev.beca.benchmark.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.quality.RevisionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Git facts through JGit: commit, dirty flag, tree hash, and exporting a revision's files. */
public final class GitRevisions {

  private static final Logger LOG = LoggerFactory.getLogger(GitRevisions.class);

  private static final GitStatusCli GIT_CLI = GitStatusCli.onPath();

  private GitRevisions() {}

  /**
   * The revision facts of a project folder, which may be a sub-folder of a repository.
   *
   * @param projectRoot the project
   * @return the facts; {@link RevisionInfo#NONE} outside git or in a repository without commits
   */
  public static RevisionInfo inspect(Path projectRoot) {
    return inspect(projectRoot, GIT_CLI);
  }

  /**
   * The revision facts, the dirty flag asked of the given git command line first and of JGit when
   * it cannot tell.
   */
  static RevisionInfo inspect(Path projectRoot, GitStatusCli gitCli) {
    Optional<List<String>> ids = gitCli.headAndTree(projectRoot);
    if (ids.isPresent()) {
      Optional<Boolean> dirty = gitCli.dirty(projectRoot);
      if (dirty.isPresent()) {
        return new RevisionInfo(ids.get().get(0), dirty.get(), ids.get().get(1));
      }
    }
    Optional<Repository> opened = open(projectRoot);
    if (opened.isEmpty()) {
      return RevisionInfo.NONE;
    }
    try (Repository repo = opened.get();
        Git git = new Git(repo);
        RevWalk walk = new RevWalk(repo)) {
      ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
      if (head == null) {
        return RevisionInfo.NONE;
      }
      RevCommit commit = walk.parseCommit(head);
      String relative = relative(repo, projectRoot);
      ObjectId tree = commit.getTree().getId();
      if (!relative.isEmpty()) {
        try (TreeWalk sub = TreeWalk.forPath(repo, relative, commit.getTree())) {
          tree = sub == null ? ObjectId.zeroId() : sub.getObjectId(0);
        }
      }
      Optional<Boolean> dirty = gitCli.dirty(projectRoot);
      if (dirty.isEmpty()) {
        dirty = Optional.of(jgitDirty(git, relative));
      }
      return new RevisionInfo(commit.getName(), dirty.get(), tree.getName());
    } catch (IOException | GitAPIException | RuntimeException e) {
      LOG.warn(
          "Could not read the git state of {}; measuring it as outside git: {}",
          projectRoot,
          e.toString());
      return RevisionInfo.NONE;
    }
  }

  /**
   * Whether the project's folder has uncommitted changes by JGit's status: the fallback when the
   * git command line is not installed or cannot tell.
   */
  private static boolean jgitDirty(Git git, String relative) throws GitAPIException {
    var statusCommand = git.status();
    if (!relative.isEmpty()) {
      statusCommand.addPath(relative);
    }
    Status status = statusCommand.call();
    return !status.isClean();
  }

  /**
   * Writes the files of a revision (of the project's folder within its repository) into an empty
   * folder, like a temporary worktree without touching the repository.
   *
   * @param projectRoot the project inside a repository
   * @param revision a revision string such as {@code HEAD~1}, a branch or a commit id
   * @param target the folder to write into
   * @return the revision's facts (commit and tree hash; never dirty)
   * @throws NotFoundException when the revision does not exist
   * @throws InvalidInputException when the project is not in git
   */
  public static RevisionInfo export(Path projectRoot, String revision, Path target) {
    Repository repo =
        open(projectRoot)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        projectRoot
                            + " is not inside a git repository, so revisions cannot be compared.",
                        "Run the comparison in a git working tree."));
    try (repo;
        RevWalk walk = new RevWalk(repo)) {
      ObjectId id = repo.resolve(revision + "^{commit}");
      if (id == null) {
        throw new NotFoundException(
            "There is no revision '" + revision + "' in " + repo.getDirectory() + ".",
            "Give a commit id, branch or tag that exists (see git log).");
      }
      RevCommit commit = walk.parseCommit(id);
      String relative = relative(repo, projectRoot);
      ObjectId tree = commit.getTree().getId();
      try (TreeWalk treeWalk = new TreeWalk(repo)) {
        treeWalk.addTree(commit.getTree());
        treeWalk.setRecursive(true);
        if (!relative.isEmpty()) {
          treeWalk.setFilter(org.eclipse.jgit.treewalk.filter.PathFilter.create(relative));
        }
        while (treeWalk.next()) {
          FileMode mode = treeWalk.getFileMode(0);
          if (mode == FileMode.GITLINK || mode == FileMode.TREE) {
            continue;
          }
          String path = treeWalk.getPathString();
          String inProject = relative.isEmpty() ? path : path.substring(relative.length() + 1);
          Path file = target.resolve(inProject);
          Files.createDirectories(file.getParent());
          ObjectLoader loader = repo.open(treeWalk.getObjectId(0));
          if (mode == FileMode.SYMLINK) {
            Files.createSymbolicLink(
                file,
                Path.of(new String(loader.getBytes(), java.nio.charset.StandardCharsets.UTF_8)));
            continue;
          }
          try (InputStream in = loader.openStream()) {
            Files.copy(in, file);
          }
          if (mode == FileMode.EXECUTABLE_FILE) {
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(file));
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            perms.add(PosixFilePermission.GROUP_EXECUTE);
            Files.setPosixFilePermissions(file, perms);
          }
        }
      }
      if (!relative.isEmpty()) {
        try (TreeWalk sub = TreeWalk.forPath(repo, relative, commit.getTree())) {
          tree = sub == null ? ObjectId.zeroId() : sub.getObjectId(0);
        }
      }
      return new RevisionInfo(commit.getName(), false, tree.getName());
    } catch (IOException e) {
      throw new InvalidInputException(
          "Could not export revision '"
              + revision
              + "' of "
              + projectRoot
              + " into "
              + target
              + " ("
              + e.getMessage()
              + ").",
          "Check the disk space and the repository's health.");
    }
  }

  /**
   * Copies the project as its working tree is now into an empty folder: every file git tracks (as
   * it is on disk, uncommitted changes included) and every untracked file git does not ignore.
   * Ignored files (build output, caches) and the repository are left behind, so tools run in the
   * copy can write anything without touching the user's tree.
   *
   * @param projectRoot the project inside a repository
   * @param target the empty folder to copy into
   * @return how many files were copied
   * @throws InvalidInputException when the project is not in git or a file cannot be copied
   */
  public static int copyWorkingTree(Path projectRoot, Path target) {
    Repository repo =
        open(projectRoot)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        projectRoot
                            + " is not inside a git repository, so it cannot be copied by git's rules.",
                        "Run the benchmark in place (--in-place) or in a git working tree."));
    try (repo;
        Git git = new Git(repo)) {
      String relative = relative(repo, projectRoot);
      Path work = repo.getWorkTree().toPath().toRealPath();
      Set<String> paths = new java.util.TreeSet<>();
      org.eclipse.jgit.dircache.DirCache index = repo.readDirCache();
      for (int i = 0; i < index.getEntryCount(); i++) {
        org.eclipse.jgit.dircache.DirCacheEntry entry = index.getEntry(i);
        if (entry.getFileMode() != FileMode.GITLINK) {
          paths.add(entry.getPathString());
        }
      }
      var statusCommand = git.status();
      if (!relative.isEmpty()) {
        statusCommand.addPath(relative);
      }
      paths.addAll(statusCommand.call().getUntracked());
      int copied = 0;
      for (String path : paths) {
        if (!relative.isEmpty() && !path.startsWith(relative + "/")) {
          continue;
        }
        Path source = work.resolve(path);
        if (!Files.exists(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          continue; // deleted in the working tree
        }
        Path file =
            target.resolve(relative.isEmpty() ? path : path.substring(relative.length() + 1));
        Files.createDirectories(file.getParent());
        Files.copy(
            source,
            file,
            java.nio.file.LinkOption.NOFOLLOW_LINKS,
            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        copied++;
      }
      return copied;
    } catch (IOException | GitAPIException e) {
      throw new InvalidInputException(
          "Could not copy the working tree of "
              + projectRoot
              + " into "
              + target
              + " ("
              + e.getMessage()
              + ").",
          "Check the disk space and the files' permissions, or run with --in-place.");
    }
  }

  private static Optional<Repository> open(Path projectRoot) {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(projectRoot.toFile());
    if (builder.getGitDir() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(builder.setMustExist(true).build());
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not open the git repository of {}: {}", projectRoot, e.toString());
      return Optional.empty();
    }
  }

  private static String relative(Repository repo, Path projectRoot) throws IOException {
    Path work = repo.getWorkTree().toPath().toRealPath();
    Path project = projectRoot.toRealPath();
    return work.relativize(project).toString().replace('\\', '/');
  }
}
