package dev.beca.selfimprove.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.analysis.ISourceFileCoverage;
import org.jacoco.core.tools.ExecFileLoader;

/**
 * Covered and missed lines per source file of one tree, read from coverage.py's JSON report or from
 * JaCoCo's execution data analysed against every module's {@code target/classes}.
 *
 * @param files each file (relative to the tree, {@code /} separators) with its lines
 */
public record LineCoverage(Map<String, FileLines> files) {

  /**
   * The executable lines of one file.
   *
   * @param covered lines run at least once (partly covered ones included)
   * @param missed lines never run
   */
  public record FileLines(Set<Integer> covered, Set<Integer> missed) {

    /** Copies the sets. */
    public FileLines {
      covered = Set.copyOf(covered);
      missed = Set.copyOf(missed);
    }
  }

  /** Copies the map. */
  public LineCoverage {
    files = Map.copyOf(files);
  }

  /** Covered lines of the given files (all files when null). */
  public long covered(Collection<String> only) {
    return select(only).stream().mapToLong(f -> f.covered().size()).sum();
  }

  /** Executable lines of the given files (all files when null). */
  public long total(Collection<String> only) {
    return select(only).stream().mapToLong(f -> f.covered().size() + f.missed().size()).sum();
  }

  private List<FileLines> select(Collection<String> only) {
    if (only == null) {
      return List.copyOf(files.values());
    }
    List<FileLines> selected = new ArrayList<>();
    for (String f : only) {
      FileLines lines = files.get(f);
      if (lines != null) {
        selected.add(lines);
      }
    }
    return selected;
  }

  /**
   * Reads coverage.py's {@code coverage json} report.
   *
   * @param json the report
   * @param tree the tree it measured (file names in it may be absolute)
   * @return the lines per file
   */
  public static LineCoverage fromCoveragePy(Path json, Path tree) throws IOException {
    JsonNode files = new ObjectMapper().readTree(json.toFile()).path("files");
    Map<String, FileLines> result = new TreeMap<>();
    Path root = tree.toAbsolutePath().normalize();
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Path file = Path.of(e.getKey());
      String name =
          file.isAbsolute() && file.normalize().startsWith(root)
              ? root.relativize(file.normalize()).toString()
              : e.getKey();
      result.put(
          name.replace('\\', '/'),
          new FileLines(
              lines(e.getValue().path("executed_lines")),
              lines(e.getValue().path("missing_lines"))));
    }
    return new LineCoverage(result);
  }

  private static Set<Integer> lines(JsonNode array) {
    Set<Integer> lines = new TreeSet<>();
    array.forEach(n -> lines.add(n.asInt()));
    return lines;
  }

  /**
   * Analyses JaCoCo's execution data against every module's {@code target/classes} below a tree; a
   * class's source is taken to be {@code MODULE/src/main/java/PACKAGE/FILE}.
   *
   * @param tree the tree
   * @param exec the execution data file
   * @return the lines per source file
   */
  public static LineCoverage fromJacoco(Path tree, Path exec) throws IOException {
    ExecFileLoader loader = new ExecFileLoader();
    loader.load(exec.toFile());
    Map<String, FileLines> result = new TreeMap<>();
    for (Path classes : classFolders(tree)) {
      CoverageBuilder builder = new CoverageBuilder();
      new Analyzer(loader.getExecutionDataStore(), builder).analyzeAll(classes.toFile());
      Path module = classes.getParent().getParent();
      for (ISourceFileCoverage source : builder.getSourceFiles()) {
        Path file =
            module
                .resolve("src/main/java")
                .resolve(source.getPackageName())
                .resolve(source.getName());
        Set<Integer> covered = new TreeSet<>();
        Set<Integer> missed = new TreeSet<>();
        for (int i = source.getFirstLine(); i > 0 && i <= source.getLastLine(); i++) {
          int status = source.getLine(i).getStatus();
          if (status == ICounter.NOT_COVERED) {
            missed.add(i);
          } else if (status != ICounter.EMPTY) {
            covered.add(i);
          }
        }
        result.put(
            tree.relativize(file).toString().replace('\\', '/'), new FileLines(covered, missed));
      }
    }
    return new LineCoverage(result);
  }

  /** Every {@code target/classes} below a tree (not in {@code .git}, {@code src}, sorted). */
  static List<Path> classFolders(Path tree) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        tree,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!dir.equals(tree)
                && (name.equals(".git") || name.equals("src") || name.equals("node_modules"))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Path parent = dir.getParent();
            if (name.equals("classes")
                && parent != null
                && parent.getFileName() != null
                && parent.getFileName().toString().equals("target")) {
              found.add(dir);
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) {
            return FileVisitResult.CONTINUE;
          }
        });
    found.sort(null);
    return found;
  }
}
