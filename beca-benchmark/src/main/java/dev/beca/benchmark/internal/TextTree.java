package dev.beca.benchmark.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The one walk of a file tree for secret scanning ({@code beca scan} and the benchmark's secret
 * probe): respects {@code .gitignore} files and skips {@code .git}; a symbolic link given as the
 * root is followed; inside the tree, a symbolic link to a regular file within the root is read, any
 * other link (to a folder, outside the root, broken) is listed as skipped, as are FIFOs, devices,
 * sockets and files over the size limit. Nothing that is not read goes unmentioned.
 */
public final class TextTree {

  /** How many leading bytes decide whether a file is binary (git's heuristic). */
  public static final int BINARY_PROBE_BYTES = 8_000;

  /**
   * A file to read.
   *
   * @param rel its path relative to the base, with {@code /} separators (the link's, for links)
   * @param path where to read it (the link's target, for links)
   */
  public record Entry(String rel, Path path) {}

  /**
   * A file that was not read.
   *
   * @param path its path relative to the base, with {@code /} separators
   * @param reason why
   */
  public record Skipped(String path, String reason) {}

  /**
   * The result of a walk.
   *
   * @param base the folder locations are relative to
   * @param files the files to read, in walk order
   * @param skipped what was not read, with the reason
   */
  public record Walk(Path base, List<Entry> files, List<Skipped> skipped) {}

  /**
   * A file's text, or why it was not read.
   *
   * @param text the text (UTF-8, invalid sequences replaced), or null when skipped
   * @param bytes the file's size in bytes
   * @param skipReason why it was not read, or null
   */
  public record Text(String text, long bytes, String skipReason) {}

  private TextTree() {}

  /**
   * Walks a folder, or takes one file.
   *
   * @param root the folder or file (a symbolic link to either is followed)
   * @param maxFileBytes larger files are skipped
   * @return the files to read and the skipped ones
   * @throws UncheckedIOException when the tree cannot be walked
   */
  public static Walk walk(Path root, long maxFileBytes) {
    return walk(root, maxFileBytes, false);
  }

  /**
   * Walks a folder, or takes one file, optionally leaving out build output ({@link BuildOutput}:
   * Maven's {@code target/}, Python caches, virtual environments...), listed as skipped.
   *
   * @param root the folder or file (a symbolic link to either is followed)
   * @param maxFileBytes larger files are skipped
   * @param skipBuildOutput whether folders written by builds and tools are left out
   * @return the files to read and the skipped ones
   * @throws UncheckedIOException when the tree cannot be walked
   */
  public static Walk walk(Path root, long maxFileBytes, boolean skipBuildOutput) {
    Path start;
    try {
      start = Files.isSymbolicLink(root) ? root.toRealPath() : root.toAbsolutePath().normalize();
    } catch (IOException e) {
      return new Walk(
          root.toAbsolutePath(),
          List.of(),
          List.of(new Skipped(root.toString(), "broken symbolic link: " + e.getMessage())));
    }
    boolean folder = Files.isDirectory(start);
    Path base = folder ? start : start.getParent();
    Path realBase = realPath(base);
    List<Entry> files = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    GitIgnores ignores = new GitIgnores();
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              String rel = relative(base, dir);
              if (!rel.isEmpty()
                  && (dir.getFileName().toString().equals(".git")
                      || ignores.isIgnored(rel, true))) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              if (!rel.isEmpty() && skipBuildOutput && BuildOutput.is(dir)) {
                skipped.add(new Skipped(rel, "build output, not scanned"));
                return FileVisitResult.SKIP_SUBTREE;
              }
              ignores.enter(dir, rel);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String rel = relative(base, file);
              if (ignores.isIgnored(rel, false)) {
                return FileVisitResult.CONTINUE;
              }
              if (attrs.isSymbolicLink()) {
                link(rel, file);
              } else if (!attrs.isRegularFile()) {
                skipped.add(
                    new Skipped(rel, "not a regular file (a FIFO, device or socket), not read"));
              } else if (attrs.size() > maxFileBytes) {
                skipped.add(
                    new Skipped(
                        rel, "larger than " + maxFileBytes + " bytes (" + attrs.size() + ")"));
              } else {
                files.add(new Entry(rel, file));
              }
              return FileVisitResult.CONTINUE;
            }

            private void link(String rel, Path file) {
              Path target;
              try {
                target = file.toRealPath();
              } catch (IOException e) {
                skipped.add(new Skipped(rel, "broken symbolic link"));
                return;
              }
              if (!target.startsWith(realBase)) {
                skipped.add(
                    new Skipped(
                        rel,
                        "symbolic link to "
                            + target
                            + ", outside the scanned folder, not followed"));
              } else if (Files.isDirectory(target)) {
                skipped.add(
                    new Skipped(
                        rel,
                        "symbolic link to a folder, not followed (the folder is scanned where it is)"));
              } else if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                skipped.add(
                    new Skipped(
                        rel, "symbolic link to something that is not a regular file, not read"));
              } else if (target.toFile().length() > maxFileBytes) {
                skipped.add(
                    new Skipped(
                        rel,
                        "larger than "
                            + maxFileBytes
                            + " bytes ("
                            + target.toFile().length()
                            + ")"));
              } else {
                files.add(new Entry(rel, target));
              }
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              skipped.add(new Skipped(relative(base, file), "unreadable: " + e.getMessage()));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("could not walk " + root, e);
    }
    return new Walk(base, files, skipped);
  }

  /** Reads a file: its text, or why it was skipped (binary, unreadable). */
  public static Text read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return new Text(null, 0, "unreadable: " + e.getMessage());
    }
    if (isBinary(bytes)) {
      return new Text(null, bytes.length, "binary");
    }
    return new Text(new String(bytes, StandardCharsets.UTF_8), bytes.length, null);
  }

  /** Whether the bytes look binary: a NUL among the first {@link #BINARY_PROBE_BYTES}. */
  public static boolean isBinary(byte[] bytes) {
    int n = Math.min(bytes.length, BINARY_PROBE_BYTES);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  private static String relative(Path base, Path path) {
    Path rel = base.toAbsolutePath().relativize(path.toAbsolutePath());
    return rel.toString().replace('\\', '/');
  }
}
