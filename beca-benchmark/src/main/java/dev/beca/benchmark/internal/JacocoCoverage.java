package dev.beca.benchmark.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jacoco.agent.AgentJar;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.tools.ExecFileLoader;
import org.jacoco.report.DirectorySourceFileLocator;
import org.jacoco.report.IReportGroupVisitor;
import org.jacoco.report.IReportVisitor;
import org.jacoco.report.xml.XMLFormatter;

/**
 * JaCoCo through the JVM's environment instead of the build's configuration: the agent is given in
 * {@code JAVA_TOOL_OPTIONS}, which every JVM of the run reads (Maven itself, every Surefire and
 * Failsafe fork, whatever {@code argLine} the POM sets, literal or {@code @{argLine}}), all of them
 * appending to one execution data file (JaCoCo locks it while writing; it has no per-process file
 * name pattern). The report is then made with JaCoCo's own analyser over every module's {@code
 * target/classes}, one group per module, as {@code jacoco.xml}.
 */
final class JacocoCoverage {

  /** Folders not searched for class folders. */
  private static final Set<String> SKIPPED =
      Set.of(".git", "node_modules", ".mvn", "src", ".idea", "test-classes");

  /**
   * Package segments kept in an {@code includes} pattern: deep enough to leave Maven's own classes
   * out.
   */
  private static final int PACKAGE_DEPTH = 3;

  private JacocoCoverage() {}

  /**
   * Writes JaCoCo's agent jar into a folder (once).
   *
   * @param folder where to put {@code jacocoagent-VERSION.jar}
   * @return the agent jar
   */
  static Path agentJar(Path folder) throws IOException {
    Path jar = folder.resolve("jacocoagent-" + BenchmarkVersions.JACOCO + ".jar");
    if (!Files.isRegularFile(jar)) {
      Files.createDirectories(folder);
      Path partial = Files.createTempFile(folder, "jacocoagent", ".part");
      AgentJar.extractTo(partial.toFile());
      Files.move(
          partial,
          jar,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return jar;
  }

  /**
   * Why the agent cannot be given through {@code JAVA_TOOL_OPTIONS} with these paths, if it cannot.
   *
   * @param agent the agent jar
   * @param execFile the execution data file
   * @return the reason, or empty when the paths can be used
   */
  static Optional<String> unusablePaths(Path agent, Path execFile) {
    for (Path path : List.of(agent, execFile)) {
      String text = path.toAbsolutePath().toString();
      if (text.chars().anyMatch(c -> Character.isWhitespace(c) || c == ',' || c == '=')) {
        return Optional.of(
            "the path "
                + text
                + " holds a space, comma or '=', which JAVA_TOOL_OPTIONS cannot carry;"
                + " choose a work directory without them");
      }
    }
    return Optional.empty();
  }

  /**
   * The {@code JAVA_TOOL_OPTIONS} value attaching the agent.
   *
   * @param agent the agent jar
   * @param execFile where every JVM appends its execution data
   * @param includes the class name patterns to instrument, {@code *} for all
   * @return the option
   */
  static String javaToolOptions(Path agent, Path execFile, String includes) {
    return "-javaagent:"
        + agent.toAbsolutePath()
        + "=destfile="
        + execFile.toAbsolutePath()
        + ",append=true,includes="
        + includes;
  }

  /**
   * The classes to instrument: each package root of the project's {@code src/main/java} folders (at
   * most three segments, e.g. {@code com.google.gson.*}), so that Maven's and the libraries'
   * classes are left alone; {@code *} when a source is in the default package or none is found.
   *
   * @param root the project
   * @return JaCoCo {@code includes} patterns joined by {@code :}
   */
  static String includes(Path root) {
    Set<String> prefixes = new TreeSet<>();
    for (Path file :
        SourceFiles.find(
            root, p -> SourceFiles.slashes(p).matches("(.*/)?src/main/java/.+\\.java"))) {
      String path = SourceFiles.slashes(root.relativize(file));
      String inSources = path.substring(path.indexOf("src/main/java/") + "src/main/java/".length());
      int slash = inSources.lastIndexOf('/');
      if (slash < 0) {
        return "*";
      }
      String[] segments = inSources.substring(0, slash).split("/");
      prefixes.add(
          String.join(
              ".", java.util.Arrays.copyOf(segments, Math.min(PACKAGE_DEPTH, segments.length))));
    }
    if (prefixes.isEmpty()) {
      return "*";
    }
    List<String> roots = new ArrayList<>();
    for (String prefix : prefixes) {
      if (roots.stream().noneMatch(r -> prefix.startsWith(r + "."))) {
        roots.add(prefix);
      }
    }
    return roots.stream().map(r -> r + ".*").collect(Collectors.joining(":"));
  }

  /** Every module's {@code target/classes} folder below the project, sorted. */
  static List<Path> classFolders(Path root) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!dir.equals(root) && SKIPPED.contains(name)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (name.equals("classes")
                && dir.getParent() != null
                && dir.getParent().getFileName() != null
                && dir.getParent().getFileName().toString().equals("target")) {
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

  /**
   * Analyses the class folders against the execution data and writes JaCoCo's XML report, one group
   * per module (named by the module's folder).
   *
   * @param root the project
   * @param execFile the execution data
   * @param classFolders every module's {@code target/classes}
   * @param xml the report to write
   */
  static void writeReport(Path root, Path execFile, List<Path> classFolders, Path xml)
      throws IOException {
    ExecFileLoader loader = new ExecFileLoader();
    loader.load(execFile.toFile());
    try (OutputStream out = Files.newOutputStream(xml)) {
      IReportVisitor visitor = new XMLFormatter().createVisitor(out);
      visitor.visitInfo(
          loader.getSessionInfoStore().getInfos(), loader.getExecutionDataStore().getContents());
      IReportGroupVisitor group =
          visitor.visitGroup(
              root.getFileName() == null ? "project" : root.getFileName().toString());
      for (Path classes : classFolders) {
        CoverageBuilder builder = new CoverageBuilder();
        new Analyzer(loader.getExecutionDataStore(), builder).analyzeAll(classes.toFile());
        Path module = root.relativize(classes.getParent().getParent());
        group.visitBundle(
            builder.getBundle(module.toString().isEmpty() ? "." : SourceFiles.slashes(module)),
            new DirectorySourceFileLocator(
                classes.getParent().getParent().resolve("src/main/java").toFile(), "UTF-8", 4));
      }
      visitor.visitEnd();
    }
  }
}
