package dev.beca.benchmark.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Folders that builds and tools write (never the project's own sources), recognised by their name
 * and what stands beside them, so that a project that ignores nothing still has its build output
 * told apart: Maven's {@code target/} beside a {@code pom.xml}; Gradle's or setuptools' {@code
 * build/} and {@code dist/} beside a build file; Python caches and {@code *.egg-info}; a virtual
 * environment (a folder holding {@code pyvenv.cfg}); {@code node_modules}.
 */
public final class BuildOutput {

  private static final Set<String> ALWAYS =
      Set.of(
          "__pycache__",
          ".pytest_cache",
          ".mypy_cache",
          ".ruff_cache",
          ".tox",
          ".nox",
          ".gradle",
          "node_modules");

  private static final List<String> PYTHON_OR_GRADLE_BUILD_FILES =
      List.of("setup.py", "pyproject.toml", "setup.cfg", "build.gradle", "build.gradle.kts");

  private BuildOutput() {}

  /**
   * Whether a folder is build or tool output.
   *
   * @param dir the folder
   * @return true for build output
   */
  public static boolean is(Path dir) {
    Path fileName = dir.getFileName();
    if (fileName == null) {
      return false;
    }
    String name = fileName.toString();
    Path parent = dir.getParent();
    if (ALWAYS.contains(name)
        || name.endsWith(".egg-info")
        || Files.isRegularFile(dir.resolve("pyvenv.cfg"))) {
      return true;
    }
    if (parent == null) {
      return false;
    }
    if (name.equals("target")) {
      return Files.isRegularFile(parent.resolve("pom.xml"));
    }
    if (name.equals("build") || name.equals("dist")) {
      return PYTHON_OR_GRADLE_BUILD_FILES.stream()
          .anyMatch(f -> Files.isRegularFile(parent.resolve(f)));
    }
    return false;
  }
}
