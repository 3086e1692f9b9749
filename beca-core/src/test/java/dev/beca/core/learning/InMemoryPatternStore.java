package dev.beca.core.learning;

import dev.beca.core.secrets.SecretScanner;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reference {@link PatternStore}: a map in memory, for tests and the contract. Like every
 * store, it redacts secrets in every text before keeping a pattern.
 */
public final class InMemoryPatternStore implements PatternStore {

  private final Clock clock;
  private final Map<Long, Pattern> patterns = new HashMap<>();
  private final Map<String, Long> byIdentity = new HashMap<>();

  /** A store stamping patterns with the system clock. */
  public InMemoryPatternStore() {
    this(Clock.systemUTC());
  }

  /** A store stamping patterns with a clock. */
  public InMemoryPatternStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Pattern save(NewPattern pattern) {
    Objects.requireNonNull(pattern, "pattern");
    SecretScanner scanner = SecretScanner.standard();
    NewPattern clean = pattern.mapTexts(text -> scanner.redact("pattern", text).text());
    Instant now = clock.instant();
    Long existingId = byIdentity.get(clean.identity());
    Pattern saved;
    if (existingId == null) {
      long id = patterns.size() + 1L;
      saved =
          new Pattern(
              id,
              clean.kind(),
              clean.taskType(),
              clean.request(),
              clean.solutionSummary(),
              clean.toolsUsed(),
              clean.architectureType(),
              clean.frameworks(),
              clean.performanceNotes(),
              clean.source(),
              clean.evidence(),
              1,
              now,
              now);
      byIdentity.put(clean.identity(), id);
    } else {
      Pattern old = patterns.get(existingId);
      Set<String> known = new HashSet<>(old.evidence());
      List<String> fresh = clean.evidence().stream().filter(e -> !known.contains(e)).toList();
      boolean seenAgain = !clean.evidence().isEmpty() && fresh.isEmpty();
      List<String> evidence = new ArrayList<>(old.evidence());
      evidence.addAll(fresh);
      if (evidence.size() > NewPattern.MAX_EVIDENCE) {
        evidence = evidence.subList(evidence.size() - NewPattern.MAX_EVIDENCE, evidence.size());
      }
      LinkedHashSet<String> tools = new LinkedHashSet<>(old.toolsUsed());
      tools.addAll(clean.toolsUsed());
      saved =
          new Pattern(
              old.id(),
              old.kind(),
              old.taskType(),
              old.request(),
              old.solutionSummary(),
              List.copyOf(tools),
              old.architectureType(),
              old.frameworks(),
              clean.performanceNotes().isEmpty()
                  ? old.performanceNotes()
                  : clean.performanceNotes(),
              old.source(),
              evidence,
              old.occurrences() + (seenAgain ? 0 : 1),
              old.createdAt(),
              now);
    }
    patterns.put(saved.id(), saved);
    return saved;
  }

  @Override
  public synchronized List<Pattern> search(String query, int limit) {
    List<String> words = PatternQueries.words(query);
    positive(limit);
    record Scored(Pattern pattern, long score) {}
    return patterns.values().stream()
        .map(
            p -> {
              Set<String> text = new HashSet<>(PatternQueries.split(searchable(p)));
              return new Scored(p, words.stream().filter(text::contains).count());
            })
        .filter(s -> s.score() > 0)
        .sorted(
            Comparator.comparingLong(Scored::score)
                .reversed()
                .thenComparing(s -> -s.pattern().occurrences())
                .thenComparingLong(s -> s.pattern().id()))
        .limit(limit)
        .map(Scored::pattern)
        .toList();
  }

  private static String searchable(Pattern p) {
    return String.join(
        " ",
        p.taskType(),
        p.request(),
        p.solutionSummary(),
        String.join(" ", p.toolsUsed()),
        p.architectureType(),
        String.join(" ", p.frameworks()),
        p.performanceNotes());
  }

  @Override
  public synchronized List<Pattern> list(Optional<PatternKind> kind, int limit) {
    Objects.requireNonNull(kind, "kind");
    positive(limit);
    return patterns.values().stream()
        .filter(p -> kind.isEmpty() || p.kind() == kind.get())
        .sorted(
            Comparator.comparingLong(Pattern::occurrences)
                .reversed()
                .thenComparing(Pattern::updatedAt, Comparator.reverseOrder())
                .thenComparingLong(Pattern::id))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized Optional<Pattern> get(long id) {
    return Optional.ofNullable(patterns.get(id));
  }

  private static void positive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
  }
}
