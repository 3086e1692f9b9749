package dev.beca.benchmark.bench;

import dev.beca.benchmark.CodeBenchmark;
import dev.beca.core.quality.BenchmarkProgress;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.ProbeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Calibration harness (not a test): the planted regressions of {@code PlantedRegressionsTest},
 * applied to real projects (a Maven or Python git working tree, e.g. under /work/cache). Each
 * project is copied once; its healthy working tree is measured, then each regression is planted
 * into the copy's working tree (uncommitted, as a user's work in progress), measured, and undone
 * with {@code git checkout} and {@code git clean}:
 *
 * <ul>
 *   <li>a failing test: the first {@code @Test} method of the largest test class throws (Java), or
 *       the first {@code test_} function of the largest test module asserts False (Python);
 *   <li>a deleted test class: the largest test file is deleted;
 *   <li>an uncovered new method: a method with a branch appended to the largest main class/module;
 *   <li>a high-severity lint issue: PMD's priority-1 {@code ReturnEmptyCollectionRatherThanNull}
 *       (Java) or pylint's {@code undefined-variable} error (Python) in the largest main file;
 *   <li>a real-looking secret in main code: an AWS access key id as a constant there.
 * </ul>
 *
 * <p>Each must lower the score (the failing test the tests part, the uncovered method the coverage
 * part, the lint issue the lint part) and the secret must trip the security gate. Prints one line
 * per plant with PASS or FAIL and exits 1 when any failed.
 *
 * <pre>
 * ./mvnw -q -pl beca-benchmark -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.benchmark.bench.RealPlantedRegressions -Dexec.args="/work/cache/six /work/cache/commons-cli"
 * </pre>
 *
 * <p>{@code -Dplants=NAME,...} runs only the named plants (after the healthy tree), e.g. those a
 * slow Maven project has not had yet; the names are those printed.
 */
public final class RealPlantedRegressions {

  /** A planted AWS access key id: real-looking (the scanner's shape), not a real key. */
  private static final String PLANTED_AWS_KEY = "AKIAQ4R7ZJ2XK5MWTB3H";

  /**
   * A JUnit 4/5 {@code @Test} method's opening brace, or a JUnit 3 {@code public void testX()}'s.
   */
  private static final Pattern JAVA_TEST =
      Pattern.compile(
          "@Test\\b[^{;]*?\\{|public\\s+void\\s+test\\w*\\s*\\(\\s*\\)[^{;]*\\{", Pattern.DOTALL);

  private static final Pattern PYTHON_TEST =
      Pattern.compile("^([ \\t]*)def test_\\w+\\(.*\\).*:[ \\t]*$", Pattern.MULTILINE);

  private RealPlantedRegressions() {}

  /** A change planted into a working tree. */
  private record Plant(String name, Action action, Check check) {}

  @FunctionalInterface
  private interface Action {
    String apply(Path dir) throws Exception;
  }

  @FunctionalInterface
  private interface Check {
    String failure(BenchmarkResult base, BenchmarkResult planted);
  }

  /**
   * Plants and measures in each project folder given.
   *
   * @param args project folders (git working trees)
   */
  public static void main(String[] args) throws Exception {
    Path temp = Files.createTempDirectory("beca-planted");
    boolean allPassed = true;
    for (String arg : args) {
      allPassed &= check(Path.of(arg).toRealPath(), temp);
    }
    System.out.println(allPassed ? "ALL PASSED" : "SOME FAILED");
    System.exit(allPassed ? 0 : 1);
  }

  private static boolean check(Path project, Path temp) throws Exception {
    Path copy = temp.resolve("planted-" + project.getFileName());
    RawRuns.run(
        temp,
        Files.createDirectories(temp.resolve("copy-out")),
        "copy-" + project.getFileName(),
        System.getenv(),
        "cp",
        "-a",
        project.toString(),
        copy.toString());
    boolean maven = Files.isRegularFile(copy.resolve("pom.xml"));
    CodeBenchmark benchmark =
        CodeBenchmark.builder()
            .workDirectory(temp.resolve("work"))
            .timeout(Duration.ofMinutes(40))
            .build();
    long start = System.nanoTime();
    BenchmarkResult base = benchmark.run("base", copy, true, BenchmarkProgress.NONE);
    System.out.printf(
        Locale.ROOT,
        "== %s (%s): base %s (%.0f s)%n",
        project,
        maven ? "Maven" : "Python",
        describe(base),
        (System.nanoTime() - start) / 1e9);
    boolean passed = true;
    for (Plant plant : selected(maven ? javaPlants() : pythonPlants())) {
      String where;
      try {
        where = plant.action().apply(copy);
      } catch (Exception e) {
        System.out.println("  FAIL " + plant.name() + ": could not plant: " + e.getMessage());
        passed = false;
        continue;
      }
      start = System.nanoTime();
      BenchmarkResult planted = benchmark.run(plant.name(), copy, true, BenchmarkProgress.NONE);
      String failure = plant.check().failure(base, planted);
      System.out.printf(
          Locale.ROOT,
          "  %s %s (%s): %s (%.0f s)%s%n",
          failure == null ? "PASS" : "FAIL",
          plant.name(),
          where,
          describe(planted),
          (System.nanoTime() - start) / 1e9,
          failure == null ? "" : " - " + failure);
      passed &= failure == null;
      RawRuns.run(copy, temp.resolve("copy-out"), "reset", System.getenv(), "git", "checkout", ".");
      RawRuns.run(copy, temp.resolve("copy-out"), "clean", System.getenv(), "git", "clean", "-fdq");
    }
    return passed;
  }

  /**
   * The plants named in the system property {@code plants} (comma-separated, e.g. {@code
   * -Dplants=uncovered-method,secret-in-main-code}), or all of them when it is not set.
   */
  private static List<Plant> selected(List<Plant> plants) {
    String names = System.getProperty("plants", "").strip();
    if (names.isEmpty()) {
      return plants;
    }
    List<String> wanted = List.of(names.split("\\s*,\\s*"));
    List<Plant> chosen = plants.stream().filter(p -> wanted.contains(p.name())).toList();
    if (chosen.size() != wanted.size()) {
      throw new IllegalArgumentException(
          "Unknown plant among "
              + wanted
              + "; known: "
              + plants.stream().map(Plant::name).toList());
    }
    return chosen;
  }

  private static String describe(BenchmarkResult result) {
    Map<ProbeKind, Double> parts = result.score().parts();
    return String.format(
        Locale.ROOT,
        "score %.3f (tests %s, coverage %s, lint %s%s)",
        result.score().value(),
        part(parts, ProbeKind.TESTS),
        part(parts, ProbeKind.COVERAGE),
        part(parts, ProbeKind.LINT),
        result.score().securityGate() ? ", SECURITY GATE" : "");
  }

  private static String part(Map<ProbeKind, Double> parts, ProbeKind kind) {
    Double value = parts.get(kind);
    return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
  }

  private static Check lowers(ProbeKind kind) {
    return (base, planted) -> {
      Double before = base.score().parts().get(kind);
      Double after = planted.score().parts().get(kind);
      if (before == null || after == null || after >= before) {
        return kind + " part not lowered: " + before + " -> " + after;
      }
      return lowersScore().failure(base, planted);
    };
  }

  private static Check lowersScore() {
    return (base, planted) ->
        planted.score().value() < base.score().value()
            ? null
            : "score not lowered: " + base.score().value() + " -> " + planted.score().value();
  }

  private static Check tripsGate() {
    return (base, planted) ->
        planted.score().securityGate() && planted.score().value() == 0
            ? null
            : "the security gate did not trip: " + planted.score().explanation();
  }

  private static List<Plant> javaPlants() {
    return List.of(
        new Plant(
            "failing-test",
            dir -> {
              Path test = largest(dir, RealPlantedRegressions::isJavaTest);
              String text = Files.readString(test);
              Matcher m = JAVA_TEST.matcher(text);
              if (!m.find()) {
                throw new IllegalStateException("no @Test method in " + test);
              }
              // if (true) keeps the statements after it reachable for javac.
              Files.writeString(
                  test,
                  text.substring(0, m.end())
                      + " if (true) { throw new AssertionError(\"planted failure\"); } "
                      + text.substring(m.end()));
              return dir.relativize(test).toString();
            },
            lowers(ProbeKind.TESTS)),
        new Plant(
            "deleted-test-class",
            dir -> {
              Path test = largest(dir, RealPlantedRegressions::isJavaTest);
              Files.delete(test);
              return dir.relativize(test).toString();
            },
            lowersScore()),
        new Plant(
            "uncovered-method",
            dir ->
                appendToJavaClass(
                    dir,
                    "  public int plantedUncovered(int value) {\n"
                        + "    if (value > 0) {\n"
                        + "      return value * 2;\n"
                        + "    }\n"
                        + "    return -value;\n"
                        + "  }\n"),
            lowers(ProbeKind.COVERAGE)),
        new Plant(
            "high-severity-lint",
            dir ->
                appendToJavaClass(
                    dir,
                    "  public java.util.List<String> plantedNames() {\n"
                        + "    return null;\n"
                        + "  }\n"),
            lowers(ProbeKind.LINT)),
        new Plant(
            "secret-in-main-code",
            dir ->
                appendToJavaClass(
                    dir,
                    "  public static final String PLANTED_KEY_ID = \"" + PLANTED_AWS_KEY + "\";\n"),
            tripsGate()));
  }

  private static List<Plant> pythonPlants() {
    return List.of(
        new Plant(
            "failing-test",
            dir -> {
              Path test = largest(dir, RealPlantedRegressions::isPythonTest);
              String text = Files.readString(test);
              Matcher m = PYTHON_TEST.matcher(text);
              if (!m.find()) {
                throw new IllegalStateException("no one-line def test_ in " + test);
              }
              Files.writeString(
                  test,
                  text.substring(0, m.end())
                      + "\n"
                      + m.group(1)
                      + "    assert False, \"planted failure\""
                      + text.substring(m.end()));
              return dir.relativize(test).toString();
            },
            lowers(ProbeKind.TESTS)),
        new Plant(
            "deleted-test-module",
            dir -> {
              Path test = largest(dir, RealPlantedRegressions::isPythonTest);
              Files.delete(test);
              return dir.relativize(test).toString();
            },
            lowersScore()),
        new Plant(
            "uncovered-function",
            dir ->
                appendToPythonModule(
                    dir,
                    "\n\ndef planted_uncovered(value):\n"
                        + "    if value > 0:\n"
                        + "        return value * 2\n"
                        + "    return -value\n"),
            lowers(ProbeKind.COVERAGE)),
        new Plant(
            "high-severity-lint",
            dir ->
                appendToPythonModule(
                    dir, "\n\ndef planted_lint():\n    return planted_undefined_name\n"),
            lowers(ProbeKind.LINT)),
        new Plant(
            "secret-in-main-code",
            dir -> appendToPythonModule(dir, "\n\nPLANTED_KEY_ID = \"" + PLANTED_AWS_KEY + "\"\n"),
            tripsGate()));
  }

  private static String appendToJavaClass(Path dir, String member) throws Exception {
    Path main = largest(dir, rel -> isJavaClass(dir.resolve(rel), rel));
    String text = Files.readString(main);
    int end = text.lastIndexOf('}');
    Files.writeString(main, text.substring(0, end) + "\n" + member + text.substring(end));
    return dir.relativize(main).toString();
  }

  private static String appendToPythonModule(Path dir, String code) throws Exception {
    Path main = largest(dir, RealPlantedRegressions::isPythonMain);
    Files.writeString(main, Files.readString(main).stripTrailing() + "\n" + code);
    return dir.relativize(main).toString();
  }

  private static Path largest(Path dir, Predicate<Path> filter) throws Exception {
    List<Path> candidates = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .filter(p -> !dir.relativize(p).startsWith(".git"))
          .filter(Files::isRegularFile)
          .filter(p -> filter.test(dir.relativize(p)))
          .forEach(candidates::add);
    }
    return candidates.stream()
        .max(Comparator.comparingLong((Path p) -> p.toFile().length()).thenComparing(p -> p))
        .orElseThrow(() -> new IllegalStateException("no matching file in " + dir));
  }

  private static boolean isJavaTest(Path rel) {
    String path = rel.toString().replace('\\', '/');
    return path.contains("src/test/java/") && path.endsWith("Test.java");
  }

  private static boolean isJavaClass(Path file, Path rel) {
    String path = rel.toString().replace('\\', '/');
    if (!path.contains("src/main/java/") || !path.endsWith(".java")) {
      return false;
    }
    try {
      return Pattern.compile("^public (final |abstract )?class ", Pattern.MULTILINE)
          .matcher(Files.readString(file))
          .find();
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean isPythonTest(Path rel) {
    String name = rel.getFileName().toString();
    return (name.startsWith("test_") || name.endsWith("_test.py")) && name.endsWith(".py");
  }

  private static boolean isPythonMain(Path rel) {
    String path = rel.toString().replace('\\', '/');
    String name = rel.getFileName().toString();
    return name.endsWith(".py")
        && !isPythonTest(rel)
        && !name.equals("conftest.py")
        && !name.equals("setup.py")
        && !path.startsWith("tests/")
        && !path.contains("/tests/")
        && !path.startsWith("docs/")
        && !path.startsWith("tools/");
  }
}
