package dev.beca.selfimprove;

import dev.beca.core.agent.CommitMessages;
import dev.beca.core.agent.HistoryRefusedException;
import dev.beca.core.agent.HistoryRefusedException.Reason;
import dev.beca.core.agent.ProjectCommit;
import dev.beca.core.agent.ProjectHistory;
import dev.beca.core.agent.ProjectHistoryException;
import dev.beca.core.agent.ProjectStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.NotIgnoredFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * {@link ProjectHistory} on a git repository through JGit (no {@code git} program needed). The
 * project folder must be the top of a working tree.
 *
 * <p>Commits run the repository's {@code pre-commit} and {@code commit-msg} hooks like {@code git
 * commit} and are never signed (JGit would need a signing set-up; a commit the assistant cannot
 * make is worse than an unsigned one). Author and committer come from the repository's and the
 * user's git configuration.
 *
 * <p><b>Undo</b> moves HEAD back rather than adding a revert commit, as Aider's {@code /undo} does:
 * BECA's last commit is a local, unpublished step of a conversation, and taking it back should
 * leave the history as if it had not happened. It is safe because it refuses unless HEAD is BECA's
 * own commit of that session, every file the commit touched is unchanged since (other uncommitted
 * work is kept, staged or not) and the commit is on no remote-tracking branch. Only the touched
 * files are restored (to the parent's content; files the commit added are removed); HEAD then moves
 * to the parent with a soft reset, so the index of every other file is untouched.
 *
 * <p>Thread-safe (methods are serialised); {@link #close()} releases the repository's files.
 */
public final class JGitProjectHistory implements ProjectHistory, AutoCloseable {

  private static final String REMEDY =
      "Check that no other git process holds the repository (a stale .git/index.lock) and that "
          + "the files are writable; 'git status' in the project shows the state.";

  /** Fixed, so that a snapshot's id depends on the tree and HEAD only. */
  private static final PersonIdent SNAPSHOT_IDENT =
      new PersonIdent("BECA snapshot", "beca@localhost", Instant.EPOCH, ZoneOffset.UTC);

  private final Path root;
  private final Repository repository;
  private final Git git;

  private JGitProjectHistory(Path root, Repository repository) {
    this.root = root;
    this.repository = repository;
    this.git = new Git(repository);
  }

  /**
   * Opens the history of a project whose folder is the top of a git working tree.
   *
   * @param projectRoot the project folder
   * @return the history
   * @throws ProjectHistoryException when the folder is not the top of a git working tree
   */
  public static JGitProjectHistory open(Path projectRoot) {
    Path root = realPath(projectRoot);
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(root.toFile());
    if (builder.getGitDir() == null) {
      throw new ProjectHistoryException(
          root
              + " is not in a git repository, so the git tools, --auto-commit and /undo "
              + "cannot work.",
          "Run 'git init' in the project (and commit once), or work without the git tools.",
          null);
    }
    Repository repository;
    try {
      repository = builder.setMustExist(true).build();
    } catch (IOException | IllegalArgumentException e) {
      throw new ProjectHistoryException(
          "Could not open the git repository of " + root + ": " + e.getMessage() + ".",
          "Check with 'git status' in the project that the repository is intact.",
          e);
    }
    if (repository.isBare()) {
      repository.close();
      throw new ProjectHistoryException(
          "The git repository at " + root + " is bare: it has no working tree.",
          "Open a clone with a working tree as the project.",
          null);
    }
    Path top = realPath(repository.getWorkTree().toPath());
    if (!top.equals(root)) {
      repository.close();
      throw new ProjectHistoryException(
          root + " is inside the git working tree " + top + " but not at its top.",
          "Open " + top + " as the project (--project " + top + ").",
          null);
    }
    return new JGitProjectHistory(root, repository);
  }

  /**
   * Creates an empty repository (no commit) in a folder and opens its history.
   *
   * @param folder an existing folder that is not yet a repository
   * @return the history
   * @throws ProjectHistoryException when the repository cannot be created
   */
  public static JGitProjectHistory init(Path folder) {
    Path root = realPath(folder);
    try {
      Git.init().setDirectory(root.toFile()).call().close();
    } catch (GitAPIException | JGitInternalException e) {
      throw failure("create a git repository in", root, e);
    }
    return open(root);
  }

  /** The project folder (the top of the working tree), as a real path. */
  public Path root() {
    return root;
  }

  @Override
  public synchronized ProjectStatus status() {
    try {
      Status s = git.status().call();
      Set<String> deleted = new TreeSet<>(s.getMissing());
      deleted.addAll(s.getRemoved());
      Set<String> changed = new TreeSet<>(s.getModified());
      changed.addAll(s.getChanged());
      changed.addAll(s.getAdded());
      changed.addAll(s.getConflicting());
      changed.removeAll(deleted);
      String full = repository.getFullBranch();
      Optional<String> branch =
          full != null && full.startsWith(Constants.R_HEADS)
              ? Optional.of(Repository.shortenRefName(full))
              : Optional.empty();
      return new ProjectStatus(
          branch,
          List.copyOf(changed),
          List.copyOf(deleted),
          List.copyOf(new TreeSet<>(s.getUntracked())));
    } catch (GitAPIException | IOException | JGitInternalException e) {
      throw failure("read the git status of", root, e);
    }
  }

  @Override
  public synchronized String diff(int maxChars) {
    if (maxChars < 100) {
      throw new IllegalArgumentException("maxChars must be at least 100, was " + maxChars);
    }
    PrefixOutputStream out =
        new PrefixOutputStream((int) Math.min(Integer.MAX_VALUE - 8, 4L * maxChars));
    try (DiffFormatter formatter = new DiffFormatter(out)) {
      formatter.setRepository(repository);
      formatter.setPathFilter(new NotIgnoredFilter(1));
      ObjectId head = repository.resolve(Constants.HEAD + "^{tree}");
      AbstractTreeIterator old;
      if (head == null) {
        old = new EmptyTreeIterator();
      } else {
        CanonicalTreeParser parser = new CanonicalTreeParser();
        try (var reader = repository.newObjectReader()) {
          parser.reset(reader, head);
        }
        old = parser;
      }
      formatter.format(formatter.scan(old, new FileTreeIterator(repository)));
    } catch (IOException | JGitInternalException e) {
      throw failure("compute the git diff of", root, e);
    }
    String text = out.prefix();
    if (!out.cut() && text.length() <= maxChars) {
      return text;
    }
    return text.substring(0, Math.min(maxChars, text.length()))
        + "\n[diff cut: "
        + maxChars
        + " of "
        + out.characters()
        + " characters shown; read the changed files for the rest]";
  }

  /**
   * Keeps the first bytes written (enough for the characters returned) and counts the characters of
   * the whole, so a huge diff costs formatting time but not memory.
   */
  private static final class PrefixOutputStream extends OutputStream {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int limit;
    private long characters;
    private boolean cut;

    PrefixOutputStream(int limit) {
      this.limit = limit;
    }

    @Override
    public void write(int b) {
      if ((b & 0xC0) != 0x80) {
        characters++; // a byte that starts a UTF-8 character
      }
      if (kept.size() < limit) {
        kept.write(b);
      } else {
        cut = true;
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        write(bytes[i]);
      }
    }

    String prefix() {
      return kept.toString(StandardCharsets.UTF_8);
    }

    boolean cut() {
      return cut;
    }

    long characters() {
      return characters;
    }
  }

  @Override
  public synchronized ProjectCommit commit(String message, Map<String, String> trailers) {
    String full = CommitMessages.compose(message, trailers);
    try {
      if (git.status().call().isClean()) {
        throw new HistoryRefusedException(
            Reason.NOTHING_TO_COMMIT,
            "Nothing to commit: the project's files match the last commit.",
            "Change a file first, or skip the commit.");
      }
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      RevCommit commit = git.commit().setMessage(full).setSign(Boolean.FALSE).call();
      return toCommit(commit);
    } catch (GitAPIException | JGitInternalException e) {
      throw failure("commit in", root, e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Files whose size and time match the index entry take the index's object id; only the others
   * are read and hashed. Ignored folders are not entered. The commit's author and time are fixed,
   * so its id depends only on the tree and HEAD.
   */
  @Override
  public synchronized String snapshot() {
    try (ObjectInserter inserter = repository.newObjectInserter();
        TreeWalk walk = new TreeWalk(repository)) {
      DirCache snapshot = DirCache.newInCore();
      DirCacheBuilder entries = snapshot.builder();
      int indexTree = walk.addTree(new DirCacheIterator(repository.readDirCache()));
      int fileTree = walk.addTree(new FileTreeIterator(repository));
      while (walk.next()) {
        FileTreeIterator file = walk.getTree(fileTree, FileTreeIterator.class);
        DirCacheIterator cached = walk.getTree(indexTree, DirCacheIterator.class);
        if (file == null || (cached == null && file.isEntryIgnored())) {
          continue; // deleted, or ignored and untracked (ignored folders are not entered)
        }
        if (walk.isSubtree()) {
          walk.enterSubtree();
          continue;
        }
        FileMode mode = file.getEntryFileMode();
        ObjectId id;
        if (mode == FileMode.GITLINK) {
          id = file.getEntryObjectId();
        } else if (cached != null
            && cached.getDirCacheEntry() != null
            && !file.isModified(cached.getDirCacheEntry(), true, walk.getObjectReader())) {
          id = cached.getEntryObjectId();
        } else {
          try (InputStream content = file.openEntryStream()) {
            id = inserter.insert(Constants.OBJ_BLOB, file.getEntryContentLength(), content);
          }
        }
        DirCacheEntry entry = new DirCacheEntry(walk.getPathString());
        entry.setFileMode(mode);
        entry.setObjectId(id);
        entries.add(entry);
      }
      entries.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(snapshot.writeTree(inserter));
      ObjectId head = repository.resolve(Constants.HEAD + "^{commit}");
      if (head != null) {
        commit.setParentId(head);
      }
      commit.setAuthor(SNAPSHOT_IDENT);
      commit.setCommitter(SNAPSHOT_IDENT);
      commit.setMessage("BECA snapshot of the working tree\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id.name();
    } catch (IOException | JGitInternalException e) {
      throw failure("take a snapshot of the working tree of", root, e);
    }
  }

  @Override
  public synchronized Optional<ProjectCommit> head() {
    try (RevWalk walk = new RevWalk(repository)) {
      ObjectId head = repository.resolve(Constants.HEAD);
      return head == null ? Optional.empty() : Optional.of(toCommit(walk.parseCommit(head)));
    } catch (IOException | JGitInternalException e) {
      throw failure("read HEAD of", root, e);
    }
  }

  @Override
  public synchronized ProjectCommit undoLast(String trailerKey, String trailerValue) {
    CommitMessages.checkTrailer(trailerKey, trailerValue);
    try (RevWalk walk = new RevWalk(repository)) {
      ObjectId headId = repository.resolve(Constants.HEAD);
      if (headId == null) {
        throw new HistoryRefusedException(
            Reason.NO_COMMIT,
            "There is nothing to undo: the repository has no commit yet.",
            "Nothing to do.");
      }
      RevCommit head = walk.parseCommit(headId);
      ProjectCommit headCommit = toCommit(head);
      String shown = headCommit.shortId() + " \"" + headCommit.subject() + "\"";
      if (!headCommit.trailer(trailerKey).filter(trailerValue::equals).isPresent()) {
        throw new HistoryRefusedException(
            Reason.NOT_OURS,
            "The last commit, "
                + shown
                + ", is not BECA's commit of this session (it has no '"
                + trailerKey
                + ": "
                + trailerValue
                + "' trailer): someone committed on top of it, or this session made no commit.",
            "BECA only takes back its own last commit; use git yourself (git revert "
                + headCommit.shortId()
                + ") if you mean to undo this one.");
      }
      if (head.getParentCount() != 1) {
        throw new HistoryRefusedException(
            Reason.NO_SINGLE_PARENT,
            "The commit "
                + shown
                + (head.getParentCount() == 0 ? " is the repository's first commit" : " is a merge")
                + ", so there is no single state before it to return to.",
            "Undo it with git yourself if you mean to.");
      }
      RevCommit parent = walk.parseCommit(head.getParent(0));
      Optional<String> remote = remoteHolding(head);
      if (remote.isPresent()) {
        throw new HistoryRefusedException(
            Reason.ALREADY_PUSHED,
            "The commit "
                + shown
                + " is already on "
                + remote.get()
                + "; undoing it would rewrite "
                + "published history.",
            "Run 'git revert " + headCommit.shortId() + "' to add a commit that takes it back.");
      }
      List<String> restored = new ArrayList<>();
      List<String> added = new ArrayList<>();
      try (TreeWalk tree = new TreeWalk(repository)) {
        tree.addTree(parent.getTree());
        tree.addTree(head.getTree());
        tree.setRecursive(true);
        tree.setFilter(TreeFilter.ANY_DIFF);
        while (tree.next()) {
          (tree.getRawMode(0) == 0 ? added : restored).add(tree.getPathString());
        }
      }
      Status status = git.status().call();
      Set<String> dirty = new TreeSet<>(status.getUncommittedChanges());
      dirty.addAll(status.getUntracked());
      dirty.addAll(status.getConflicting());
      List<String> lost =
          java.util.stream.Stream.concat(restored.stream(), added.stream())
              .filter(dirty::contains)
              .sorted()
              .toList();
      if (!lost.isEmpty()) {
        throw new HistoryRefusedException(
            Reason.UNCOMMITTED_CHANGES,
            "Undoing "
                + shown
                + " would lose changes made since to "
                + String.join(", ", lost)
                + ".",
            "Commit or stash those changes first (or put the files back), then undo again.");
      }
      if (!restored.isEmpty()) {
        git.checkout().setStartPoint(parent).addPaths(restored).call();
      }
      if (!added.isEmpty()) {
        var rm = git.rm();
        added.forEach(rm::addFilepattern);
        rm.call();
      }
      git.reset().setMode(ResetCommand.ResetType.SOFT).setRef(parent.name()).call();
      return headCommit;
    } catch (GitAPIException | IOException | JGitInternalException e) {
      throw failure("undo the last commit in", root, e);
    }
  }

  private Optional<String> remoteHolding(RevCommit commit) throws IOException {
    for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES)) {
      if (ref.getObjectId() == null) {
        continue;
      }
      try (RevWalk walk = new RevWalk(repository)) {
        RevCommit tip = walk.parseCommit(ref.getObjectId());
        if (walk.isMergedInto(walk.parseCommit(commit), tip)) {
          return Optional.of(Repository.shortenRefName(ref.getName()));
        }
      } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
        // a remote ref to a tag or tree: not a branch holding the commit
      }
    }
    return Optional.empty();
  }

  private static ProjectCommit toCommit(RevCommit commit) {
    PersonIdent author = commit.getAuthorIdent();
    String message = commit.getFullMessage();
    return new ProjectCommit(
        commit.name(),
        message,
        CommitMessages.trailers(message),
        author.getName() + " <" + author.getEmailAddress() + ">",
        commit.getCommitterIdent().getWhenAsInstant());
  }

  private static ProjectHistoryException failure(String doing, Path root, Exception e) {
    return new ProjectHistoryException(
        "Could not " + doing + " " + root + ": " + e.getMessage() + ".", REMEDY, e);
  }

  private static Path realPath(Path folder) {
    Objects.requireNonNull(folder, "folder");
    try {
      return folder.toRealPath();
    } catch (IOException e) {
      throw new ProjectHistoryException(
          "The project folder " + folder + " cannot be opened: " + e.getMessage() + ".",
          "Check that the folder exists and is readable.",
          e);
    }
  }

  /** Releases the repository's open files. */
  @Override
  public synchronized void close() {
    repository.close();
  }

  @Override
  public String toString() {
    return "JGitProjectHistory[" + root + "]";
  }
}
