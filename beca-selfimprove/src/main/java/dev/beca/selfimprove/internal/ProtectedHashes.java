package dev.beca.selfimprove.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * The protected files of the base revision with their git blob ids, checked against a tree before
 * each evaluation step: a protected file changed, deleted or added (outside build output) means the
 * evaluation can no longer be trusted.
 */
public final class ProtectedHashes {

  private static final List<String> BUILD_OUTPUT =
      List.of("target/", "build/", ".beca-eval/", "__pycache__/", ".pytest_cache/", ".gradle/");

  private final Predicate<String> protectedFiles;
  private final Map<String, String> blobs;

  private ProtectedHashes(Predicate<String> protectedFiles, Map<String, String> blobs) {
    this.protectedFiles = protectedFiles;
    this.blobs = blobs;
  }

  /**
   * Reads the protected files of a commit.
   *
   * @param git git in the repository
   * @param commit the base commit
   * @param protectedFiles whether a path (relative, {@code /}-separated) is protected
   */
  public static ProtectedHashes of(GitCli git, String commit, Predicate<String> protectedFiles) {
    GitCli.Result r = git.run("ls-tree", "-r", "-z", "--full-tree", commit);
    if (!r.ok()) {
      throw new IllegalStateException(
          "The files of " + commit + " could not be listed: " + r.err().strip());
    }
    Map<String, String> blobs = new LinkedHashMap<>();
    for (String entry : r.out().split("\0")) {
      int tab = entry.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      String[] meta = entry.substring(0, tab).split(" ");
      String path = entry.substring(tab + 1);
      if (meta.length == 3 && meta[1].equals("blob") && protectedFiles.test(path)) {
        blobs.put(path, meta[2]);
      }
    }
    return new ProtectedHashes(protectedFiles, blobs);
  }

  /** The protected paths of the base revision. */
  public List<String> paths() {
    return List.copyOf(blobs.keySet());
  }

  /**
   * What changed in the protected set of a tree.
   *
   * @param tree a worktree of the base revision (with a proposal applied)
   * @param git git in that tree
   * @return the first change found, in words; empty when none
   */
  public Optional<String> violation(Path tree, GitCli git) {
    try (ObjectInserter.Formatter f = new ObjectInserter.Formatter()) {
      for (Map.Entry<String, String> e : blobs.entrySet()) {
        Path file = tree.resolve(e.getKey());
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          return Optional.of("the protected file " + e.getKey() + " was deleted");
        }
        String id = f.idFor(Constants.OBJ_BLOB, Files.readAllBytes(file)).name();
        if (!id.equals(e.getValue())) {
          return Optional.of("the protected file " + e.getKey() + " was changed");
        }
      }
    } catch (IOException e) {
      return Optional.of("the protected files could not be read: " + e.getMessage());
    }
    GitCli.Result status = git.run("status", "--porcelain", "-z", "--untracked-files=all");
    List<String> added = new ArrayList<>();
    for (String entry : status.out().split("\0")) {
      if (entry.length() < 4) {
        continue;
      }
      String path = entry.substring(3);
      if (blobs.containsKey(path) || BUILD_OUTPUT.stream().anyMatch(p -> contains(path, p))) {
        continue;
      }
      if (protectedFiles.test(path)) {
        added.add(path);
      }
    }
    if (!added.isEmpty()) {
      return Optional.of("protected files were added: " + String.join(", ", added));
    }
    return Optional.empty();
  }

  private static boolean contains(String path, String folder) {
    return path.startsWith(folder) || path.contains("/" + folder);
  }
}
