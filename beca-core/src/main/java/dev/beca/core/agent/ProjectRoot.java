package dev.beca.core.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The folder a session works on, and the only place its tools may reach. A tool's path argument is
 * resolved against it and refused when it escapes: {@code ..} above the root, an absolute path
 * outside it, or a symbolic link (anywhere along the path) whose real target lies outside. A path
 * that does not exist yet is checked through its nearest existing ancestor, so a new file can be
 * created only below a real folder of the project; a dangling symbolic link is refused.
 *
 * <p>The check happens when a tool resolves its argument; a link swapped in between the check and
 * the file operation is outside what this class can see (the command sandbox is the hard boundary
 * for processes).
 */
public final class ProjectRoot {

  private static final String REMEDY =
      "Use a path relative to the project root, such as src/Main.java.";

  private final Path root;

  private ProjectRoot(Path root) {
    this.root = root;
  }

  /**
   * The project rooted at an existing folder.
   *
   * @param folder the project's folder; symbolic links in it are resolved once, here
   * @return the project root
   * @throws ProjectPathException when the folder does not exist or is not a folder
   */
  public static ProjectRoot of(Path folder) {
    Objects.requireNonNull(folder, "folder");
    if (!Files.isDirectory(folder)) {
      throw new ProjectPathException(
          "The project folder " + folder + " does not exist or is not a folder.",
          "Pass an existing folder with --project.");
    }
    try {
      return new ProjectRoot(folder.toRealPath());
    } catch (IOException e) {
      throw new ProjectPathException(
          "The project folder " + folder + " cannot be resolved (" + e.getMessage() + ").",
          "Check that the folder is readable.");
    }
  }

  /** The project's folder, with symbolic links resolved. */
  public Path path() {
    return root;
  }

  /**
   * Resolves a tool's path argument inside the project.
   *
   * @param argument the path as the model wrote it: relative to the root, or absolute inside it
   * @return the absolute, normalised path (the file may not exist yet)
   * @throws ProjectPathException when the path escapes the project or is not a valid path
   */
  public Path resolve(String argument) {
    Path candidate = lexical(argument);
    Path existing = candidate;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw outside(argument);
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException e) {
      throw new ProjectPathException(
          "The path '" + argument + "' is a symbolic link whose target does not exist.",
          "Use the link's target inside the project, or a different path.");
    }
    if (!real.startsWith(root)) {
      throw new ProjectPathException(
          "The path '"
              + argument
              + "' leads through a symbolic link to "
              + "a place outside the project; tools only reach files inside the project.",
          REMEDY);
    }
    return candidate;
  }

  /**
   * Why a path argument would be refused, without throwing.
   *
   * @param argument the path as the model wrote it
   * @return the reason, or empty when {@link #resolve} accepts it
   */
  public Optional<String> refusal(String argument) {
    try {
      resolve(argument);
      return Optional.empty();
    } catch (ProjectPathException e) {
      return Optional.of(e.problem());
    }
  }

  /**
   * A resolved path relative to the root, with {@code /} separators, for display and rules.
   *
   * @param resolved a path returned by {@link #resolve}
   * @return the relative form; {@code .} for the root itself
   */
  public String relative(Path resolved) {
    Path rel = root.relativize(resolved);
    String text = rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
    return text.isEmpty() ? "." : text;
  }

  private Path lexical(String argument) {
    if (argument == null || argument.isBlank()) {
      throw new ProjectPathException("The path is empty.", REMEDY);
    }
    if (argument.indexOf('\0') >= 0) {
      throw new ProjectPathException("The path contains a NUL character.", REMEDY);
    }
    String expanded = argument.strip();
    if (expanded.equals("~") || expanded.startsWith("~/")) {
      throw outside(argument);
    }
    Path given;
    try {
      given = Path.of(expanded);
    } catch (InvalidPathException e) {
      throw new ProjectPathException(
          "The path '" + argument + "' is not a valid path: " + e.getReason() + ".", REMEDY);
    }
    Path candidate = (given.isAbsolute() ? given : root.resolve(given)).normalize();
    if (!candidate.startsWith(root)) {
      throw outside(argument);
    }
    return candidate;
  }

  private ProjectPathException outside(String argument) {
    return new ProjectPathException(
        "The path '"
            + argument
            + "' is outside the project "
            + root
            + "; tools only reach files inside the project.",
        REMEDY);
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
