package dev.beca.benchmark.internal;

import dev.beca.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** The files staged in a git repository's index that differ from {@code HEAD}, read with JGit. */
public final class StagedChanges {

  /** Receives one staged file. */
  @FunctionalInterface
  public interface Visitor {
    /**
     * @param path the path in the repository, {@code /}-separated
     * @param headBytes the content in {@code HEAD}, empty for a new file
     * @param stagedBytes the content in the index
     */
    void file(String path, byte[] headBytes, byte[] stagedBytes);
  }

  private StagedChanges() {}

  /**
   * Visits each staged file that is added or modified (deletions have nothing to scan).
   *
   * @throws InvalidInputException when the folder is not inside a git work tree
   * @throws UncheckedIOException when the repository cannot be read
   */
  public static void forEach(Path folder, Visitor visitor) {
    FileRepositoryBuilder builder =
        new FileRepositoryBuilder().findGitDir(folder.toAbsolutePath().toFile());
    if (builder.getGitDir() == null) {
      throw new InvalidInputException(
          folder + " is not inside a git repository, so there are no staged changes to scan.",
          "Run beca scan --staged inside a git work tree, or scan the folder without --staged.");
    }
    try (Repository repo = builder.setMustExist(true).build();
        ObjectReader reader = repo.newObjectReader();
        RevWalk revs = new RevWalk(reader);
        TreeWalk walk = new TreeWalk(repo, reader)) {
      DirCache index = repo.readDirCache();
      ObjectId head = repo.resolve(Constants.HEAD);
      if (head == null) {
        walk.addTree(new EmptyTreeIterator());
      } else {
        CanonicalTreeParser headTree = new CanonicalTreeParser();
        headTree.reset(reader, revs.parseCommit(head).getTree());
        walk.addTree(headTree);
      }
      walk.addTree(new DirCacheIterator(index));
      walk.setRecursive(true);
      walk.setFilter(TreeFilter.ANY_DIFF);
      while (walk.next()) {
        if (walk.getFileMode(1) == FileMode.MISSING
            || walk.getFileMode(1).getObjectType() != Constants.OBJ_BLOB) {
          continue;
        }
        byte[] staged = reader.open(walk.getObjectId(1)).getCachedBytes(Integer.MAX_VALUE);
        byte[] old =
            walk.getFileMode(0) == FileMode.MISSING
                ? new byte[0]
                : reader.open(walk.getObjectId(0)).getCachedBytes(Integer.MAX_VALUE);
        visitor.file(walk.getPathString(), old, staged);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the staged changes of " + folder, e);
    }
  }

  /** For each line of the new content, whether the diff from the old content adds or changes it. */
  public static boolean[] addedLines(byte[] oldBytes, byte[] newBytes) {
    RawText oldText = new RawText(oldBytes);
    RawText newText = new RawText(newBytes);
    boolean[] added = new boolean[Math.max(newText.size(), 1)];
    EditList edits = new HistogramDiff().diff(RawTextComparator.DEFAULT, oldText, newText);
    for (Edit edit : edits) {
      for (int line = edit.getBeginB(); line < edit.getEndB(); line++) {
        added[line] = true;
      }
    }
    return added;
  }
}
