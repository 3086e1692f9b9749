package dev.beca.core.learning;

import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.secrets.SecretScanner;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link LessonStore} in a map: the reference implementation of the contract, for tests. Like
 * every store, it redacts secrets before keeping a lesson and decides merges with a {@link
 * LessonMatcher}; search fuses keyword overlap with embedding similarity (when the matcher has a
 * model) by reciprocal rank.
 */
public final class InMemoryLessonStore implements LessonStore {

  private final Clock clock;
  private final LessonMatcher matcher;
  private final SecretScanner scanner;
  private final TreeMap<Long, Lesson> lessons = new TreeMap<>();
  private final Map<Long, float[]> vectors = new HashMap<>();
  private final Map<Long, Set<Long>> uses = new HashMap<>();
  private long nextId = 1;
  private final Map<Long, TurnOutcome> outcomes = new HashMap<>();
  private final TreeMap<Long, Extraction> extractions = new TreeMap<>();
  private long nextExtractionId = 1;
  private final TreeMap<Long, Merge> merges = new TreeMap<>();
  private long nextMergeId = 1;

  /** A merged text with what its merges gave the lesson (taken back by a split). */
  private record Merge(MergedText text, Set<String> addedEvidence, double gain) {}

  /** An extraction item with its claim. */
  private static final class Extraction {
    final long id;
    final String sessionId;
    final long messageId;
    final Instant queuedAt;
    ExtractionItem.State state = ExtractionItem.State.OPEN;
    int attempts;
    String failure;
    String rawReply = "";
    String claimedBy;
    Instant leaseUntil;

    Extraction(long id, String sessionId, long messageId, Instant queuedAt) {
      this.id = id;
      this.sessionId = sessionId;
      this.messageId = messageId;
      this.queuedAt = queuedAt;
    }

    ExtractionItem item() {
      return new ExtractionItem(
          id,
          sessionId,
          messageId,
          state,
          attempts,
          Optional.ofNullable(failure),
          rawReply,
          queuedAt);
    }
  }

  /** A store that compares keywords only. */
  public InMemoryLessonStore(Clock clock) {
    this(clock, LessonMatcher.keywordsOnly());
  }

  /** A store that decides merges (and embeds for search) with the given matcher. */
  public InMemoryLessonStore(Clock clock, LessonMatcher matcher) {
    this.clock = clock;
    this.matcher = matcher;
    this.scanner = SecretScanner.standard();
  }

  @Override
  public synchronized LessonAddition add(NewLesson original) {
    NewLesson lesson = redacted(original);
    float[] vector = matcher.embed(lesson.text());
    List<LessonMatcher.Candidate> candidates = new ArrayList<>();
    for (Lesson stored : lessons.values()) {
      if (!stored.isSuperseded()) {
        candidates.add(
            new LessonMatcher.Candidate(stored.id(), stored.text(), vectors.get(stored.id())));
      }
    }
    Optional<LessonMatcher.Match> match = matcher.best(lesson.text(), vector, candidates);
    Instant now = clock.instant();
    if (match.isPresent() && match.get().comparison().relation() == LessonRelation.DUPLICATE) {
      Lesson stored = lessons.get(match.get().id());
      LinkedHashSet<String> evidence = new LinkedHashSet<>(stored.evidence());
      evidence.addAll(lesson.evidence());
      Lesson merged =
          new Lesson(
              stored.id(),
              stored.text(),
              stored.category(),
              stored.source(),
              List.copyOf(evidence),
              stored.createdAt(),
              now,
              Math.min(
                  1, Math.max(stored.confidence(), lesson.confidence()) + MERGE_CONFIDENCE_GAIN),
              stored.reuseCount(),
              stored.lastUsedAt(),
              OptionalLong.empty());
      lessons.put(merged.id(), merged);
      OptionalLong kept = OptionalLong.empty();
      if (lesson.text().equals(stored.text())) {
        ownLinks(stored.id(), lesson.evidence());
      } else {
        kept = OptionalLong.of(keepMerged(lesson, stored, merged, now));
      }
      return new LessonAddition(
          LessonAddition.Outcome.MERGED, merged, OptionalLong.of(merged.id()), kept);
    }
    long id = nextId++;
    Lesson added =
        new Lesson(
            id,
            lesson.text(),
            lesson.category(),
            lesson.source(),
            lesson.evidence(),
            now,
            now,
            lesson.confidence(),
            0,
            Optional.empty(),
            OptionalLong.empty());
    lessons.put(id, added);
    if (vector != null) {
      vectors.put(id, vector);
    }
    if (match.isPresent()) {
      Lesson old = lessons.get(match.get().id());
      lessons.put(old.id(), copy(old, old.evidence(), old.confidence(), now, OptionalLong.of(id)));
      return new LessonAddition(
          LessonAddition.Outcome.SUPERSEDED, added, OptionalLong.of(old.id()));
    }
    return new LessonAddition(LessonAddition.Outcome.ADDED, added, OptionalLong.empty());
  }

  private long keepMerged(NewLesson lesson, Lesson stored, Lesson merged, Instant now) {
    Set<String> added = new LinkedHashSet<>(lesson.evidence());
    added.removeAll(stored.evidence());
    added.removeIf(link -> link.startsWith("against:"));
    double gain = merged.confidence() - stored.confidence();
    for (Map.Entry<Long, Merge> e : merges.entrySet()) {
      MergedText t = e.getValue().text();
      if (t.lessonId() == stored.id() && t.text().equals(lesson.text())) {
        LinkedHashSet<String> evidence = new LinkedHashSet<>(t.evidence());
        evidence.addAll(lesson.evidence());
        Set<String> addedAll = new LinkedHashSet<>(e.getValue().addedEvidence());
        addedAll.addAll(added);
        MergedText again =
            new MergedText(
                t.id(),
                t.lessonId(),
                t.text(),
                t.category(),
                t.source(),
                List.copyOf(evidence),
                t.confidence(),
                t.mergedAt());
        e.setValue(new Merge(again, addedAll, e.getValue().gain() + gain));
        return t.id();
      }
    }
    long id = nextMergeId++;
    merges.put(
        id,
        new Merge(
            new MergedText(
                id,
                stored.id(),
                lesson.text(),
                lesson.category(),
                lesson.source(),
                lesson.evidence(),
                lesson.confidence(),
                now),
            added,
            gain));
    return id;
  }

  /** Links an exact repeat brought: the lesson's own now, no split takes them back. */
  private void ownLinks(long lessonId, List<String> links) {
    merges.replaceAll(
        (id, m) -> {
          if (m.text().lessonId() != lessonId) {
            return m;
          }
          Set<String> added = new LinkedHashSet<>(m.addedEvidence());
          added.removeAll(links);
          return new Merge(m.text(), added, m.gain());
        });
  }

  @Override
  public synchronized List<MergedText> mergedInto(long lessonId) {
    return merges.values().stream().map(Merge::text).filter(t -> t.lessonId() == lessonId).toList();
  }

  @Override
  public synchronized LessonAddition split(long mergedTextId) {
    Merge merge = merges.remove(mergedTextId);
    if (merge == null) {
      throw new NotFoundException(
          "There is no merged text " + mergedTextId + ".",
          "See a lesson's merged texts with beca lessons show ID.");
    }
    MergedText t = merge.text();
    Instant now = clock.instant();
    Lesson from = lessons.get(t.lessonId());
    Set<String> taken = new LinkedHashSet<>();
    for (String link : merge.addedEvidence()) {
      // A link another merged text brought too stays, and is that text's to take back now.
      Optional<Map.Entry<Long, Merge>> bringer =
          merges.entrySet().stream()
              .filter(e -> e.getValue().text().lessonId() == from.id())
              .filter(e -> e.getValue().text().evidence().contains(link))
              .findFirst();
      if (bringer.isEmpty()) {
        taken.add(link);
      } else {
        Merge other = bringer.get().getValue();
        Set<String> added = new LinkedHashSet<>(other.addedEvidence());
        added.add(link);
        bringer.get().setValue(new Merge(other.text(), added, other.gain()));
      }
    }
    List<String> evidence = from.evidence().stream().filter(l -> !taken.contains(l)).toList();
    Optional<Map.Entry<Long, Merge>> mostConfident =
        merges.entrySet().stream()
            .filter(e -> e.getValue().text().lessonId() == from.id())
            .max(Comparator.comparingDouble(e -> e.getValue().text().confidence()));
    double confidence =
        LessonStore.confidenceAfterSplit(
            from.confidence(),
            merge.gain(),
            mergedInto(from.id()).stream().mapToDouble(MergedText::confidence).max());
    double notTakenBack = confidence - Math.max(0, from.confidence() - merge.gain());
    if (mostConfident.isPresent() && notTakenBack > 0) {
      Merge other = mostConfident.get().getValue();
      mostConfident
          .get()
          .setValue(new Merge(other.text(), other.addedEvidence(), other.gain() + notTakenBack));
    }
    lessons.put(from.id(), copy(from, evidence, confidence, now, from.supersededBy()));
    for (Lesson active : lessons.values()) {
      if (!active.isSuperseded() && active.text().equals(t.text())) {
        LinkedHashSet<String> joined = new LinkedHashSet<>(active.evidence());
        joined.addAll(t.evidence());
        Lesson merged =
            copy(
                active,
                List.copyOf(joined),
                Math.min(1, Math.max(active.confidence(), t.confidence()) + MERGE_CONFIDENCE_GAIN),
                now,
                active.supersededBy());
        lessons.put(active.id(), merged);
        ownLinks(active.id(), t.evidence());
        return new LessonAddition(
            LessonAddition.Outcome.MERGED, merged, OptionalLong.of(merged.id()));
      }
    }
    long id = nextId++;
    Lesson added =
        new Lesson(
            id,
            t.text(),
            t.category(),
            t.source(),
            t.evidence(),
            now,
            now,
            t.confidence(),
            0,
            Optional.empty(),
            OptionalLong.empty());
    lessons.put(id, added);
    float[] vector = matcher.embed(t.text());
    if (vector != null) {
      vectors.put(id, vector);
    }
    return new LessonAddition(LessonAddition.Outcome.ADDED, added, OptionalLong.empty());
  }

  private NewLesson redacted(NewLesson lesson) {
    String text = scanner.redact("lesson", lesson.text()).text();
    List<String> evidence =
        lesson.evidence().stream()
            .map(link -> scanner.redact("lesson-evidence", link).text())
            .map(link -> link.replaceAll("\\s", "_"))
            .toList();
    return new NewLesson(text, lesson.category(), lesson.source(), evidence, lesson.confidence());
  }

  @Override
  public synchronized List<LessonHit> search(String query, int limit) {
    if (query == null || query.isBlank()) {
      throw new InvalidInputException("The lesson search has no text.", "Say what to look for.");
    }
    checkLimit(limit);
    Set<String> words = LessonMatcher.words(query);
    float[] vector = matcher.embed(query);
    Map<Long, Double> fused = new HashMap<>();
    List<Lesson> active = lessons.values().stream().filter(l -> !l.isSuperseded()).toList();
    List<Map.Entry<Long, Double>> byWords = new ArrayList<>();
    for (Lesson lesson : active) {
      Set<String> lessonWords = LessonMatcher.words(lesson.text());
      long common = words.stream().filter(lessonWords::contains).count();
      if (common > 0) {
        byWords.add(Map.entry(lesson.id(), (double) common / Math.sqrt(lessonWords.size())));
      }
    }
    fuse(byWords, fused);
    if (vector != null) {
      List<Map.Entry<Long, Double>> byMeaning = new ArrayList<>();
      for (Lesson lesson : active) {
        float[] v = vectors.get(lesson.id());
        if (v != null) {
          double dot = 0;
          for (int i = 0; i < v.length; i++) {
            dot += v[i] * vector[i];
          }
          byMeaning.add(Map.entry(lesson.id(), dot));
        }
      }
      fuse(byMeaning, fused);
    }
    return fused.entrySet().stream()
        .sorted(
            Map.Entry.<Long, Double>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .limit(limit)
        .map(e -> new LessonHit(lessons.get(e.getKey()), e.getValue()))
        .toList();
  }

  private static void fuse(List<Map.Entry<Long, Double>> ranked, Map<Long, Double> fused) {
    ranked.sort(Map.Entry.<Long, Double>comparingByValue().reversed());
    for (int rank = 0; rank < Math.min(50, ranked.size()); rank++) {
      fused.merge(ranked.get(rank).getKey(), 1.0 / (60 + rank + 1), Double::sum);
    }
  }

  @Override
  public synchronized List<Lesson> top(Optional<String> category, int limit) {
    checkLimit(limit);
    Optional<String> checked = category.map(LessonCategory::check);
    return lessons.values().stream()
        .filter(l -> !l.isSuperseded())
        .filter(l -> checked.map(c -> c.equals(l.category())).orElse(true))
        .sorted(
            Comparator.comparingLong(Lesson::reuseCount)
                .thenComparingDouble(Lesson::confidence)
                .thenComparingLong(Lesson::id)
                .reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized Optional<Lesson> find(long id) {
    return Optional.ofNullable(lessons.get(id));
  }

  @Override
  public synchronized List<Long> forget(long id) {
    if (!lessons.containsKey(id)) {
      throw new NotFoundException(
          "There is no lesson " + id + ".", "List the lessons with beca lessons list.");
    }
    List<Long> removed = new ArrayList<>();
    removed.add(id);
    for (Lesson l : history(id)) {
      if (l.id() == id) {
        break;
      }
      removed.add(l.id());
    }
    for (long r : removed) {
      merges.values().removeIf(m -> m.text().lessonId() == r);
      lessons.remove(r);
      vectors.remove(r);
      uses.values().forEach(set -> set.remove(r));
    }
    return removed;
  }

  @Override
  public synchronized void recordUse(Collection<Long> lessonIds, long messageId) {
    Instant now = clock.instant();
    for (long id : new TreeSet<>(lessonIds)) {
      Lesson l = lessons.get(id);
      if (l == null) {
        continue;
      }
      lessons.put(
          id,
          new Lesson(
              l.id(),
              l.text(),
              l.category(),
              l.source(),
              l.evidence(),
              l.createdAt(),
              l.updatedAt(),
              l.confidence(),
              l.reuseCount() + 1,
              Optional.of(now),
              l.supersededBy()));
      if (messageId > 0) {
        uses.computeIfAbsent(messageId, k -> new TreeSet<>()).add(id);
      }
    }
  }

  @Override
  public synchronized List<Long> usedBy(long messageId) {
    return List.copyOf(uses.getOrDefault(messageId, Set.of()));
  }

  @Override
  public synchronized void lowerConfidence(Collection<Long> lessonIds, String reason) {
    String link =
        "against:" + scanner.redact("lesson-evidence", reason).text().replaceAll("\\s", "_");
    Instant now = clock.instant();
    for (long id : new TreeSet<>(lessonIds)) {
      Lesson l = lessons.get(id);
      if (l == null) {
        continue;
      }
      List<String> evidence = new ArrayList<>(l.evidence());
      if (!evidence.contains(link)) {
        evidence.add(link);
      }
      lessons.put(
          id,
          copy(
              l,
              evidence,
              Math.max(0, l.confidence() - CONFIDENCE_PENALTY),
              now,
              l.supersededBy()));
    }
  }

  @Override
  public synchronized List<Lesson> history(long id) {
    Lesson lesson = lessons.get(id);
    if (lesson == null) {
      return List.of();
    }
    // Walk back to the oldest lesson of the chain, then forward along supersededBy.
    Lesson first = lesson;
    boolean moved = true;
    while (moved) {
      moved = false;
      for (Lesson l : lessons.values()) {
        if (l.supersededBy().isPresent() && l.supersededBy().getAsLong() == first.id()) {
          first = l;
          moved = true;
          break;
        }
      }
    }
    List<Lesson> chain = new ArrayList<>();
    for (Lesson l = first; l != null; ) {
      chain.add(l);
      l = l.supersededBy().isPresent() ? lessons.get(l.supersededBy().getAsLong()) : null;
    }
    return chain;
  }

  @Override
  public synchronized List<Long> judgeTurn(
      long messageId, TurnOutcome.Verdict verdict, String reason) {
    checkTurn(messageId, verdict, reason);
    TurnOutcome before = outcomes.get(messageId);
    double change;
    if (before == null) {
      change = verdict == TurnOutcome.Verdict.SUCCEEDED ? CONFIDENCE_GAIN : -CONFIDENCE_PENALTY;
    } else if (before.verdict() == TurnOutcome.Verdict.SUCCEEDED
        && verdict == TurnOutcome.Verdict.FAILED) {
      change = -CONFIDENCE_GAIN - CONFIDENCE_PENALTY;
    } else {
      return List.of();
    }
    Instant now = clock.instant();
    String redacted = scanner.redact("lesson-evidence", reason).text().replaceAll("\\s", "_");
    outcomes.put(messageId, new TurnOutcome(messageId, verdict, redacted, now));
    List<Long> changed = new ArrayList<>();
    for (long id : usedBy(messageId)) {
      Lesson l = lessons.get(id);
      if (l == null) {
        continue;
      }
      List<String> evidence = new ArrayList<>(l.evidence());
      String link = "against:" + redacted;
      if (verdict == TurnOutcome.Verdict.FAILED && !evidence.contains(link)) {
        evidence.add(link);
      }
      double confidence = Math.min(1, Math.max(0, l.confidence() + change));
      lessons.put(id, copy(l, evidence, confidence, now, l.supersededBy()));
      changed.add(id);
    }
    return changed;
  }

  /** The checks every store makes on {@link #judgeTurn}'s arguments. */
  static void checkTurn(long messageId, TurnOutcome.Verdict verdict, String reason) {
    if (messageId < 1) {
      throw new IllegalArgumentException("messageId must be positive, was " + messageId);
    }
    java.util.Objects.requireNonNull(verdict, "verdict");
    NewLesson.checkEvidence(reason);
  }

  @Override
  public synchronized Optional<TurnOutcome> turnOutcome(long messageId) {
    return Optional.ofNullable(outcomes.get(messageId));
  }

  @Override
  public synchronized ExtractionItem queueExtraction(String sessionId, long messageId) {
    return open(sessionId, messageId).item();
  }

  private Extraction open(String sessionId, long messageId) {
    if (sessionId == null || sessionId.isBlank()) {
      throw new InvalidInputException(
          "A session id is needed to queue an extraction.", "Give the session's id.");
    }
    if (messageId < 0) {
      throw new IllegalArgumentException("messageId must be 0 or positive, was " + messageId);
    }
    for (Extraction e : extractions.values()) {
      if (e.sessionId.equals(sessionId) && e.messageId == messageId) {
        e.state = ExtractionItem.State.OPEN;
        e.attempts = 0;
        e.claimedBy = null;
        e.leaseUntil = null;
        return e;
      }
    }
    Extraction e = new Extraction(nextExtractionId++, sessionId, messageId, clock.instant());
    extractions.put(e.id, e);
    return e;
  }

  @Override
  public synchronized ExtractionItem recordFailedExtraction(
      String sessionId, long messageId, String reason, String rawReply) {
    Extraction e = open(sessionId, messageId);
    e.attempts = 1;
    e.failure = scanner.redact("lesson-extraction", reason).text();
    e.rawReply = scanner.redact("lesson-extraction", rawReply).text();
    return e.item();
  }

  @Override
  public synchronized Optional<ExtractionItem> claimExtraction(
      String worker, java.time.Duration lease) {
    Instant now = clock.instant();
    for (Extraction e : extractions.values()) {
      if (e.state == ExtractionItem.State.OPEN
          && (e.leaseUntil == null || !e.leaseUntil.isAfter(now))) {
        e.claimedBy = worker;
        e.leaseUntil = now.plus(lease);
        e.attempts++;
        return Optional.of(e.item());
      }
    }
    return Optional.empty();
  }

  private Extraction held(long itemId, String worker) {
    Extraction e = extractions.get(itemId);
    if (e == null
        || e.state != ExtractionItem.State.OPEN
        || !worker.equals(e.claimedBy)
        || e.leaseUntil == null) {
      throw new NotFoundException(
          "Extraction item " + itemId + " is not held by " + worker + ".",
          "Claim it again with claimExtraction.");
    }
    return e;
  }

  @Override
  public synchronized void completeExtraction(long itemId, String worker) {
    Extraction e = held(itemId, worker);
    e.state = ExtractionItem.State.DONE;
    e.claimedBy = null;
    e.leaseUntil = null;
  }

  @Override
  public synchronized void failExtraction(
      long itemId, String worker, String reason, String rawReply) {
    Extraction e = held(itemId, worker);
    e.failure = scanner.redact("lesson-extraction", reason).text();
    e.rawReply = scanner.redact("lesson-extraction", rawReply).text();
    e.claimedBy = null;
    e.leaseUntil = null;
    if (e.attempts >= MAX_EXTRACTION_ATTEMPTS) {
      e.state = ExtractionItem.State.FAILED;
    }
  }

  @Override
  public synchronized List<ExtractionItem> extractions(
      Optional<ExtractionItem.State> state, int limit) {
    checkLimit(limit);
    List<ExtractionItem> items = new ArrayList<>();
    for (Extraction e : extractions.descendingMap().values()) {
      if (state.isEmpty() || state.get() == e.state) {
        items.add(e.item());
        if (items.size() == limit) {
          break;
        }
      }
    }
    return items;
  }

  private static Lesson copy(
      Lesson l, List<String> evidence, double confidence, Instant now, OptionalLong supersededBy) {
    return new Lesson(
        l.id(),
        l.text(),
        l.category(),
        l.source(),
        evidence,
        l.createdAt(),
        now,
        confidence,
        l.reuseCount(),
        l.lastUsedAt(),
        supersededBy);
  }

  private static void checkLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
  }
}
