package dev.beca.benchmark.bench;

import dev.beca.benchmark.SecretScanReport;
import dev.beca.benchmark.SecretTreeScanner;
import dev.beca.core.secrets.SecretFinding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Secret scanning accuracy and throughput: BECA's {@link SecretTreeScanner} and secretlint 11 (with
 * {@code @secretlint/secretlint-rule-preset-recommend}) on the same generated corpus, in the same
 * run. Not part of {@code mvn verify}; run it as documented in docs/performance.md:
 *
 * <pre>
 * npm install --prefix /tmp/secretlint secretlint@11 @secretlint/secretlint-rule-preset-recommend@11
 * ./mvnw -q -pl beca-benchmark -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.benchmark.bench.SecretScanBenchmark \
 *     -Dexec.args="target/secret-corpus 100 /tmp/secretlint"
 * </pre>
 *
 * Arguments: corpus folder (generated when missing), size in MB, secretlint install prefix, rounds
 * (default 3; the median round of each tool is reported). Recall counts planted secrets reported on
 * their line; false positives are findings in {@code clean/} plus findings in {@code planted/} on
 * lines without a planted secret.
 */
public final class SecretScanBenchmark {

  private static final Pattern COMPACT =
      Pattern.compile("^(.*): line (\\d+), col \\d+, .*\\((.*)\\)$");

  private SecretScanBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args.length > 0 ? args[0] : "target/secret-corpus").toAbsolutePath();
    long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 100;
    Path secretlintHome = Path.of(args.length > 2 ? args[2] : "/tmp/secretlint");
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    if (!Files.exists(corpus.resolve("planted.tsv"))) {
      System.out.printf("Generating a %d MB corpus in %s ...%n", megabytes, corpus);
      new SecretCorpus(2026).write(corpus, megabytes * 1024 * 1024, 0.15);
    }
    Set<String> planted = new HashSet<>();
    Map<String, Integer> plantedByKind = new TreeMap<>();
    Map<String, String> kindAt = new TreeMap<>();
    for (String row : Files.readAllLines(corpus.resolve("planted.tsv"))) {
      String[] f = row.split("\t");
      planted.add(f[0] + ":" + f[1]);
      kindAt.put(f[0] + ":" + f[1], f[2]);
      plantedByKind.merge(f[2], 1, Integer::sum);
    }
    long bytes;
    try (Stream<Path> files = Files.walk(corpus)) {
      bytes =
          files
              .filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().equals("planted.tsv"))
              .mapToLong(p -> p.toFile().length())
              .sum();
    }
    System.out.printf(
        "Corpus: %s, %.1f MB, %d planted secrets%n", corpus, bytes / 1e6, planted.size());

    // One warm-up pass (JIT), then rounds alternating BECA (1 thread, one per processor) and
    // secretlint, so that load from elsewhere hits both alike; the median round of each is
    // reported.
    int processors = Runtime.getRuntime().availableProcessors();
    SecretTreeScanner.builder().build().scanTree(corpus.resolve("planted"));
    List<Score> single = new ArrayList<>();
    List<Score> parallel = new ArrayList<>();
    List<Score> lint = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      System.out.println("Round " + round + " of " + rounds);
      single.add(beca("BECA, 1 thread", 1, corpus, planted, kindAt, plantedByKind, bytes));
      if (processors > 1) {
        parallel.add(
            beca(
                "BECA, " + processors + " threads",
                processors,
                corpus,
                planted,
                kindAt,
                plantedByKind,
                bytes));
      }
      Score secretlintRound =
          runSecretlint(secretlintHome, corpus, planted, kindAt, plantedByKind, bytes);
      if (secretlintRound != null) {
        lint.add(secretlintRound);
      }
    }
    Score becaSingle = median(single);
    Score becaScore = parallel.isEmpty() ? becaSingle : median(parallel);
    Score secretlint = lint.isEmpty() ? null : median(lint);
    System.out.println();
    System.out.println("Median of " + rounds + " rounds:");
    System.out.println("| Tool | Time (s) | Throughput (MB/s) | Recall | False positives |");
    System.out.println("|---|---|---|---|---|");
    System.out.println(becaSingle.row());
    if (becaScore != becaSingle) {
      System.out.println(becaScore.row());
    }
    if (secretlint != null) {
      System.out.println(secretlint.row());
      System.out.printf(
          Locale.ROOT,
          "Throughput ratio BECA / secretlint: %.1fx with 1 thread, %.1fx with %d%n",
          becaSingle.throughput() / secretlint.throughput(),
          becaScore.throughput() / secretlint.throughput(),
          processors);
    }
    System.out.println();
    System.out.println("Recall by kind (BECA / secretlint):");
    for (String kind : plantedByKind.keySet()) {
      System.out.printf(
          Locale.ROOT,
          "  %-32s %4d planted  %5.1f%%  %s%n",
          kind,
          plantedByKind.get(kind),
          100.0 * becaScore.foundByKind.getOrDefault(kind, 0) / plantedByKind.get(kind),
          secretlint == null
              ? "-"
              : String.format(
                  Locale.ROOT,
                  "%5.1f%%",
                  100.0 * secretlint.foundByKind.getOrDefault(kind, 0) / plantedByKind.get(kind)));
    }
  }

  private static Score median(List<Score> scores) {
    List<Score> sorted = new ArrayList<>(scores);
    sorted.sort(Comparator.comparingDouble(Score::seconds));
    return sorted.get(sorted.size() / 2);
  }

  private static Score beca(
      String name,
      int threads,
      Path corpus,
      Set<String> planted,
      Map<String, String> kindAt,
      Map<String, Integer> plantedByKind,
      long bytes) {
    SecretTreeScanner scanner =
        SecretTreeScanner.builder().maxFileBytes(10L * 1024 * 1024).threads(threads).build();
    long start = System.nanoTime();
    SecretScanReport report = scanner.scanTree(corpus);
    double seconds = (System.nanoTime() - start) / 1e9;
    Set<String> hits = new HashSet<>();
    for (SecretFinding f : report.findings()) {
      if (!f.location().source().equals("planted.tsv")) {
        hits.add(f.location().source() + ":" + f.location().line());
      }
    }
    return score(name, hits, planted, kindAt, plantedByKind, seconds, bytes);
  }

  private static Score runSecretlint(
      Path home,
      Path corpus,
      Set<String> planted,
      Map<String, String> kindAt,
      Map<String, Integer> plantedByKind,
      long bytes)
      throws IOException, InterruptedException {
    Path bin = home.resolve("node_modules/.bin/secretlint");
    if (!Files.isExecutable(bin)) {
      System.out.println(
          "secretlint is not installed at "
              + home
              + "; install it with: npm install --prefix "
              + home
              + " secretlint@11 @secretlint/secretlint-rule-preset-recommend@11");
      return null;
    }
    Path rc = Files.createTempFile("secretlintrc", ".json");
    Path output = Files.createTempFile("secretlint", ".txt");
    Files.writeString(
        rc, "{\"rules\":[{\"id\":\"@secretlint/secretlint-rule-preset-recommend\"}]}");
    ProcessBuilder builder =
        new ProcessBuilder(
                bin.toString(),
                "clean/**/*",
                "planted/**/*",
                "--format",
                "compact",
                "--no-color",
                "--secretlintrc",
                rc.toString(),
                "--output",
                output.toString())
            .directory(corpus.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("NODE_OPTIONS", "--max-old-space-size=4096");
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(3, TimeUnit.HOURS)) {
      process.destroyForcibly();
      throw new IllegalStateException("secretlint did not finish within 3 hours");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Set<String> hits = new HashSet<>();
    String prefix = corpus.toString() + "/";
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      Matcher m = COMPACT.matcher(line);
      if (m.matches()) {
        String file =
            m.group(1).startsWith(prefix) ? m.group(1).substring(prefix.length()) : m.group(1);
        hits.add(file + ":" + m.group(2));
      }
    }
    System.out.printf("secretlint exit code %d, %d findings%n", process.exitValue(), hits.size());
    return score(
        "secretlint 11 (preset-recommend)", hits, planted, kindAt, plantedByKind, seconds, bytes);
  }

  private static Score score(
      String tool,
      Set<String> hits,
      Set<String> planted,
      Map<String, String> kindAt,
      Map<String, Integer> plantedByKind,
      double seconds,
      long bytes) {
    int found = 0;
    Map<String, Integer> foundByKind = new TreeMap<>();
    for (String p : planted) {
      if (hits.contains(p)) {
        found++;
        foundByKind.merge(kindAt.get(p), 1, Integer::sum);
      }
    }
    long falsePositives = hits.stream().filter(h -> !planted.contains(h)).count();
    List<String> examples =
        hits.stream()
            .filter(h -> !planted.contains(h))
            .sorted(Comparator.naturalOrder())
            .limit(5)
            .toList();
    System.out.printf(
        Locale.ROOT,
        "%s: %.1f s, %d/%d planted found, %d false positives %s%n",
        tool,
        seconds,
        found,
        planted.size(),
        falsePositives,
        examples);
    return new Score(
        tool,
        seconds,
        bytes / 1e6 / seconds,
        (double) found / planted.size(),
        falsePositives,
        foundByKind);
  }

  private record Score(
      String tool,
      double seconds,
      double throughput,
      double recall,
      long falsePositives,
      Map<String, Integer> foundByKind) {
    String row() {
      return String.format(
          Locale.ROOT,
          "| %s | %.1f | %.2f | %.1f%% | %d |",
          tool,
          seconds,
          throughput,
          recall * 100,
          falsePositives);
    }
  }
}
