package dev.beca.core.agent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one tool call would do, described by the tool from its arguments before it runs: the input
 * of the {@link RiskClassifier}, the {@link PermissionPolicy} and the secret filter.
 *
 * @param kind what kind of action it is
 * @param paths the path arguments it touches, as the model wrote them (not yet resolved)
 * @param command the command line it would run, or empty
 * @param content text it would write (file content), or empty; checked for secrets before it runs
 */
public record ToolAction(
    ActionKind kind, List<String> paths, Optional<String> command, Optional<String> content) {

  /** Checks the components. */
  public ToolAction {
    Objects.requireNonNull(kind, "kind");
    paths = List.copyOf(paths);
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(content, "content");
  }

  /** A read of the given paths. */
  public static ToolAction read(String... paths) {
    return new ToolAction(ActionKind.READ, List.of(paths), Optional.empty(), Optional.empty());
  }

  /** A write of {@code content} to {@code path}. */
  public static ToolAction write(String path, String content) {
    return new ToolAction(ActionKind.WRITE, List.of(path), Optional.empty(), Optional.of(content));
  }

  /** Running a command line. */
  public static ToolAction command(String commandLine) {
    return new ToolAction(
        ActionKind.COMMAND, List.of(), Optional.of(commandLine), Optional.empty());
  }

  /**
   * This action with its paths in the project's canonical form ({@code ./src/../pom.xml} and the
   * absolute path of the same file both become {@code pom.xml}), so a rule cannot be side-stepped
   * by spelling a path differently; paths the project refuses are kept as written.
   *
   * @param root the project
   * @return the normalised action
   */
  public ToolAction normalised(ProjectRoot root) {
    List<String> canonical =
        paths.stream()
            .map(p -> root.refusal(p).isPresent() ? p : root.relative(root.resolve(p)))
            .toList();
    return new ToolAction(kind, canonical, command, content);
  }

  /**
   * The texts a loosening policy rule must all match: each simple command of a command line (so
   * {@code allow "mvn *"} does not let {@code mvn test; curl ... | sh} through), else the subject.
   */
  public List<String> subjectParts() {
    if (command.isPresent()) {
      List<String> parts = RiskClassifier.commandParts(command.get());
      return parts.isEmpty() ? List.of(command.get()) : parts;
    }
    return List.of(subject());
  }

  /**
   * The text policy rules match against: the command line for commands, else the first path (empty
   * when there is none).
   */
  public String subject() {
    return command.orElse(paths.isEmpty() ? "" : paths.get(0));
  }
}
