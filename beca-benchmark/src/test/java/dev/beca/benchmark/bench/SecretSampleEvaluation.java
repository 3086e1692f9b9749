package dev.beca.benchmark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.secrets.Confidence;
import dev.beca.core.secrets.SecretFinding;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.secrets.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recall and false-positive rate of BECA's default rules, per provider, on a labelled set BECA
 * never saw: the positive and negative samples of gitleaks', trufflehog's and detect-secrets' rule
 * tests and samples drawn from the providers' documented formats, extracted as data by {@code
 * docs/harness/extract_secret_samples.py}. Not part of {@code mvn verify} (it needs the fetched
 * repositories); run it as documented in docs/secrets.md:
 *
 * <pre>
 * python3 docs/harness/extract_secret_samples.py /work/cache/src /work/cache/secret-samples/samples.jsonl
 * ./mvnw -q -pl beca-benchmark -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.benchmark.bench.SecretSampleEvaluation \
 *     -Dexec.args="/work/cache/secret-samples/samples.jsonl"
 * </pre>
 *
 * A positive counts as found when the scanner reports anything in it; a negative counts as a false
 * positive when it reports anything. Both are given at two thresholds: every finding (what write
 * paths redact) and the findings {@code beca scan} reports by default (confidence medium or more).
 * A second argument {@code misses} prints the samples missed or falsely flagged.
 *
 * <p>The set is split in two halves by the SHA-256 of each sample's text (even first byte: the
 * <em>tuning</em> half, odd: the <em>held-out</em> half), and the tables are printed for each half
 * and for the whole. {@code misses} prints the tuning half's misses only, so rules can be tuned on
 * it while the held-out half stays unseen; {@code misses-all} prints every miss; {@code misses-low}
 * prints the tuning half's misses and its negatives found at low confidence only (what raising a
 * confidence would cost).
 */
public final class SecretSampleEvaluation {

  private SecretSampleEvaluation() {}

  public static void main(String[] args) throws Exception {
    Path samples = Path.of(args.length > 0 ? args[0] : "/work/cache/secret-samples/samples.jsonl");
    boolean showMisses = args.length > 1 && args[1].startsWith("misses");
    boolean showAllMisses = args.length > 1 && args[1].equals("misses-all");
    boolean showLowNegatives = args.length > 1 && args[1].equals("misses-low");
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    ObjectMapper json = new ObjectMapper();
    SecretScanner scanner = SecretScanner.standard();
    Map<String, int[]> byProvider = new TreeMap<>();
    Map<String, int[]> tuningHalf = new TreeMap<>();
    Map<String, int[]> heldOutHalf = new TreeMap<>();
    Map<String, int[]> bySource = new TreeMap<>();
    List<String> misses = new ArrayList<>();
    for (String line : Files.readAllLines(samples, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode sample = json.readTree(line);
      String provider = sample.get("provider").asText();
      String text = sample.get("text").asText();
      boolean positive = sample.get("label").asText().equals("positive");
      List<SecretFinding> found = scanner.scan("sample.txt", text);
      boolean any = !found.isEmpty();
      boolean reported = found.stream().anyMatch(f -> f.reaches(Severity.LOW, Confidence.MEDIUM));
      boolean tuning = (sha256.digest(text.getBytes(StandardCharsets.UTF_8))[0] & 1) == 0;
      Map<String, int[]> half = tuning ? tuningHalf : heldOutHalf;
      for (int[] c :
          List.of(
              half.computeIfAbsent(provider, k -> new int[6]),
              half.computeIfAbsent("(all)", k -> new int[6]),
              byProvider.computeIfAbsent(provider, k -> new int[6]),
              bySource.computeIfAbsent(sample.get("source").asText(), k -> new int[6]),
              byProvider.computeIfAbsent("(all)", k -> new int[6]))) {
        int base = positive ? 0 : 3;
        c[base]++;
        c[base + 1] += any ? 1 : 0;
        c[base + 2] += reported ? 1 : 0;
      }
      if ((positive ? !reported : reported) && (tuning || showAllMisses)) {
        misses.add(
            (positive ? (any ? "LOW-ONLY " : "MISSED  ") : "FLAGGED ")
                + provider
                + " "
                + sample.get("unit").asText()
                + ": "
                + abbreviate(text)
                + (positive && !any ? "" : " -> " + found));
      } else if (showLowNegatives && tuning && !positive && any) {
        misses.add(
            "LOW-NEG  "
                + provider
                + " "
                + sample.get("unit").asText()
                + ": "
                + abbreviate(text)
                + " -> "
                + found);
      }
    }
    System.out.println(
        "| Provider | Positives | Recall (all findings) | Recall (default report) | Negatives"
            + " | FP rate (all findings) | FP rate (default report) |");
    System.out.println("|---|---|---|---|---|---|---|");
    byProvider.forEach((provider, c) -> System.out.println(row(provider, c)));
    System.out.println();
    System.out.println(
        "| Source | Positives | Recall (all findings) | Recall (default report) | Negatives"
            + " | FP rate (all findings) | FP rate (default report) |");
    System.out.println("|---|---|---|---|---|---|---|");
    bySource.forEach((source, c) -> System.out.println(row(source, c)));
    for (Map.Entry<String, Map<String, int[]>> part :
        Map.of("Tuning half", tuningHalf, "Held-out half", heldOutHalf).entrySet().stream()
            .sorted(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))
            .toList()) {
      System.out.println();
      System.out.println(
          "| "
              + part.getKey()
              + " | Positives | Recall (all findings) | Recall (default report) | Negatives"
              + " | FP rate (all findings) | FP rate (default report) |");
      System.out.println("|---|---|---|---|---|---|---|");
      part.getValue().forEach((provider, c) -> System.out.println(row(provider, c)));
    }
    if (showMisses) {
      System.out.println();
      misses.forEach(System.out::println);
    }
  }

  private static String row(String name, int[] c) {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %s | %s | %d | %s | %s |",
        name,
        c[0],
        ratio(c[1], c[0]),
        ratio(c[2], c[0]),
        c[3],
        ratio(c[4], c[3]),
        ratio(c[5], c[3]));
  }

  private static String ratio(int part, int whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.2f (%d)", (double) part / whole, part);
  }

  private static String abbreviate(String text) {
    String flat = text.replace("\n", "\\n").replace("\t", "\\t");
    return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
  }
}
