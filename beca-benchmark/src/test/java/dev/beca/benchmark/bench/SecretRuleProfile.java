package dev.beca.benchmark.bench;

import dev.beca.core.secrets.DefaultSecretScanner;
import dev.beca.core.secrets.SecretRule;
import dev.beca.core.secrets.SecretRuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which of the default secret rules cost the time: scans the same in-memory files once with all
 * rules and then with each rule alone (its own scanner: the keyword pass over the text plus that
 * rule's regex work), one thread, median of a few rounds of CPU time, and prints the rules by cost.
 * Not part of {@code mvn verify}; run as documented in docs/performance.md:
 *
 * <pre>
 * ./mvnw -q -pl beca-benchmark -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.benchmark.bench.SecretRuleProfile \
 *     -Dexec.args="/work/cache/secret-corpus 4 3"
 * </pre>
 *
 * Arguments: the corpus folder, every how many files to take (4: a quarter), rounds, and optionally
 * a rule file to profile instead of the default rules (e.g. an older version of them). A rule alone
 * still pays the keyword pass and the line bookkeeping, so the baseline line ("no rule": a scanner
 * whose single rule never matches a keyword) is printed too and each rule's own cost is its time
 * minus that baseline.
 */
public final class SecretRuleProfile {

  private SecretRuleProfile() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "/work/cache/secret-corpus");
    int every = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    List<String[]> files = new ArrayList<>();
    long bytes = 0;
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> all = walk.filter(Files::isRegularFile).sorted().toList();
      for (int i = 0; i < all.size(); i += every) {
        String text = Files.readString(all.get(i), StandardCharsets.UTF_8);
        files.add(new String[] {root.relativize(all.get(i)).toString(), text});
        bytes += text.length();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d files, %.1f MB, %d round(s), 1 thread%n",
        files.size(),
        bytes / 1e6,
        rounds);
    SecretRuleSet defaults =
        args.length > 3 && !args[3].equals("-")
            ? SecretRuleSet.load(Path.of(args[3]))
            : SecretRuleSet.defaults();
    if (args.length > 4 && args[4].equals("compare")) {
      // The given rule file against the default rules, rounds alternating, same files.
      DefaultSecretScanner given = DefaultSecretScanner.builder().rules(defaults).build();
      DefaultSecretScanner current = DefaultSecretScanner.standard();
      double[] a = new double[rounds];
      double[] b = new double[rounds];
      time(given, files, 2);
      time(current, files, 2);
      for (int r = 0; r < rounds; r++) {
        a[r] = time(given, files, 1);
        b[r] = time(current, files, 1);
      }
      java.util.Arrays.sort(a);
      java.util.Arrays.sort(b);
      System.out.printf(
          Locale.ROOT,
          "%s: %.0f ms CPU (%.1f MB/s); default rules: %.0f ms CPU (%.1f MB/s); medians of %d"
              + " alternating rounds%n",
          args[3],
          a[rounds / 2],
          bytes / 1e3 / a[rounds / 2],
          b[rounds / 2],
          bytes / 1e3 / b[rounds / 2],
          rounds);
      return;
    }
    DefaultSecretScanner all = DefaultSecretScanner.builder().rules(defaults).build();
    double allMs = time(all, files, rounds + 1);
    SecretRule never =
        SecretRuleSet.parse(
                "profile",
                "[[rules]]\nid = \"never\"\nregex = '''zq9zq9zq9'''\nkeywords = [\"zq9zq9zq9\"]\n")
            .rules()
            .get(0);
    double baseMs =
        time(
            DefaultSecretScanner.builder()
                .rules(new SecretRuleSet(List.of(never), defaults.allowlists()))
                .build(),
            files,
            rounds);
    List<Object[]> perRule = new ArrayList<>();
    java.util.Set<String> only =
        args.length > 4 ? java.util.Set.of(args[4].split(",")) : java.util.Set.of();
    for (SecretRule rule : defaults.rules()) {
      if (!only.isEmpty() && !only.contains(rule.id())) {
        continue;
      }
      DefaultSecretScanner alone =
          DefaultSecretScanner.builder()
              .rules(new SecretRuleSet(List.of(rule), defaults.allowlists()))
              .build();
      perRule.add(new Object[] {rule.id(), time(alone, files, rounds) - baseMs});
    }
    perRule.sort(Comparator.comparingDouble(r -> -(double) r[1]));
    double allAgainMs = time(all, files, rounds);
    System.out.printf(
        Locale.ROOT,
        "all rules: %.0f ms CPU (%.1f MB/s); again after the per-rule runs: %.0f ms%n",
        allMs,
        bytes / 1e3 / allMs,
        allAgainMs);
    System.out.printf(Locale.ROOT, "no rule (keyword pass, lines): %.0f ms%n", baseMs);
    double sum = 0;
    for (Object[] r : perRule) {
      sum += Math.max(0, (double) r[1]);
    }
    System.out.println("| Rule | Own time (ms) | Share of the rules' sum |");
    System.out.println("|---|---|---|");
    for (Object[] r : perRule) {
      double ms = (double) r[1];
      System.out.printf(
          Locale.ROOT, "| %s | %.0f | %.0f%% |%n", r[0], ms, 100 * Math.max(0, ms) / sum);
    }
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * Median CPU time of this thread in ms (not wall time: the machine is shared, and CPU time is
   * what a rule costs) of scanning every file once, after one warm-up pass.
   */
  private static double time(DefaultSecretScanner scanner, List<String[]> files, int rounds) {
    long sink = 0;
    for (String[] f : files) {
      sink += scanner.scan(f[0], f[1]).size();
    }
    double[] ms = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = THREADS.getCurrentThreadCpuTime();
      for (String[] f : files) {
        sink += scanner.scan(f[0], f[1]).size();
      }
      ms[r] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
    }
    if (sink < 0) {
      System.out.println(sink);
    }
    java.util.Arrays.sort(ms);
    return ms[rounds / 2];
  }
}
