package dev.beca.server.internal;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Confines the paths of requests to the project root the server was given: a path is taken relative
 * to the root (or as an absolute path), normalised, and, once symbolic links are resolved, must
 * still lie under the root. So {@code ../..}, an absolute path elsewhere and a link that leads out
 * are all refused with 400 before any file is read.
 */
public final class ProjectPaths {

  private final Path root;

  /**
   * Creates the guard.
   *
   * @param root the project root, absolute with its links resolved
   */
  public ProjectPaths(Path root) {
    this.root = Objects.requireNonNull(root, "root");
  }

  /** The project root. */
  public Path root() {
    return root;
  }

  /**
   * The existing file or folder a request names.
   *
   * @param text the path from the request, relative to the root or absolute; {@code null} or blank
   *     for the root itself
   * @return the real path, under the root
   * @throws ApiException 400 {@code outside_project} when it leads out of the root, 400 {@code
   *     invalid_path} when it is malformed or does not exist
   */
  public Path resolve(String text) {
    if (text == null || text.isBlank()) {
      return root;
    }
    if (text.length() > 4096 || text.indexOf('\0') >= 0) {
      throw invalid("The path is not a valid path.");
    }
    Path asked;
    try {
      asked = root.resolve(text).normalize();
    } catch (InvalidPathException e) {
      throw invalid("The path '" + text + "' is not a valid path.");
    }
    if (!asked.startsWith(root)) {
      throw outside(text);
    }
    Path real;
    try {
      real = asked.toRealPath();
    } catch (IOException e) {
      throw invalid("There is no file or folder '" + text + "' in the project.");
    }
    if (!real.startsWith(root)) {
      // A symbolic link inside the project that leads out of it.
      throw outside(text);
    }
    return real;
  }

  /** The path relative to the root, with {@code /} separators; {@code .} for the root. */
  public String relative(Path path) {
    String relative = root.relativize(path).toString().replace('\\', '/');
    return relative.isEmpty() ? "." : relative;
  }

  private ApiException outside(String text) {
    return ApiException.badRequest(
        "outside_project",
        "The path '" + text + "' is outside the project this server was started for.",
        "Give a path inside "
            + root
            + " (relative to it, e.g. \"src\"), or start the server with --project DIR.");
  }

  private ApiException invalid(String problem) {
    return ApiException.badRequest(
        "invalid_path",
        problem,
        "Give an existing file or folder of the project, relative to its root "
            + root.getFileName()
            + " (e.g. \"src\" or \".\").");
  }
}
