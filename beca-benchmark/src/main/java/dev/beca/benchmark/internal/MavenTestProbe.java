package dev.beca.benchmark.internal;

import dev.beca.core.BecaException;
import dev.beca.core.quality.CoverageReport;
import dev.beca.core.quality.ProbeContext;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ProbeStatus;
import dev.beca.core.quality.QualityProbe;
import dev.beca.core.quality.TestCase;
import dev.beca.core.quality.TestReport;
import dev.beca.core.quality.ToolProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs a Maven project's tests with its own wrapper ({@code ./mvnw}) or {@code mvn}, with JaCoCo's
 * agent given to every JVM through {@code JAVA_TOOL_OPTIONS} (the project's POM is not edited, and
 * no {@code argLine} can drop the agent), then reads every module's Surefire (and Failsafe) XML
 * reports and makes one JaCoCo report over every module's classes.
 */
public final class MavenTestProbe implements QualityProbe {

  /** The probe's name. */
  public static final String NAME = "maven-tests";

  private final String phase;
  private volatile String fingerprint;

  /** Runs up to the {@code test} phase. */
  public MavenTestProbe() {
    this("test");
  }

  /**
   * Runs up to a lifecycle phase.
   *
   * @param phase {@code test} or a later phase such as {@code verify}
   */
  public MavenTestProbe(String phase) {
    if (phase == null || !phase.matches("[a-z-]+")) {
      throw new IllegalArgumentException(
          "phase must be a Maven lifecycle phase such as test, was " + phase);
    }
    this.phase = phase;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<ProbeKind> measures() {
    return Set.of(ProbeKind.TESTS, ProbeKind.COVERAGE);
  }

  @Override
  public boolean appliesTo(Path projectRoot) {
    return Files.isRegularFile(projectRoot.resolve("pom.xml"));
  }

  @Override
  public String fingerprint() {
    if (fingerprint == null) {
      // The project's wrapper is a tracked file and so part of the tree hash; the system Maven is
      // not.
      fingerprint =
          NAME
              + " phase="
              + phase
              + " jacoco="
              + BenchmarkVersions.JACOCO
              + " agent=JAVA_TOOL_OPTIONS mvn="
              + systemMavenVersion();
    }
    return fingerprint;
  }

  /**
   * The command this probe runs in a project. JaCoCo is not in it: its agent comes through the
   * environment ({@link #environment}); {@code jacoco.skip} turns off any JaCoCo the POM configures
   * itself (its {@code prepare-agent} then sets an empty {@code argLine}, so {@code @{argLine}}
   * still resolves) so that one agent measures every JVM.
   */
  public List<String> command(Path projectRoot) {
    List<String> command = new ArrayList<>();
    command.add(launcher(projectRoot));
    command.addAll(
        List.of(
            "-B", "-V", "-ntp", "-Dmaven.test.failure.ignore=true", "-Djacoco.skip=true", phase));
    return command;
  }

  /**
   * The environment of the Maven run: the controlled one plus {@code JAVA_TOOL_OPTIONS} attaching
   * JaCoCo's agent to every JVM, all appending to {@code execFile}.
   *
   * @param projectRoot the project (its sources say which classes to instrument)
   * @param base the controlled environment
   * @param agent JaCoCo's agent jar
   * @param execFile the execution data file
   * @return a new map
   */
  public static Map<String, String> environment(
      Path projectRoot, Map<String, String> base, Path agent, Path execFile) {
    Map<String, String> env = new TreeMap<>(base);
    env.put(
        "JAVA_TOOL_OPTIONS",
        JacocoCoverage.javaToolOptions(agent, execFile, JacocoCoverage.includes(projectRoot)));
    return env;
  }

  @Override
  public ProbeResult run(ProbeContext context) {
    Instant start = Instant.now();
    Path root = context.projectRoot();
    Path out = context.outputDirectory();
    FileTime since = FileTime.from(start.minusSeconds(2));
    List<String> command = command(root);
    Path execFile = out.resolve("jacoco.exec");
    String noCoverage;
    Map<String, String> env = context.environment();
    try {
      Path agent = JacocoCoverage.agentJar(out);
      noCoverage = JacocoCoverage.unusablePaths(agent, execFile).orElse(null);
      if (noCoverage == null) {
        env = environment(root, env, agent, execFile);
      }
    } catch (IOException e) {
      noCoverage = "JaCoCo's agent could not be written to " + out + " (" + e.getMessage() + ")";
    }
    ToolProcesses.Outcome outcome;
    try {
      outcome =
          context.processes().run(command, root, env, out.resolve("maven"), context.deadline());
    } catch (BecaException e) {
      return ProbeResult.without(
          this,
          ProbeStatus.UNAVAILABLE,
          "Maven could not be started: "
              + e.getMessage()
              + " Install Maven (e.g. apt-get install maven) or add the Maven wrapper (mvn wrapper:wrapper).",
          "",
          Duration.between(start, Instant.now()));
    }
    String version = mavenVersion(outcome.stdout());
    if (outcome.timedOut()) {
      return ProbeResult.without(
          this,
          ProbeStatus.TIMED_OUT,
          "The time limit passed while running "
              + String.join(" ", command)
              + "; Maven and all its forked processes were killed. Raise the time limit.",
          version,
          Duration.between(start, Instant.now()));
    }
    try {
      List<Path> testReports =
          SourceFiles.reports(root, p -> isTestReport(SourceFiles.slashes(p)), since);
      if (testReports.isEmpty()) {
        Duration took = Duration.between(start, Instant.now());
        String message =
            outcome.exitCode() == 0
                ? "Maven ran but wrote no Surefire report: the project has no tests."
                : "Maven failed (exit "
                    + outcome.exitCode()
                    + ") before any test report was written: "
                    + Texts.tail(outcome.stdout(), 8)
                    + " Full output: "
                    + outcome.stdout();
        if (outcome.exitCode() == 0) {
          return new ProbeResult(
              NAME,
              measures(),
              ProbeStatus.OK,
              message,
              version,
              took,
              new TestReport(0, 0, 0, 0, List.of()),
              null,
              null,
              null);
        }
        return ProbeResult.without(this, ProbeStatus.FAILED, message, version, took);
      }
      TestReport tests = JUnitXmlReports.read(testReports);
      Optional<TestCase> crash =
          outcome.exitCode() == 0
              ? Optional.empty()
              : ForkCrashes.find(
                  new String(
                          Files.readAllBytes(outcome.stdout()),
                          java.nio.charset.StandardCharsets.UTF_8)
                      .lines()
                      .toList());
      if (crash.isPresent()) {
        tests = ForkCrashes.withCrash(tests, crash.get());
      }
      keep(root, testReports, out.resolve("test-reports"));
      CoverageReport coverage = null;
      String classesNote = "";
      List<Path> classFolders = JacocoCoverage.classFolders(root);
      if (noCoverage == null && !Files.isRegularFile(execFile)) {
        noCoverage =
            "no JVM of the Maven run wrote JaCoCo data (JAVA_TOOL_OPTIONS did not reach it; see "
                + outcome.stdout()
                + ")";
      } else if (noCoverage == null && classFolders.isEmpty()) {
        noCoverage = "the build left no target/classes folder to measure";
      }
      if (noCoverage == null) {
        Path xml = out.resolve("jacoco.xml");
        JacocoCoverage.writeReport(root, execFile, classFolders, xml);
        coverage = JacocoReports.read(List.of(xml));
        if (coverage.linesTotal() == 0 && coverage.branchesTotal() == 0) {
          // javac -g:none and no branch either: nothing JaCoCo can count.
          noCoverage =
              "the classes carry no line numbers (compiled with javac -g:source or -g:none, e.g. a"
                  + " <debuglevel> without 'lines') and have no branch, so JaCoCo counts nothing";
          coverage = null;
        } else if (coverage.linesTotal() == 0) {
          // javac -g:source (jackson's parent POM): JaCoCo sees branches, no line; the score
          // takes branch coverage rather than dropping the part a deleted test would lower.
          classesNote =
              "; the classes carry no line numbers (compiled with javac -g:source or -g:none),"
                  + " so coverage is scored on branches: "
                  + coverage.branchesCovered()
                  + " of "
                  + coverage.branchesTotal()
                  + " covered";
        }
      }
      String message =
          String.join(" ", command)
              + " with JaCoCo "
              + BenchmarkVersions.JACOCO
              + " through JAVA_TOOL_OPTIONS (exit "
              + outcome.exitCode()
              + "; "
              + testReports.size()
              + " test report(s), "
              + crash.map(c -> c.message() + "; ").orElse("")
              + (coverage == null
                  ? "coverage not measured: " + noCoverage
                  : classFolders.size() + " class folder(s)" + classesNote)
              + ")";
      return new ProbeResult(
          NAME,
          measures(),
          ProbeStatus.OK,
          message,
          version,
          Duration.between(start, Instant.now()),
          tests,
          coverage,
          null,
          null);
    } catch (IOException | RuntimeException e) {
      return ProbeResult.without(
          this,
          ProbeStatus.FAILED,
          "The Maven reports could not be read: " + e.getMessage(),
          version,
          Duration.between(start, Instant.now()));
    }
  }

  /** Copies the reports into the run folder, which outlives the project's copy. */
  private static void keep(Path root, List<Path> reports, Path folder) throws IOException {
    for (Path report : reports) {
      Path copy = folder.resolve(root.relativize(report));
      Files.createDirectories(copy.getParent());
      Files.copy(report, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean isTestReport(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.startsWith("TEST-")
        && name.endsWith(".xml")
        && (path.contains("target/surefire-reports/") || path.contains("target/failsafe-reports/"));
  }

  private static String launcher(Path root) {
    boolean windows = System.getProperty("os.name").startsWith("Windows");
    Path wrapper = root.resolve(windows ? "mvnw.cmd" : "mvnw");
    if (Files.isRegularFile(wrapper) && (windows || Files.isExecutable(wrapper))) {
      return wrapper.toAbsolutePath().toString();
    }
    return windows ? "mvn.cmd" : "mvn";
  }

  private static String mavenVersion(Path stdout) {
    try (var lines = Files.lines(stdout)) {
      return lines
          .limit(40)
          .filter(l -> l.contains("Apache Maven "))
          .findFirst()
          .map(l -> l.replaceAll("\u001B\\[[;\\d]*m", "").replaceAll("\\s*\\(.*", "").strip())
          .orElse("");
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /**
   * Identifies the Maven on the PATH without starting it (a JVM start would cost more than a cached
   * run): its installation's {@code maven-core} jar names and sizes, or the launcher's size and
   * time.
   */
  static String systemMavenVersion() {
    String path = System.getenv("PATH");
    if (path == null) {
      return "none";
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path launcher =
          Path.of(
              dir.isEmpty() ? "." : dir,
              System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn");
      if (!Files.isRegularFile(launcher)) {
        continue;
      }
      try {
        Path real = launcher.toRealPath();
        Path lib = real.getParent().getParent().resolve("lib");
        if (Files.isDirectory(lib)) {
          try (var jars = Files.list(lib)) {
            String cores =
                jars.filter(j -> j.getFileName().toString().startsWith("maven-core"))
                    .map(j -> j.getFileName() + ":" + size(j))
                    .sorted()
                    .collect(java.util.stream.Collectors.joining(","));
            if (!cores.isEmpty()) {
              return real + " " + cores;
            }
          }
        }
        return real + " " + Files.size(real) + "@" + Files.getLastModifiedTime(real).toMillis();
      } catch (IOException e) {
        return launcher + " unreadable";
      }
    }
    return "none";
  }

  private static long size(Path file) {
    try {
      return Files.size(file.toRealPath());
    } catch (IOException e) {
      return -1;
    }
  }
}
