package dev.beca.core.agent;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The git tools over a {@link ProjectHistory}, with their stable names: {@value #GIT_STATUS}{@code
 * {}} and {@value #GIT_DIFF}{@code {}} read (low risk), {@value #GIT_COMMIT}{@code {message}}
 * stages every change and commits it with the trailer {@value #SESSION_TRAILER}{@code : <session
 * id>} (medium risk, like a write inside the project), so that {@code /undo} can find BECA's own
 * commits and leave the user's alone.
 *
 * <p>The commit tool describes itself to the {@link ToolRunner} as a write whose content is the
 * message followed by the diff it would commit (up to {@value #MAX_SCANNED_DIFF_CHARS} characters),
 * so the secret filter refuses a commit that would put a secret into the history (an untracked
 * {@code .env}, a key pasted into a source file).
 */
public final class GitTools {

  /** Lists the changed, deleted and untracked files. */
  public static final String GIT_STATUS = "git_status";

  /** Shows the diff of the working tree against HEAD. */
  public static final String GIT_DIFF = "git_diff";

  /** Stages every change and commits it. */
  public static final String GIT_COMMIT = "git_commit";

  /** The trailer naming the session on every commit the assistant makes. */
  public static final String SESSION_TRAILER = "BECA-Session";

  /** The most characters of diff {@code git_diff} returns. */
  public static final int MAX_DIFF_CHARS = 12_000;

  /** The most characters of the pending diff the secret filter checks before a commit. */
  public static final int MAX_SCANNED_DIFF_CHARS = 4 << 20;

  private static final JsonObjectSchema NO_ARGUMENTS = JsonObjectSchema.builder().build();

  private GitTools() {}

  /**
   * The three git tools for one session.
   *
   * @param history the project's history
   * @param sessionId the session whose commits carry {@value #SESSION_TRAILER}
   * @return {@code git_status}, {@code git_diff}, {@code git_commit}
   */
  public static List<AgentTool> create(ProjectHistory history, String sessionId) {
    Objects.requireNonNull(history, "history");
    CommitMessages.checkTrailer(SESSION_TRAILER, sessionId);
    return List.of(new Status(history), new Diff(history), new Commit(history, sessionId));
  }

  /** A line describing a commit: {@code abc1234 "subject"}. */
  static String shown(ProjectCommit commit) {
    return commit.shortId() + " \"" + commit.subject() + "\"";
  }

  private abstract static class GitTool extends SpecifiedTool {
    final ProjectHistory history;

    GitTool(ProjectHistory history, String name, String description, JsonObjectSchema params) {
      super(name, description, params);
      this.history = history;
    }
  }

  private static final class Status extends GitTool {
    Status(ProjectHistory history) {
      super(
          history,
          GIT_STATUS,
          "Show the project's git status: the branch, the last commit and the files changed, "
              + "deleted or untracked since it.",
          NO_ARGUMENTS);
    }

    @Override
    public ToolAction describe(ToolArguments arguments) {
      return ToolAction.read(".");
    }

    @Override
    public ToolResult execute(ToolArguments arguments) {
      ProjectStatus status = history.status();
      Optional<ProjectCommit> head = history.head();
      StringBuilder text = new StringBuilder();
      text.append(status.branch().map(b -> "On branch " + b).orElse("Detached HEAD"))
          .append(head.map(c -> ", last commit " + shown(c)).orElse(", no commit yet"))
          .append(".\n");
      if (status.isClean()) {
        text.append("Nothing to commit: the working tree matches the last commit.");
        return ToolResult.ok(text.toString(), "git status: clean");
      }
      section(text, "Changed", status.changed());
      section(text, "Deleted", status.deleted());
      section(text, "Untracked", status.untracked());
      int n = status.allPaths().size();
      return ToolResult.ok(
          text.toString().stripTrailing(),
          "git status: " + n + (n == 1 ? " file differs" : " files differ"));
    }

    private static void section(StringBuilder text, String title, List<String> paths) {
      if (!paths.isEmpty()) {
        text.append(title).append(":\n");
        paths.forEach(p -> text.append("  ").append(p).append('\n'));
      }
    }
  }

  private static final class Diff extends GitTool {
    Diff(ProjectHistory history) {
      super(
          history,
          GIT_DIFF,
          "Show the unified diff of the project's working tree against the last commit, "
              + "new files included.",
          NO_ARGUMENTS);
    }

    @Override
    public ToolAction describe(ToolArguments arguments) {
      return ToolAction.read(".");
    }

    @Override
    public ToolResult execute(ToolArguments arguments) {
      String diff = history.diff(MAX_DIFF_CHARS);
      if (diff.isEmpty()) {
        return ToolResult.ok(
            "No changes: the working tree matches the last commit.", "git diff: no changes");
      }
      long lines = diff.chars().filter(c -> c == '\n').count();
      return ToolResult.ok(diff, "git diff: " + lines + " lines");
    }
  }

  private static final class Commit extends GitTool {
    private final String sessionId;

    Commit(ProjectHistory history, String sessionId) {
      super(
          history,
          GIT_COMMIT,
          "Stage every change in the project (new, changed and deleted files) and commit it "
              + "with the message. Check git_status or git_diff first.",
          JsonObjectSchema.builder()
              .addStringProperty("message", "the commit message: one line saying what changed")
              .required("message")
              .build());
      this.sessionId = sessionId;
    }

    @Override
    public ToolAction describe(ToolArguments arguments) {
      String message = arguments.string("message");
      String pending = history.diff(MAX_SCANNED_DIFF_CHARS);
      return new ToolAction(
          ActionKind.WRITE,
          List.of("."),
          Optional.empty(),
          Optional.of(message + "\n\n" + pending));
    }

    @Override
    public ToolResult execute(ToolArguments arguments) {
      int files = history.status().allPaths().size();
      ProjectCommit commit =
          history.commit(arguments.string("message"), Map.of(SESSION_TRAILER, sessionId));
      return ToolResult.ok(
          "Committed "
              + shown(commit)
              + " ("
              + files
              + (files == 1 ? " file" : " files")
              + "). The user can take it back with /undo.",
          "committed " + shown(commit));
    }
  }
}
