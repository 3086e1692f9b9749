package dev.beca.benchmark;

import dev.beca.benchmark.internal.StagedChanges;
import dev.beca.benchmark.internal.TextTree;
import dev.beca.core.InvalidInputException;
import dev.beca.core.quality.Finding;
import dev.beca.core.secrets.Confidence;
import dev.beca.core.secrets.FolderScan;
import dev.beca.core.secrets.FolderScanner;
import dev.beca.core.secrets.SecretFinding;
import dev.beca.core.secrets.SecretScanner;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
 * <p>Tree scans respect {@code .gitignore} files (nested ones too) and skip {@code .git}; a
 * symbolic link given as the root is followed; inside the tree, links to regular files within the
 * root are scanned and other links, FIFOs, devices and sockets are listed as skipped. Every scan
 * skips binary files (a NUL byte in the first 8,000 bytes, as git decides) and files larger than
 * {@link Builder#maxFileBytes}, listing each with the reason. Text is decoded as UTF-8; invalid
 * sequences become U+FFFD, so a damaged file is still scanned.
 *
 * <p>Findings in test code and test data (a path that {@link Finding#isTestPath(String)} calls test
 * code: {@code src/test}, {@code tests}, {@code testdata}, {@code fixtures}, {@code FooTest.java},
 * ...; relative to the scanned folder) are reported at {@link Confidence#LOW} confidence: keys
 * committed as test fixtures are nearly always generated for the tests, so {@code beca scan} stays
 * quiet about them by default. {@link Builder#testCodeAtLowConfidence(boolean)} turns this off.
 * Only the report is affected: write paths redact every finding whatever its confidence.
 */
public final class SecretTreeScanner implements FolderScanner {

  /** How many leading bytes decide whether a file is binary (git's heuristic). */
  public static final int BINARY_PROBE_BYTES = TextTree.BINARY_PROBE_BYTES;

  private static final Logger LOG = LoggerFactory.getLogger(SecretTreeScanner.class);

  private final SecretScanner scanner;
  private final long maxFileBytes;
  private final int threads;
  private final boolean testCodeAtLowConfidence;

  private SecretTreeScanner(Builder builder) {
    this.testCodeAtLowConfidence = builder.testCodeAtLowConfidence;
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
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidInputException(
          "There is no file or folder " + root + " to scan.", "Check the path.");
    }
    Collector collector = new Collector(root.toString());
    TextTree.Walk walk = TextTree.walk(root, maxFileBytes);
    walk.skipped().forEach(s -> collector.skip(s.path(), s.reason()));
    scanFiles(walk.files(), collector);
    return collector.report();
  }

  /**
   * {@link #scanTree} for front ends that see only the core.
   *
   * @param path the folder or file
   * @return the findings and the skipped files, nothing hidden
   * @throws InvalidInputException when the path does not exist
   */
  @Override
  public FolderScan scan(Path path) {
    SecretScanReport report = scanTree(path);
    return new FolderScan(
        report.root(),
        report.findings(),
        report.skipped().stream().map(s -> new FolderScan.Skipped(s.path(), s.reason())).toList(),
        report.filesScanned(),
        report.bytesScanned(),
        report.hidden());
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
    StagedChanges.forEach(
        repository,
        (path, oldBytes, newBytes) -> {
          if (newBytes.length > maxFileBytes) {
            collector.skip(
                path, "larger than " + maxFileBytes + " bytes (" + newBytes.length + ")");
            return;
          }
          if (isBinary(newBytes)) {
            collector.skip(path, "binary");
            return;
          }
          String text = new String(newBytes, StandardCharsets.UTF_8);
          boolean[] added = StagedChanges.addedLines(oldBytes, newBytes);
          List<SecretFinding> found = new ArrayList<>();
          for (SecretFinding finding : scan(path, text)) {
            int line = finding.location().line() - 1;
            if (line < added.length && added[line]) {
              found.add(finding);
            }
          }
          collector.add(found, newBytes.length);
        });
    return collector.report();
  }

  /**
   * Reads and scans the files on {@link Builder#threads} threads; results keep the walk's order.
   */
  private void scanFiles(List<TextTree.Entry> files, Collector collector) {
    List<Callable<FileResult>> tasks = new ArrayList<>(files.size());
    for (TextTree.Entry file : files) {
      tasks.add(() -> scanFile(file.rel(), file.path()));
    }
    List<FileResult> results = new ArrayList<>(files.size());
    if (threads == 1 || files.size() < 2) {
      for (Callable<FileResult> task : tasks) {
        results.add(call(task));
      }
    } else {
      ExecutorService pool =
          Executors.newFixedThreadPool(
              Math.min(threads, files.size()),
              runnable -> {
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
        throw e.getCause() instanceof RuntimeException runtime
            ? runtime
            : new IllegalStateException(e.getCause());
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
    TextTree.Text text = TextTree.read(file);
    if (text.skipReason() != null) {
      return new FileResult(rel, List.of(), 0, text.skipReason());
    }
    return new FileResult(rel, scan(rel, text.text()), text.bytes(), null);
  }

  /** Scans one file's text, lowering the confidence of findings in test code. */
  private List<SecretFinding> scan(String rel, String text) {
    List<SecretFinding> found = scanner.scan(rel, text);
    if (!testCodeAtLowConfidence || found.isEmpty() || !Finding.isTestPath(rel)) {
      return found;
    }
    return found.stream().map(f -> f.withConfidence(Confidence.LOW)).toList();
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

  private record FileResult(
      String rel, List<SecretFinding> findings, long bytes, String skipReason) {}

  /** Whether the bytes look binary: a NUL among the first {@link #BINARY_PROBE_BYTES}. */
  public static boolean isBinary(byte[] bytes) {
    return TextTree.isBinary(bytes);
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
    private boolean testCodeAtLowConfidence = true;

    private Builder() {}

    /**
     * Whether findings in test code and test data ({@link Finding#isTestPath(String)}) are reported
     * at {@link Confidence#LOW} confidence; true by default. False reports them at their rule's
     * confidence ({@code beca scan --include-tests}).
     */
    public Builder testCodeAtLowConfidence(boolean testCodeAtLowConfidence) {
      this.testCodeAtLowConfidence = testCodeAtLowConfidence;
      return this;
    }

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
