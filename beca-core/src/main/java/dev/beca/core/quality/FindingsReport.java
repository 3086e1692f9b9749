package dev.beca.core.quality;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The findings of a linter or security scanner and the size of the code it looked at.
 *
 * @param findings every finding, as reported
 * @param linesOfCode non-blank lines in the files analysed
 * @param filesAnalysed how many files were analysed
 */
public record FindingsReport(List<Finding> findings, long linesOfCode, int filesAnalysed) {

  /** Checks the counts and copies the list. */
  public FindingsReport {
    findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
    if (linesOfCode < 0 || filesAnalysed < 0) {
      throw new IllegalArgumentException("linesOfCode and filesAnalysed must not be negative");
    }
  }

  /** Findings per 1,000 lines of code; 0 when there is no code. */
  public double perThousandLines() {
    return linesOfCode == 0 ? 0 : findings.size() * 1000.0 / linesOfCode;
  }

  /** How many findings there are of each priority (1 to 5), in priority order. */
  public Map<Integer, Long> byPriority() {
    return findings.stream()
        .collect(Collectors.groupingBy(Finding::priority, TreeMap::new, Collectors.counting()));
  }

  /** How many findings are high severity. */
  public long highSeverity() {
    return findings.stream().filter(f -> f.severity() == Severity.HIGH).count();
  }

  /** The rules with the most findings, most first (ties by name), at most {@code limit}. */
  public Map<String, Long> topRules(int limit) {
    Map<String, Long> counts =
        findings.stream()
            .collect(Collectors.groupingBy(Finding::rule, TreeMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(limit)
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }
}
