package dev.beca.benchmark;

import dev.beca.benchmark.internal.GitIgnores;
import dev.beca.benchmark.internal.StagedChanges;
import dev.beca.core.InvalidInputException;
import dev.beca.core.secrets.SecretFinding;
import dev.beca.core.secrets.SecretScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans a file tree, or the staged changes of a git repository, with a {@link SecretScanner}:
 * BECA's security probe building block and the engine of {@code beca scan}.
 *
 * <p>Tree scans respect {@code .gitignore} files (nested ones too) and skip {@code .git}; every
 * scan skips binary files (a NUL byte in the first 8,000 bytes, as git decides) and files larger
 * than {@link Builder#maxFileBytes}, listing each with the reason. Text is decoded as UTF-8; invalid
 * sequences become U+FFFD, so a damaged file is still scanned.
 */
public final class SecretTreeScanner {

  /** How many leading bytes decide whether a file is binary (git's heuristic). */
  public static final int BINARY_PROBE_BYTES = 8_000;

  private static final Logger LOG = LoggerFactory.getLogger(SecretTreeScanner.class);

  private final SecretScanner scanner;
  private final long maxFileBytes;
  private final int threads;

  private SecretTreeScanner(Builder builder) {
    this.scanner = builder.scanner;
    this.maxFileBytes = builder.maxFileBytes;
    this.threads = builder.threads;
  }

  /** A builder with the standard scanner, a 2 MiB file limit and one thread per processor. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Scans every file under a folder (or one file).
   *
   * @param root the folder or file
   * @return the findings and the skipped files
   * @throws InvalidInputException when the root does not exist
   * @throws UncheckedIOException when the tree cannot be walked
   */
  public SecretScanReport scanTree(Path root) {
    Objects.requireNonNull(root, "root");
    if (!Files.exists(root)) {
      throw new InvalidInputException("There is no file or folder " + root + " to scan.", "Check the path.");
    }
    Path base = Files.isDirectory(root) ? root : root.toAbsolutePath().getParent();
    Collector collector = new Collector(root.toString());
    GitIgnores ignores = new GitIgnores();
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          String rel = relative(base, dir);
          if (!rel.isEmpty() && (dir.getFileName().toString().equals(".git") || ignores.isIgnored(rel, true))) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          ignores.enter(dir, rel);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          String rel = relative(base, file);
          if (!attrs.isRegularFile() || ignores.isIgnored(rel, false)) {
            return FileVisitResult.CONTINUE;
          }
          if (attrs.size() > maxFileBytes) {
            collector.skip(rel, "larger than " + maxFileBytes + " bytes (" + attrs.size() + ")");
            return FileVisitResult.CONTINUE;
          }
          files.add(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          collector.skip(relative(base, file), "unreadable: " + e.getMessage());
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("could not walk " + root, e);
    }
    scanFiles(base, files, collector);
    return collector.report();
  }

  /**
   * Scans what is staged for the next commit in a git repository: the lines that the index adds or
   * changes compared with {@code HEAD} (all lines of new files). For pre-commit hooks.
   *
   * @param repository a folder inside the repository's work tree
   * @return the findings in staged lines and the skipped files
   * @throws InvalidInputException when the folder is not inside a git repository
   */
  public SecretScanReport scanStaged(Path repository) {
    Collector collector = new Collector(repository.toString() + " (staged)");
    StagedChanges.forEach(repository, (path, oldBytes, newBytes) -> {
      if (newBytes.length > maxFileBytes) {
        collector.skip(path, "larger than " + maxFileBytes + " bytes (" + newBytes.length + ")");
        return;
      }
      if (isBinary(newBytes)) {
        collector.skip(path, "binary");
        return;
      }
      String text = new String(newBytes, StandardCharsets.UTF_8);
      boolean[] added = StagedChanges.addedLines(oldBytes, newBytes);
      List<SecretFinding> found = new ArrayList<>();
      for (SecretFinding finding : scanner.scan(path, text)) {
        int line = finding.location().line() - 1;
        if (line < added.length && added[line]) {
          found.add(finding);
        }
      }
      collector.add(found, newBytes.length);
    });
    return collector.report();
  }

  /** Reads and scans the files on {@link Builder#threads} threads; results keep the walk's order. */
  private void scanFiles(Path base, List<Path> files, Collector collector) {
    List<Callable<FileResult>> tasks = new ArrayList<>(files.size());
    for (Path file : files) {
      tasks.add(() -> scanFile(relative(base, file), file));
    }
    List<FileResult> results = new ArrayList<>(files.size());
    if (threads == 1 || files.size() < 2) {
      for (Callable<FileResult> task : tasks) {
        results.add(call(task));
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()), runnable -> {
        Thread thread = new Thread(runnable, "beca-secret-scan");
        thread.setDaemon(true);
        return thread;
      });
      try {
        for (Future<FileResult> future : pool.invokeAll(tasks)) {
          results.add(future.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("the scan was interrupted", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    for (FileResult result : results) {
      if (result.skipReason != null) {
        collector.skip(result.rel, result.skipReason);
      } else {
        collector.add(result.findings, result.bytes);
      }
    }
  }

  private FileResult scanFile(String rel, Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return new FileResult(rel, List.of(), 0, "unreadable: " + e.getMessage());
    }
    if (isBinary(bytes)) {
      return new FileResult(rel, List.of(), 0, "binary");
    }
    return new FileResult(rel, scanner.scan(rel, new String(bytes, StandardCharsets.UTF_8)), bytes.length, null);
  }

  private static FileResult call(Callable<FileResult> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private record FileResult(String rel, List<SecretFinding> findings, long bytes, String skipReason) {}

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

  private static String relative(Path base, Path path) {
    Path rel = base.toAbsolutePath().relativize(path.toAbsolutePath());
    return rel.toString().replace('\\', '/');
  }

  private final class Collector {
    final String root;
    final List<SecretFinding> findings = new ArrayList<>();
    final List<SecretScanReport.SkippedFile> skipped = new ArrayList<>();
    int files;
    long bytes;

    Collector(String root) {
      this.root = root;
    }

    void add(List<SecretFinding> found, long size) {
      findings.addAll(found);
      files++;
      bytes += size;
    }

    void skip(String rel, String reason) {
      LOG.debug("Skipped {}: {}", rel, reason);
      skipped.add(new SecretScanReport.SkippedFile(rel, reason));
    }

    SecretScanReport report() {
      return new SecretScanReport(root, findings, skipped, files, bytes);
    }
  }

  /** Configures a {@link SecretTreeScanner}. */
  public static final class Builder {
    private SecretScanner scanner = SecretScanner.standard();
    private long maxFileBytes = 2L * 1024 * 1024;
    private int threads = Runtime.getRuntime().availableProcessors();

    private Builder() {}

    /** The scanner to run on each file; {@link SecretScanner#standard()} by default. */
    public Builder scanner(SecretScanner scanner) {
      this.scanner = Objects.requireNonNull(scanner, "scanner");
      return this;
    }

    /** Files larger than this are skipped with a note; 2 MiB by default. */
    public Builder maxFileBytes(long maxFileBytes) {
      if (maxFileBytes < 1) {
        throw new IllegalArgumentException("maxFileBytes must be positive, was " + maxFileBytes);
      }
      this.maxFileBytes = maxFileBytes;
      return this;
    }

    /** How many files are scanned at once; the number of processors by default. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be positive, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Creates the tree scanner. */
    public SecretTreeScanner build() {
      return new SecretTreeScanner(this);
    }
  }
}
