package dev.beca.selfimprove.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A project that is the top of a git working tree: its folder, common git folder and git. */
public record Repo(Path root, Path commonDir, GitCli git) {

  /** The folder is not the top of a git working tree; the engine turns it into its refusal. */
  public static final class NotARepository extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final String remedy;

    NotARepository(String problem, String remedy) {
      super(problem + " " + remedy);
      this.problem = problem;
      this.remedy = remedy;
    }

    /** What is wrong. */
    public String problem() {
      return problem;
    }

    /** What to do. */
    public String remedy() {
      return remedy;
    }
  }

  /**
   * Opens a project.
   *
   * @throws NotARepository when it is not the top of a working tree
   */
  public static Repo open(Path project) {
    Path root;
    try {
      root = project.toRealPath();
    } catch (IOException e) {
      throw new NotARepository(
          "The project folder " + project + " does not exist.",
          "Pass the top folder of a git working tree.");
    }
    GitCli git = new GitCli(root);
    GitCli.Result top = git.run("rev-parse", "--show-toplevel");
    if (!top.ok()) {
      throw new NotARepository(
          root + " is not in a git working tree (" + top.err().strip() + ").",
          "Run git init and commit, then try again.");
    }
    Path topPath;
    try {
      topPath = Path.of(top.line()).toRealPath();
    } catch (IOException e) {
      topPath = Path.of(top.line());
    }
    if (!topPath.equals(root)) {
      throw new NotARepository(
          root + " is inside the working tree " + topPath + ", not at its top.",
          "Pass " + topPath + " as the project.");
    }
    GitCli.Result common = git.run("rev-parse", "--git-common-dir");
    Path commonDir = root.resolve(common.line()).normalize();
    return new Repo(root, commonDir, git);
  }

  /** The commit HEAD points at, if any. */
  public Optional<String> head() {
    GitCli.Result r = git.run("rev-parse", "--verify", "-q", "HEAD^{commit}");
    return r.ok() ? Optional.of(r.line()) : Optional.empty();
  }

  /** Whether tracked files differ from HEAD (staged or not). */
  public Optional<String> trackedChanges() {
    GitCli.Result r = git.run("status", "--porcelain", "--untracked-files=no");
    return r.line().isEmpty() ? Optional.empty() : Optional.of(r.line());
  }
}
