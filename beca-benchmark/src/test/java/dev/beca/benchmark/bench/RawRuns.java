package dev.beca.benchmark.bench;

import dev.beca.benchmark.internal.BenchmarkVersions;
import dev.beca.benchmark.internal.ControlledEnvironment;
import dev.beca.benchmark.internal.MavenTestProbe;
import dev.beca.benchmark.internal.PmdProbe;
import dev.beca.core.quality.Finding;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jacoco.agent.AgentJar;

/**
 * The raw tools run by hand, as a developer would type them, for the harnesses: Maven's tests (the
 * project's {@code ./mvnw}, else {@code mvn}, as BECA chooses) with JaCoCo's agent given through
 * {@code JAVA_TOOL_OPTIONS} (with BECA's {@code includes}) and then {@code jacoco:report} by plugin
 * coordinates, and PMD through its API (one call per rule set); pytest under coverage.py, pylint
 * and bandit. Returns the tools' own figures, read from their report files.
 */
final class RawRuns {

  /**
   * What the raw tools reported.
   *
   * @param tests tests run (JUnit XML {@code tests})
   * @param failed failures plus errors
   * @param skipped skipped tests
   * @param linesCovered covered lines
   * @param linesTotal all lines
   * @param branchesCovered covered branches
   * @param branchesTotal all branches
   * @param nanos how long the commands took
   */
  record Figures(
      long tests,
      long failed,
      long skipped,
      long linesCovered,
      long linesTotal,
      long branchesCovered,
      long branchesTotal,
      long nanos) {}

  private RawRuns() {}

  /**
   * Maven test + JaCoCo (agent through the environment, report goal by coordinates), in {@code
   * project}.
   */
  static Figures maven(Path project, Path out) throws Exception {
    Files.createDirectories(out);
    Path agent = out.resolve("jacocoagent.jar");
    AgentJar.extractTo(agent.toFile());
    Path exec = out.resolve("jacoco.exec");
    Map<String, String> env =
        MavenTestProbe.environment(
            project, ControlledEnvironment.from(System.getenv()), agent, exec);
    String mvn =
        Files.isExecutable(project.resolve("mvnw")) ? project.resolve("mvnw").toString() : "mvn";
    long start = System.nanoTime();
    run(
        project,
        out,
        "maven-test",
        env,
        mvn,
        "-B",
        "-ntp",
        "-Dmaven.test.failure.ignore=true",
        "-Djacoco.skip=true",
        "test");
    run(
        project,
        out,
        "maven-report",
        ControlledEnvironment.from(System.getenv()),
        mvn,
        "-B",
        "-ntp",
        "org.jacoco:jacoco-maven-plugin:" + BenchmarkVersions.JACOCO + ":report",
        "-Djacoco.dataFile=" + exec);
    pmd(project);
    long nanos = System.nanoTime() - start;
    long[] suites = new long[4];
    long[] counters = new long[4];
    try (Stream<Path> files = Files.walk(project)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String path = file.toString().replace('\\', '/');
        if (path.contains("/target/surefire-reports/TEST-") && path.endsWith(".xml")) {
          addSuite(Files.readString(file), suites);
        } else if (path.endsWith("/target/site/jacoco/jacoco.xml")) {
          String xml = Files.readString(file);
          long[] line = lastCounter(xml, "LINE");
          long[] branch = lastCounter(xml, "BRANCH");
          counters[0] += line[0];
          counters[1] += line[0] + line[1];
          counters[2] += branch[0];
          counters[3] += branch[0] + branch[1];
        }
      }
    }
    return new Figures(
        suites[0],
        suites[1] + suites[2],
        suites[3],
        counters[0],
        counters[1],
        counters[2],
        counters[3],
        nanos);
  }

  /**
   * pytest under coverage.py with BECA's options, then {@code coverage json}, in {@code project}.
   */
  static Figures python(Path project, Path out, String python) throws Exception {
    Files.createDirectories(out);
    Map<String, String> env = ControlledEnvironment.from(System.getenv());
    env.put("COVERAGE_FILE", out.resolve(".coverage").toString());
    long start = System.nanoTime();
    run(
        project,
        out,
        "pytest",
        env,
        python,
        "-m",
        "coverage",
        "run",
        "--branch",
        "--source=.",
        "--omit=*/test_*.py,*/*_test.py,*/tests/*,*/conftest.py",
        "-m",
        "pytest",
        "--junitxml=" + out.resolve("pytest.xml"),
        "-p",
        "no:cacheprovider",
        "-q");
    run(
        project,
        out,
        "coverage",
        env,
        python,
        "-m",
        "coverage",
        "json",
        "-o",
        out.resolve("coverage.json").toString());
    List<String> all = pythonFiles(project);
    List<String> shipped = all.stream().filter(f -> !Finding.isTestPath(f)).toList();
    List<String> pylint =
        new java.util.ArrayList<>(
            List.of(
                python,
                "-m",
                "pylint",
                "--output-format=json",
                "--output=" + out.resolve("pylint.json"),
                "--score=n",
                "--persistent=n"));
    pylint.addAll(shipped.isEmpty() ? all : shipped);
    run(project, out, "pylint", env, pylint.toArray(String[]::new));
    List<String> bandit =
        new java.util.ArrayList<>(
            List.of(
                python,
                "-m",
                "bandit",
                "-f",
                "json",
                "-o",
                out.resolve("bandit.json").toString(),
                "-q"));
    bandit.addAll(all);
    run(project, out, "bandit", env, bandit.toArray(String[]::new));
    long nanos = System.nanoTime() - start;
    long[] suites = new long[4];
    addSuite(Files.readString(out.resolve("pytest.xml")), suites);
    String json = Files.readString(out.resolve("coverage.json"));
    String totals = json.substring(json.lastIndexOf("\"totals\""));
    return new Figures(
        suites[0],
        suites[1] + suites[2],
        suites[3],
        number(totals, "covered_lines"),
        number(totals, "num_statements"),
        number(totals, "covered_branches"),
        number(totals, "num_branches"),
        nanos);
  }

  /**
   * PMD through its API with BECA's two rule sets on every {@code src/main/java} file, as BECA runs
   * it.
   */
  static void pmd(Path project) throws Exception {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(project)) {
      sources =
          files
              .filter(
                  f ->
                      f.toString().replace('\\', '/').contains("/src/main/java/")
                          && f.toString().endsWith(".java"))
              .toList();
    }
    for (String ruleSet : List.of(PmdProbe.DEFAULT_RULES, PmdProbe.SECURITY_RULES)) {
      PmdProbe.analyse(sources, ruleSet);
    }
  }

  /**
   * The project's Python files, relative, skipping virtual environments, caches and VCS folders.
   */
  private static List<String> pythonFiles(Path project) throws Exception {
    Set<String> skipped =
        Set.of(
            ".git", ".venv", "venv", "env", ".tox", "__pycache__", "build", "dist", "node_modules");
    try (Stream<Path> files = Files.walk(project)) {
      return files
          .filter(f -> f.toString().endsWith(".py"))
          .map(f -> project.relativize(f).toString().replace('\\', '/'))
          .filter(f -> java.util.Arrays.stream(f.split("/")).noneMatch(skipped::contains))
          .sorted()
          .toList();
    }
  }

  static void run(Path dir, Path out, String name, Map<String, String> env, String... command)
      throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.resolve(name + ".out").toFile())
            .redirectError(out.resolve(name + ".err").toFile())
            .redirectInput(new File("/dev/null"));
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process process = builder.start();
    if (!process.waitFor(20, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IllegalStateException(name + " timed out");
    }
  }

  /**
   * Adds the first {@code <testsuite>} (or {@code <testsuites>}) tag's tests, failures, errors,
   * skipped.
   */
  private static void addSuite(String xml, long[] sums) {
    Matcher tag = Pattern.compile("<testsuite\\s[^>]*>").matcher(xml);
    while (tag.find()) {
      String attributes = tag.group();
      sums[0] += attribute(attributes, "tests");
      sums[1] += attribute(attributes, "failures");
      sums[2] += attribute(attributes, "errors");
      sums[3] += attribute(attributes, "skipped");
    }
  }

  private static long attribute(String tag, String name) {
    Matcher m = Pattern.compile("\\s" + name + "=\"(\\d+)\"").matcher(tag);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static long[] lastCounter(String xml, String type) {
    Matcher m =
        Pattern.compile("<counter type=\"" + type + "\" missed=\"(\\d+)\" covered=\"(\\d+)\"/>")
            .matcher(xml);
    long[] found = {0, 0};
    while (m.find()) {
      found = new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(1))};
    }
    return found;
  }

  private static long number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":\\s*(\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Lists used by callers that print figures. */
  static List<String> describe(Figures f) {
    return List.of(
        f.tests() + " tests, " + f.failed() + " failed, " + f.skipped() + " skipped",
        String.format(
            java.util.Locale.ROOT,
            "line %.2f %% (%d/%d), branch %.2f %% (%d/%d)",
            100.0 * f.linesCovered() / Math.max(1, f.linesTotal()),
            f.linesCovered(),
            f.linesTotal(),
            100.0 * f.branchesCovered() / Math.max(1, f.branchesTotal()),
            f.branchesCovered(),
            f.branchesTotal()));
  }

  /** The machine's load averages (1, 5, 15 minutes) from {@code /proc/loadavg}, for the record. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
      return "load average " + parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (Exception e) {
      return "load average unknown (" + e.getMessage() + ")";
    }
  }
}
