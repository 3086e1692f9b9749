package dev.beca.benchmark.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Finds a project's files while skipping build output, VCS data and virtual environments. */
final class SourceFiles {

  /** Folders never searched. */
  static final Set<String> SKIPPED_FOLDERS =
      Set.of(
          ".git",
          "target",
          "build",
          "node_modules",
          ".venv",
          "venv",
          "env",
          ".tox",
          ".mvn",
          "__pycache__",
          ".pytest_cache",
          ".idea",
          "dist",
          "site-packages");

  private SourceFiles() {}

  /**
   * Files below {@code root} (skipping {@link #SKIPPED_FOLDERS}) whose relative path matches,
   * sorted.
   */
  static List<Path> find(Path root, Predicate<Path> relativeMatch) {
    return find(root, relativeMatch, SKIPPED_FOLDERS);
  }

  /**
   * Files below {@code root}, skipping the given folder names, whose relative path matches, sorted.
   */
  static List<Path> find(Path root, Predicate<Path> relativeMatch, Set<String> skipped) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return !dir.equals(root) && skipped.contains(dir.getFileName().toString())
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && relativeMatch.test(root.relativize(file))) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    found.sort(null);
    return found;
  }

  /**
   * Report files (e.g. {@code target/surefire-reports/TEST-*.xml}) written at or after {@code
   * since}.
   */
  static List<Path> reports(Path root, Predicate<Path> relativeMatch, FileTime since) {
    Set<String> skipped = Set.of(".git", "node_modules", ".venv", "venv", ".mvn", "src");
    return find(root, relativeMatch, skipped).stream()
        .filter(
            file -> {
              try {
                return Files.getLastModifiedTime(file).compareTo(since) >= 0;
              } catch (IOException e) {
                return false;
              }
            })
        .toList();
  }

  /** Non-blank lines of the files. */
  static long nonBlankLines(List<Path> files) {
    long lines = 0;
    for (Path file : files) {
      try {
        lines +=
            new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.isBlank())
                .count();
      } catch (IOException e) {
        // An unreadable file simply does not count.
      }
    }
    return lines;
  }

  /** A path with forward slashes. */
  static String slashes(Path path) {
    return path.toString().replace('\\', '/');
  }
}
