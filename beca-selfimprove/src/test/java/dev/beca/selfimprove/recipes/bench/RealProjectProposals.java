package dev.beca.selfimprove.recipes.bench;

import com.github.javaparser.JavaParser;
import dev.beca.selfimprove.analysis.CodeAnalysis;
import dev.beca.selfimprove.analysis.CodeIssue;
import dev.beca.selfimprove.analysis.IssueKind;
import dev.beca.selfimprove.analysis.JavaCodeAnalyzer;
import dev.beca.selfimprove.analysis.internal.JavaSyntax;
import dev.beca.selfimprove.recipes.RecipeChange;
import dev.beca.selfimprove.recipes.RecipeKind;
import dev.beca.selfimprove.recipes.RecipeProposer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Harness (not a test): the analyzer and the recipes on real projects we did not write. For each
 * project: issues by kind, changes by recipe, how many pass {@code git apply --check} on a copy of
 * the tree, how many apply one after the other; with {@code -Dbeca.bench.testCommand="./mvnw -o -q
 * test"} the project's own tests run on the copy with every change applied that applied in
 * sequence. {@code -Dbeca.bench.includeTests=true} proposes changes to test code too. With {@code
 * -Dbeca.bench.timing=true}, times {@code analyze} against a baseline of only reading and parsing
 * the same files with JavaParser, in the same run (alternating rounds).
 *
 * <pre>
 * ./mvnw -q -pl beca-selfimprove -am test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.beca.selfimprove.recipes.bench.RealProjectProposals \
 *   -Dexec.args="/work/cache/commons-cli /work/cache/gson"
 * </pre>
 */
public final class RealProjectProposals {

  private RealProjectProposals() {}

  /**
   * Runs the measurement.
   *
   * @param args project folders
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: RealProjectProposals PROJECT_DIR...");
      System.exit(2);
    }
    String testCommand = System.getProperty("beca.bench.testCommand", "");
    for (String arg : args) {
      Path project = Path.of(arg).toAbsolutePath().normalize();
      measure(project, testCommand);
    }
    if (Boolean.getBoolean("beca.bench.timing")) {
      time(Path.of(args[args.length - 1]).toAbsolutePath().normalize());
    }
  }

  private static void measure(Path project, String testCommand) throws Exception {
    System.out.println("== " + project);
    CodeAnalysis analysis = JavaCodeAnalyzer.builder().build().analyze(project);
    long shipped = analysis.issues().stream().filter(i -> !i.inTests()).count();
    System.out.printf(
        "files %d, parse problems %d, classes %d, methods %d, issues %d (%d in shipped code)%n",
        analysis.files(),
        analysis.problems().size(),
        analysis.classes().size(),
        analysis.methods().size(),
        analysis.issues().size(),
        shipped);
    Map<IssueKind, int[]> byKind = new EnumMap<>(IssueKind.class);
    for (CodeIssue issue : analysis.issues()) {
      byKind.computeIfAbsent(issue.kind(), k -> new int[2])[issue.inTests() ? 1 : 0]++;
    }
    System.out.println("| kind | shipped | tests |");
    byKind.forEach((kind, n) -> System.out.printf("| %s | %d | %d |%n", kind, n[0], n[1]));

    boolean includeTests = Boolean.getBoolean("beca.bench.includeTests");
    List<RecipeChange> changes =
        RecipeProposer.builder().includeTests(includeTests).build().propose(project, analysis);
    System.out.println(
        "proposals for " + (includeTests ? "shipped and test code" : "shipped code"));
    Path copy = copyAsRepository(project);
    Map<RecipeKind, int[]> byRecipe = new EnumMap<>(RecipeKind.class);
    List<RecipeChange> clean = new ArrayList<>();
    for (RecipeChange change : changes) {
      int[] counts = byRecipe.computeIfAbsent(change.recipe(), k -> new int[2]);
      counts[0]++;
      if (gitApply(copy, change.diff(), true)) {
        counts[1]++;
        clean.add(change);
      } else {
        System.out.println("DOES NOT APPLY:\n" + change.diff());
      }
    }
    System.out.println("| recipe | changes | git apply --check |");
    byRecipe.forEach((kind, n) -> System.out.printf("| %s | %d | %d |%n", kind, n[0], n[1]));
    System.out.printf("changes %d, apply cleanly %d%n", changes.size(), clean.size());
    List<RecipeChange> sample = nonOverlapping(clean);
    int applied = 0;
    for (RecipeChange change : sample) {
      if (gitApply(copy, change.diff(), false)) {
        applied++;
      }
    }
    System.out.printf(
        "applied together on one copy: %d of %d chosen so that no two hunks (with their context)"
            + " overlap%n",
        applied, sample.size());
    List<String> stillParsing = new ArrayList<>();
    JavaParser parser = JavaSyntax.parser();
    for (RecipeChange change : clean) {
      for (String file : change.files()) {
        String text = Files.readString(copy.resolve(file));
        if (JavaSyntax.parse(parser, text, new String[1]).isEmpty()) {
          stillParsing.add(file);
        }
      }
    }
    System.out.println("files that no longer parse: " + stillParsing);
    // Outside the copy: a build's licence check (Apache RAT) would count them as sources.
    Path combined = copy.resolveSibling(copy.getFileName() + "-applied.diff");
    Path log = copy.resolveSibling(copy.getFileName() + "-tests.log");
    Files.writeString(combined, run(copy, "git", "diff").output());
    System.out.println("combined diff: " + combined);
    if (!testCommand.isBlank()) {
      long start = System.nanoTime();
      String tests =
          sample.stream()
              .flatMap(change -> change.files().stream())
              .filter(file -> file.contains("src/test/java/"))
              .map(file -> file.substring(file.lastIndexOf('/') + 1).replace(".java", ""))
              .distinct()
              .sorted()
              .collect(java.util.stream.Collectors.joining(","));
      String command = testCommand.replace("{tests}", tests);
      Result result = run(copy, "sh", "-c", command + " > " + log + " 2>&1");
      System.out.printf(
          "tests with %d changes applied: '%s' exit %d in %.0f s (log %s)%n",
          applied, command, result.code(), (System.nanoTime() - start) / 1e9, log);
    }
  }

  /** Changes whose hunks (context included) overlap no earlier chosen change's hunks. */
  private static List<RecipeChange> nonOverlapping(List<RecipeChange> changes) {
    java.util.regex.Pattern hunk =
        java.util.regex.Pattern.compile(
            "^@@ -(\\d+)(?:,(\\d+))? ", java.util.regex.Pattern.MULTILINE);
    Map<String, List<int[]>> taken = new java.util.HashMap<>();
    List<RecipeChange> chosen = new ArrayList<>();
    for (RecipeChange change : changes) {
      List<int[]> ranges = new ArrayList<>();
      java.util.regex.Matcher matcher = hunk.matcher(change.diff());
      while (matcher.find()) {
        int start = Integer.parseInt(matcher.group(1));
        int length = matcher.group(2) == null ? 1 : Integer.parseInt(matcher.group(2));
        ranges.add(new int[] {start, start + length});
      }
      List<int[]> used = taken.computeIfAbsent(change.files().get(0), f -> new ArrayList<>());
      boolean overlaps =
          ranges.stream().anyMatch(r -> used.stream().anyMatch(u -> r[0] <= u[1] && u[0] <= r[1]));
      if (!overlaps) {
        used.addAll(ranges);
        chosen.add(change);
      }
    }
    return chosen;
  }

  private static void time(Path project) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(project)) {
      files =
          walk.filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
              .sorted()
              .toList();
    }
    JavaCodeAnalyzer analyzer = JavaCodeAnalyzer.builder().build();
    int rounds = Integer.getInteger("beca.bench.rounds", 7);
    long[] parse = new long[rounds];
    long[] analyse = new long[rounds];
    int sink = 0;
    for (int warm = 0; warm < 2; warm++) {
      sink += parseAll(files);
      sink += analyzer.analyze(project).issues().size();
    }
    for (int r = 0; r < rounds; r++) {
      boolean parseFirst = r % 2 == 0;
      for (int step = 0; step < 2; step++) {
        long start = System.nanoTime();
        if (step == 0 == parseFirst) {
          sink += parseAll(files);
          parse[r] = System.nanoTime() - start;
        } else {
          sink += analyzer.analyze(project).issues().size();
          analyse[r] = System.nanoTime() - start;
        }
      }
    }
    Arrays.sort(parse);
    Arrays.sort(analyse);
    double p = parse[rounds / 2] / 1e6;
    double a = analyse[rounds / 2] / 1e6;
    System.out.printf(
        "timing %s: %d files, %d rounds, median parse only %.0f ms, median analyze %.0f ms,"
            + " ratio %.2f (min %.0f / %.0f ms) [%d]%n",
        project, files.size(), rounds, p, a, a / p, parse[0] / 1e6, analyse[0] / 1e6, sink);
  }

  private static int parseAll(List<Path> files) throws IOException {
    JavaParser parser = JavaSyntax.parser();
    int ok = 0;
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (parser.parse(text).isSuccessful()) {
        ok++;
      }
    }
    return ok;
  }

  private static Path copyAsRepository(Path project) throws Exception {
    Path copy = Files.createTempDirectory("beca-proposals-");
    try (Stream<Path> walk = Files.walk(project)) {
      for (Path source : (Iterable<Path>) walk::iterator) {
        Path relative = project.relativize(source);
        String text = relative.toString();
        if (text.equals(".git")
            || text.startsWith(".git/")
            || ("/" + text + "/").contains("/target/")) {
          continue;
        }
        Path target = copy.resolve(relative);
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else if (Files.isRegularFile(source)) {
          Files.copy(source, target);
        }
      }
    }
    run(copy, "git", "init", "-q");
    run(copy, "git", "config", "core.autocrlf", "false");
    run(copy, "git", "add", "-A", "-f");
    run(
        copy,
        "git",
        "-c",
        "user.name=b",
        "-c",
        "user.email=b@example.org",
        "commit",
        "-q",
        "-m",
        "base");
    System.out.println("copy: " + copy);
    return copy;
  }

  private static boolean gitApply(Path repo, String diff, boolean checkOnly) throws Exception {
    Path patch = Files.createTempFile("beca", ".diff");
    try {
      Files.writeString(patch, diff);
      Result result =
          checkOnly
              ? run(repo, "git", "apply", "--check", patch.toString())
              : run(repo, "git", "apply", patch.toString());
      return result.code() == 0;
    } finally {
      Files.delete(patch);
    }
  }

  private static Result run(Path dir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return new Result(-1, output);
    }
    return new Result(process.exitValue(), output);
  }

  private record Result(int code, String output) {}
}
