package dev.beca.memory.internal;

import dev.beca.core.Completions;
import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.learning.ExtractionItem;
import dev.beca.core.learning.Lesson;
import dev.beca.core.learning.LessonAddition;
import dev.beca.core.learning.LessonCategory;
import dev.beca.core.learning.LessonComparison;
import dev.beca.core.learning.LessonHit;
import dev.beca.core.learning.LessonMatcher;
import dev.beca.core.learning.LessonRelation;
import dev.beca.core.learning.LessonSource;
import dev.beca.core.learning.LessonStore;
import dev.beca.core.learning.MergedText;
import dev.beca.core.learning.NewLesson;
import dev.beca.core.learning.TurnOutcome;
import dev.beca.core.secrets.Redaction;
import dev.beca.core.secrets.SecretScanner;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LessonStore} on the SQLite knowledge base.
 *
 * <p>A lesson's text and evidence are redacted by the secret scanner first, with an alert per
 * secret in the same transaction. Its vector is computed before the write (by the knowledge base's
 * embedding model, stored in the shared {@code embeddings} table like a message's) and the merge
 * decision is taken inside the write transaction ({@code BEGIN IMMEDIATE}, serialised with the
 * process's other writes), from the active lesson with the same text, the best keyword matches and
 * the nearest vectors; a unique index on the text of active lessons keeps two processes from adding
 * the same text twice. Search fuses FTS5 (BM25) and exact vector similarity by reciprocal rank, as
 * history search does.
 */
public final class SqliteLessonStore implements LessonStore {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteLessonStore.class);

  /** Keyword and vector candidates each that a new lesson is compared with. */
  static final int MATCH_CANDIDATES = 20;

  private static final int VECTOR_CACHE = 50_000;

  /** The least document frequency from which a word is too common for the keyword side. */
  static final long COMMON_TERM_MIN_LESSONS = 1_000;

  private final SqliteDatabase database;
  private final Clock clock;
  private final LeasedQueue extractions;
  private final SecretScanner scanner;
  private final EmbeddingIndexer embeddings;
  private final LessonMatcher matcher;
  private final boolean stems;
  private volatile int listedFrom = LessonVectorIndex.LISTED_FROM;

  /** The active lessons' vectors; see {@link LessonVectorIndex}. */
  private final VersionedIndex<LessonVectorIndex> heldVectorIndex =
      new VersionedIndex<>(LessonVectorIndex::version);

  /** Every lesson text's terms, for the keyword side of search; see {@link LessonKeywordIndex}. */
  private final VersionedIndex<LessonKeywordIndex> heldKeywordIndex =
      new VersionedIndex<>(LessonKeywordIndex::version);

  /** Writes the lessons' use off the turn's path, in the order recorded; see {@link #recordUse}. */
  private final ExecutorService useWriter =
      Executors.newSingleThreadExecutor(DaemonThreads.named("beca-lesson-use"));

  /** The last use write handed to {@link #useWriter}; done when none is pending. */
  private volatile CompletableFuture<Void> pendingUse = CompletableFuture.completedFuture(null);

  /** Lesson count and document frequencies of the keyword side, per vectors version. */
  private final LessonTermStatistics statistics = new LessonTermStatistics();

  /** Normalised vectors by embedding id (a stored vector never changes). */
  private final Map<Long, float[]> vectors =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, float[]> eldest) {
          return size() > VECTOR_CACHE;
        }
      };

  /**
   * Creates the store.
   *
   * @param database the opened database
   * @param clock the source of times
   * @param scanner redacts texts before they are stored
   * @param embeddings the indexer whose model and key embed lessons; null for keywords only
   * @param matcher decides merges; its embedding model must be the indexer's (or none)
   */
  public SqliteLessonStore(
      SqliteDatabase database,
      Clock clock,
      SecretScanner scanner,
      EmbeddingIndexer embeddings,
      LessonMatcher matcher) {
    this(database, clock, scanner, embeddings, matcher, true);
  }

  /**
   * Creates the store, choosing how the keyword side matches words.
   *
   * @param database the opened database
   * @param clock the source of times
   * @param scanner redacts texts before they are stored
   * @param embeddings the indexer whose model and key embed lessons; null for keywords only
   * @param matcher decides merges; its embedding model must be the indexer's (or none)
   * @param stems whether a query word with an ending also finds the other forms of its stem (true
   *     by default); false matches the exact words, as before issue 15's retrieval work
   */
  public SqliteLessonStore(
      SqliteDatabase database,
      Clock clock,
      SecretScanner scanner,
      EmbeddingIndexer embeddings,
      LessonMatcher matcher,
      boolean stems) {
    this.stems = stems;
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.extractions =
        new LeasedQueue(
            database,
            clock,
            "Lesson extraction",
            "Claim it before completing it; a claim whose lease expired may be taken by another"
                + " worker.");
    this.scanner = Objects.requireNonNull(scanner, "scanner");
    this.embeddings = embeddings;
    this.matcher = Objects.requireNonNull(matcher, "matcher");
  }

  @Override
  public LessonAddition add(NewLesson original) {
    awaitUses();
    Objects.requireNonNull(original, "lesson");
    Redaction text = scanner.redact("lesson", original.text());
    List<Redaction> links =
        original.evidence().stream().map(l -> scanner.redact("lesson-evidence", l)).toList();
    NewLesson lesson =
        new NewLesson(
            text.text(),
            original.category(),
            original.source(),
            links.stream().map(r -> r.text().replaceAll("\\s", "_")).toList(),
            original.confidence());
    float[] vector = embeddings == null ? null : matcher.embed(lesson.text());
    byte[] hash = Vectors.hash(lesson.text());
    long now = clock.millis();
    LessonAddition result;
    try {
      result =
          database
              .write(
                  session -> {
                    LessonMapper mapper = session.getMapper(LessonMapper.class);
                    long from = version(mapper);
                    LessonAddition done = addIn(session, lesson, hash, vector, now);
                    long id = done.lesson().id();
                    SecretAlerts.record(session, "lesson", "lessons/" + id, text, now);
                    for (Redaction r : links) {
                      SecretAlerts.record(
                          session, "lesson-evidence", "lessons/" + id + "/evidence", r, now);
                    }
                    return new Written<>(done, addition(mapper, from, done, vector));
                  },
                  written -> applyToIndexes(written.change()))
              .value();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("store a lesson", database.file(), e);
    }
    if (!text.isClean()) {
      LOG.warn(
          "Redacted {} secret(s) from lesson {} before storing it",
          text.findings().size(),
          result.lesson().id());
    }
    return result;
  }

  /** A write's result and what it changed in the active lessons. */
  private record Written<T>(T value, IndexChange change) {}

  /**
   * What one committed write changed in the lessons, for the in-memory indexes: the versions before
   * and after it (read inside its transaction, so no other process wrote between), the lesson added
   * (or null), the lessons superseded and the lessons deleted.
   */
  private record IndexChange(
      long from,
      long to,
      LessonTextRow added,
      LessonVectorIndex.Addition addedVector,
      long[] superseded,
      List<LessonKeywordIndex.Deletion> deleted) {

    /** A write that changed no active lesson: the version stays where it was. */
    static IndexChange none(long at) {
      return new IndexChange(at, at, null, null, new long[0], List.of());
    }
  }

  private static long version(LessonMapper mapper) {
    Long stamp = mapper.vectorsVersion();
    return stamp == null ? -1 : stamp;
  }

  private static IndexChange addition(
      LessonMapper mapper, long from, LessonAddition done, float[] vector) {
    long to = version(mapper);
    if (done.outcome() == LessonAddition.Outcome.MERGED) {
      return new IndexChange(from, to, null, null, new long[0], List.of());
    }
    LessonRow row = mapper.find(done.lesson().id());
    LessonVectorIndex.Addition addedVector =
        row.embeddingId() == null || vector == null
            ? null
            : new LessonVectorIndex.Addition(row.id(), row.embeddingId(), vector);
    long[] superseded =
        done.previous().isPresent() ? new long[] {done.previous().getAsLong()} : new long[0];
    return new IndexChange(
        from,
        to,
        new LessonTextRow(row.id(), row.text(), true),
        addedVector,
        superseded,
        List.of());
  }

  /**
   * Brings the in-memory indexes up to date with a write of this store that has just committed
   * (called before the next write of this process begins). An index at another version than the
   * write's start stays as it is: a write of another process came between, and the next search
   * rebuilds it.
   */
  private void applyToIndexes(IndexChange change) {
    long[] removed =
        java.util.stream.LongStream.concat(
                Arrays.stream(change.superseded()),
                change.deleted().stream().mapToLong(LessonKeywordIndex.Deletion::id))
            .toArray();
    try {
      LessonVectorIndex vectorIndex = heldVectorIndex.current();
      if (vectorIndex != null) {
        vectorIndex.apply(change.from(), change.to(), change.addedVector(), removed);
      }
      LessonKeywordIndex words = heldKeywordIndex.current();
      if (words != null) {
        words.apply(
            change.from(), change.to(), change.added(), change.superseded(), change.deleted());
      }
    } catch (RuntimeException e) {
      LOG.warn("Rebuilding the lesson indexes at the next search: {}", e.toString());
      heldVectorIndex.forget();
      heldKeywordIndex.forget();
    }
  }

  private LessonAddition addIn(
      SqlSession session, NewLesson lesson, byte[] hash, float[] vector, long now) {
    LessonMapper mapper = session.getMapper(LessonMapper.class);
    LessonRow same = mapper.activeWithText(hash);
    LessonMatcher.Match match = null;
    if (same != null) {
      match =
          new LessonMatcher.Match(
              same.id(), new LessonComparison(LessonRelation.DUPLICATE, 1.0, 1.0));
    } else {
      List<LessonMatcher.Candidate> candidates = candidates(session, lesson.text(), vector);
      match = matcher.best(lesson.text(), vector, candidates).orElse(null);
    }
    if (match != null && match.comparison().relation() != LessonRelation.CONTRADICTION) {
      LessonRow stored = mapper.find(match.id());
      LinkedHashSet<String> evidence = new LinkedHashSet<>(LessonRow.links(stored.evidence()));
      evidence.addAll(lesson.evidence());
      double confidence =
          Math.min(1, Math.max(stored.confidence(), lesson.confidence()) + MERGE_CONFIDENCE_GAIN);
      mapper.update(stored.id(), LessonRow.evidence(List.copyOf(evidence)), confidence, now);
      OptionalLong kept = OptionalLong.empty();
      if (stored.text().equals(lesson.text())) {
        ownLinks(mapper, stored.id(), lesson.evidence());
      } else {
        kept =
            OptionalLong.of(
                keepMerged(mapper, stored, lesson, hash, confidence - stored.confidence(), now));
      }
      Lesson merged = mapper.find(stored.id()).toLesson();
      return new LessonAddition(
          LessonAddition.Outcome.MERGED, merged, OptionalLong.of(merged.id()), kept);
    }
    // A contradiction has another text than the lesson it supersedes (the same text merges above),
    // so the unique index on active texts allows the insert before the old one is superseded.
    LessonInsert insert = insert(session, lesson, hash, vector, now);
    if (match != null) {
      mapper.supersede(match.id(), insert.id, now);
    }
    Lesson added = mapper.find(insert.id).toLesson();
    return match == null
        ? new LessonAddition(LessonAddition.Outcome.ADDED, added, OptionalLong.empty())
        : new LessonAddition(LessonAddition.Outcome.SUPERSEDED, added, OptionalLong.of(match.id()));
  }

  private LessonInsert insert(
      SqlSession session, NewLesson lesson, byte[] hash, float[] vector, long now) {
    Long embeddingId = vector == null ? null : storeVector(session, lesson.text(), vector);
    LessonInsert insert =
        new LessonInsert(
            lesson.text(),
            hash,
            lesson.category(),
            lesson.source().name(),
            LessonRow.evidence(lesson.evidence()),
            now,
            lesson.confidence(),
            embeddingId);
    session.getMapper(LessonMapper.class).insert(insert);
    return insert;
  }

  /**
   * Keeps a text that merged into a stored lesson with what it came with and what the merge gave
   * the lesson (the links it did not have, the confidence gained), for {@link #split}.
   */
  private static long keepMerged(
      LessonMapper mapper, LessonRow stored, NewLesson lesson, byte[] hash, double gain, long now) {
    List<String> had = LessonRow.links(stored.evidence());
    List<String> added =
        lesson.evidence().stream().filter(l -> !had.contains(l) && !isFeedback(l)).toList();
    MergedTextRow before = mapper.mergedWithText(stored.id(), hash);
    if (before == null) {
      mapper.insertMerged(
          stored.id(),
          lesson.text(),
          hash,
          lesson.category(),
          lesson.source().name(),
          LessonRow.evidence(lesson.evidence()),
          lesson.confidence(),
          LessonRow.evidence(added),
          gain,
          now);
      return mapper.mergedWithText(stored.id(), hash).id();
    }
    LinkedHashSet<String> evidence = new LinkedHashSet<>(LessonRow.links(before.evidence()));
    evidence.addAll(lesson.evidence());
    LinkedHashSet<String> addedAll = new LinkedHashSet<>(LessonRow.links(before.addedEvidence()));
    addedAll.addAll(added);
    mapper.mergedAgain(
        before.id(),
        LessonRow.evidence(List.copyOf(evidence)),
        LessonRow.evidence(List.copyOf(addedAll)),
        gain);
    return before.id();
  }

  /**
   * Links of feedback on the lesson's use ({@code against:}) belong to the lesson, whichever text
   * brought them first: a split never takes them back.
   */
  private static boolean isFeedback(String link) {
    return link.startsWith("against:");
  }

  /**
   * Links that reached the lesson from another source than its merged texts (an exact repeat of its
   * text): no split takes them back any more.
   */
  private static void ownLinks(LessonMapper mapper, long lessonId, List<String> links) {
    for (MergedTextRow m : mapper.mergedInto(lessonId)) {
      List<String> added = LessonRow.links(m.addedEvidence());
      List<String> still = added.stream().filter(l -> !links.contains(l)).toList();
      if (still.size() != added.size()) {
        mapper.setAddedEvidence(m.id(), LessonRow.evidence(still));
      }
    }
  }

  @Override
  public List<MergedText> mergedInto(long lessonId) {
    awaitUses();
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(LessonMapper.class).mergedInto(lessonId).stream()
          .map(MergedTextRow::toMergedText)
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(
          "read the texts merged into lesson " + lessonId, database.file(), e);
    }
  }

  @Override
  public LessonAddition split(long mergedTextId) {
    awaitUses();
    MergedTextRow row;
    try (SqlSession session = database.autoCommitSession()) {
      row = session.getMapper(LessonMapper.class).mergedText(mergedTextId);
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("read merged text " + mergedTextId, database.file(), e);
    }
    if (row == null) {
      throw noMergedText(mergedTextId);
    }
    // As for add: the vector before the write, the decision and the write in one transaction.
    float[] vector = embeddings == null ? null : matcher.embed(row.text());
    long now = clock.millis();
    LessonAddition result;
    try {
      result =
          database
              .write(
                  session -> {
                    LessonMapper mapper = session.getMapper(LessonMapper.class);
                    long from = version(mapper);
                    MergedTextRow merged = mapper.mergedText(mergedTextId);
                    if (merged == null) {
                      return new Written<LessonAddition>(null, IndexChange.none(from));
                    }
                    LessonAddition done = splitIn(session, merged, vector, now);
                    return new Written<>(done, addition(mapper, from, done, vector));
                  },
                  written -> applyToIndexes(written.change()))
              .value();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("split merged text " + mergedTextId, database.file(), e);
    }
    if (result == null) {
      throw noMergedText(mergedTextId);
    }
    return result;
  }

  private static NotFoundException noMergedText(long id) {
    return new NotFoundException(
        "There is no merged text " + id + ".",
        "See a lesson's merged texts with beca lessons show ID.");
  }

  private LessonAddition splitIn(
      SqlSession session, MergedTextRow merged, float[] vector, long now) {
    LessonMapper mapper = session.getMapper(LessonMapper.class);
    mapper.deleteMerged(merged.id());
    // Take back what the merges of this text gave the lesson: the links no other text kept with
    // it brought too, and the confidence.
    LessonRow from = mapper.find(merged.lessonId());
    List<MergedTextRow> others = mapper.mergedInto(from.id());
    List<String> taken = new ArrayList<>();
    for (String link : LessonRow.links(merged.addedEvidence())) {
      // A link another merged text brought too stays, and is that text's to take back now.
      MergedTextRow bringer =
          others.stream()
              .filter(o -> LessonRow.links(o.evidence()).contains(link))
              .findFirst()
              .orElse(null);
      if (bringer == null) {
        taken.add(link);
      } else {
        List<String> added = new ArrayList<>(LessonRow.links(bringer.addedEvidence()));
        added.add(link);
        mapper.setAddedEvidence(bringer.id(), LessonRow.evidence(added));
        others = mapper.mergedInto(from.id());
      }
    }
    List<String> evidence =
        LessonRow.links(from.evidence()).stream().filter(link -> !taken.contains(link)).toList();
    MergedTextRow mostConfident =
        others.stream().max(Comparator.comparingDouble(MergedTextRow::confidence)).orElse(null);
    double confidence =
        LessonStore.confidenceAfterSplit(
            from.confidence(),
            merged.confidenceGain(),
            others.stream().mapToDouble(MergedTextRow::confidence).max());
    double notTakenBack = confidence - Math.max(0, from.confidence() - merged.confidenceGain());
    if (mostConfident != null && notTakenBack > 0) {
      mapper.addGain(mostConfident.id(), notTakenBack);
    }
    mapper.update(from.id(), LessonRow.evidence(evidence), confidence, now);
    NewLesson lesson =
        new NewLesson(
            merged.text(),
            merged.category(),
            LessonSource.valueOf(merged.source()),
            LessonRow.links(merged.evidence()),
            merged.confidence());
    byte[] hash = Vectors.hash(merged.text());
    LessonRow same = mapper.activeWithText(hash);
    if (same != null) {
      LinkedHashSet<String> joined = new LinkedHashSet<>(LessonRow.links(same.evidence()));
      joined.addAll(lesson.evidence());
      mapper.update(
          same.id(),
          LessonRow.evidence(List.copyOf(joined)),
          Math.min(1, Math.max(same.confidence(), lesson.confidence()) + MERGE_CONFIDENCE_GAIN),
          now);
      ownLinks(mapper, same.id(), lesson.evidence());
      return new LessonAddition(
          LessonAddition.Outcome.MERGED,
          mapper.find(same.id()).toLesson(),
          OptionalLong.of(same.id()));
    }
    LessonInsert insert = insert(session, lesson, hash, vector, now);
    return new LessonAddition(
        LessonAddition.Outcome.ADDED, mapper.find(insert.id).toLesson(), OptionalLong.empty());
  }

  /** The best keyword matches and the nearest vectors among active lessons. */
  private List<LessonMatcher.Candidate> candidates(
      SqlSession session, String text, float[] vector) {
    LessonMapper mapper = session.getMapper(LessonMapper.class);
    Set<Long> ids = new LinkedHashSet<>(keywordIds(mapper, text, MATCH_CANDIDATES, null));
    if (vector != null) {
      for (Ranked r : nearest(session, index(mapper, version(mapper)), vector, MATCH_CANDIDATES)) {
        ids.add(r.id());
      }
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    List<LessonRow> rows = rows(session, ids);
    Map<Long, float[]> byEmbedding =
        vector == null
            ? Map.of()
            : vectorsFor(
                session,
                rows.stream().map(LessonRow::embeddingId).filter(Objects::nonNull).toList());
    List<LessonMatcher.Candidate> candidates = new ArrayList<>();
    for (LessonRow row : rows) {
      float[] v = row.embeddingId() == null ? null : byEmbedding.get(row.embeddingId());
      candidates.add(new LessonMatcher.Candidate(row.id(), row.text(), v));
    }
    return candidates;
  }

  /**
   * The id of the text's vector in the shared table, stored now if missing (unit length: searches
   * normalise every vector they read, so a message with the same text may share it).
   */
  private Long storeVector(SqlSession session, String text, float[] vector) {
    EmbeddingMapper mapper = session.getMapper(EmbeddingMapper.class);
    byte[] hash = Vectors.hash(text);
    Long id = mapper.find(embeddings.modelKey(), hash);
    if (id == null) {
      EmbeddingInsert insert = new EmbeddingInsert(embeddings.modelKey(), hash, vector);
      mapper.insert(insert);
      id = insert.id;
    }
    return id;
  }

  private record Ranked(long id, double score) {}

  /**
   * The nearest active lessons by exact cosine similarity among the index's shortlist (every lesson
   * when there are at most {@link LessonVectorIndex#SHORTLIST}).
   */
  private List<Ranked> nearest(
      SqlSession session, LessonVectorIndex index, float[] query, int limit) {
    long[][] shortlist = index.shortlist(Vectors.normalized(query));
    Map<Long, float[]> byEmbedding =
        vectorsFor(session, Arrays.stream(shortlist).map(p -> p[1]).toList());
    List<Ranked> ranked = new ArrayList<>(shortlist.length);
    for (long[] pair : shortlist) {
      float[] v = byEmbedding.get(pair[1]);
      if (v != null) {
        ranked.add(new Ranked(pair[0], Vectors.dot(query, v)));
      }
    }
    ranked.sort(
        Comparator.comparingDouble(Ranked::score)
            .reversed()
            .thenComparing(Comparator.comparingLong(Ranked::id).reversed()));
    return ranked.subList(0, Math.min(limit, ranked.size()));
  }

  /**
   * The in-memory index of the active lessons' vectors at {@code version}, rebuilt when the
   * database's version differs from the index's: a write of another process, or one this store
   * could not apply in place.
   */
  private LessonVectorIndex index(LessonMapper mapper, long version) {
    return heldVectorIndex.at(
        version,
        () -> version(mapper),
        now -> {
          long start = System.nanoTime();
          LessonVectorIndex.Builder builder =
              new LessonVectorIndex.Builder(now).listedFrom(listedFrom);
          List<LessonVectorListRow> lists = mapper.vectorLists();
          if (!lists.isEmpty()) {
            builder.lists(centroids(lists), lists.get(0).trainedOn());
          }
          mapper.activeVectorRows(
              context -> {
                LessonVectorRow row = context.getResultObject();
                builder.add(row.id(), row.embeddingId(), Vectors.fromBytes(row.vector()));
              });
          LessonVectorIndex built = builder.build();
          LOG.debug(
              "Indexed the vectors of {} lessons in {} ms",
              built.size(),
              (System.nanoTime() - start) / 1_000_000);
          return built;
        });
  }

  /**
   * The persisted lists' centroids, one after the other, as {@link LessonVectorIndex} holds them.
   */
  private static long[] centroids(List<LessonVectorListRow> lists) {
    java.nio.LongBuffer all =
        java.nio.LongBuffer.allocate(
            lists.stream().mapToInt(row -> row.centroid().length / Long.BYTES).sum());
    for (LessonVectorListRow row : lists) {
      all.put(
          java.nio.ByteBuffer.wrap(row.centroid())
              .order(java.nio.ByteOrder.LITTLE_ENDIAN)
              .asLongBuffer());
    }
    return all.array();
  }

  /**
   * Gives an index that wants lists (see {@link LessonVectorIndex#claimTraining}) lists trained on
   * its lessons, persisted with a raised version so that every process sorts the lessons into the
   * same lists; once per index, about a second at 100,000 lessons. Never inside a write (the
   * persisting is one). When another write came between, or the file cannot be written, the index
   * stays as it was: lists are only faster, never needed.
   */
  private void trainListsIfWanted(LessonVectorIndex index) {
    if (!index.claimTraining()) {
      return;
    }
    long start = System.nanoTime();
    long[] trained = index.trainCentroids();
    long trainedOn = index.size();
    long from = index.version();
    int perList = index.codeWords();
    int lists = perList == 0 ? 0 : trained.length / perList;
    try {
      Long stored =
          database.write(
              session -> {
                LessonMapper mapper = session.getMapper(LessonMapper.class);
                if (lists == 0 || version(mapper) != from) {
                  return null; // another write came between: the next rebuild reads or trains lists
                }
                mapper.deleteVectorLists();
                for (int list = 0; list < lists; list++) {
                  java.nio.ByteBuffer bytes =
                      java.nio.ByteBuffer.allocate(perList * Long.BYTES)
                          .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                  bytes.asLongBuffer().put(trained, list * perList, perList);
                  mapper.insertVectorList(list, bytes.array(), trainedOn);
                }
                mapper.raiseVectorsVersion();
                return version(mapper);
              },
              to -> {
                if (to != null && index.useLists(trained, trainedOn, from, to)) {
                  LessonKeywordIndex keywords = heldKeywordIndex.current();
                  if (keywords != null) {
                    keywords.apply(from, to, null, new long[0], List.of());
                  }
                }
              });
      if (stored != null) {
        LOG.debug(
            "Sorted {} lessons into {} lists in {} ms",
            trainedOn,
            lists,
            (System.nanoTime() - start) / 1_000_000);
      } else {
        LOG.debug("Lists not stored: another write changed the lessons first");
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not store the lesson index's lists in {} ({}); searching every lesson's signs"
              + " instead",
          database.file(),
          e.toString());
    }
  }

  /** From how many lessons the vector index is given lists; for tests (20,000 by default). */
  void listedFrom(int lessons) {
    this.listedFrom = lessons;
  }

  /** The database's {@code lesson_vectors_version}, for tests. */
  long databaseVersion() {
    try (SqlSession session = database.autoCommitSession()) {
      return version(session.getMapper(LessonMapper.class));
    }
  }

  /** The vector index as it stands (null before the first search), for tests. */
  LessonVectorIndex currentVectorIndex() {
    return heldVectorIndex.current();
  }

  /** The keyword index as it stands (null before the first search), for tests. */
  LessonKeywordIndex currentKeywordIndex() {
    return heldKeywordIndex.current();
  }

  /** The keyword index at {@code version}, rebuilt when the database's version differs. */
  private LessonKeywordIndex keywordIndex(LessonMapper mapper, long version) {
    return heldKeywordIndex.at(
        version,
        () -> version(mapper),
        now -> {
          long start = System.nanoTime();
          LessonKeywordIndex.Builder builder = new LessonKeywordIndex.Builder(now);
          mapper.allTextRows(context -> builder.add(context.getResultObject()));
          LessonKeywordIndex built = builder.build();
          LOG.debug(
              "Indexed the terms of {} lesson texts in {} ms",
              built.size(),
              (System.nanoTime() - start) / 1_000_000);
          return built;
        });
  }

  /** The lessons with these ids that exist, in no particular order (by JDBC: see HotReads). */
  private static List<LessonRow> rows(SqlSession session, Collection<Long> ids) {
    try {
      return HotReads.lessonsById(session.getConnection(), List.copyOf(ids));
    } catch (java.sql.SQLException e) {
      throw new PersistenceException(e); // as the mapper did; the caller reports it
    }
  }

  private Map<Long, float[]> vectorsFor(SqlSession session, Collection<Long> embeddingIds) {
    Map<Long, float[]> found = new HashMap<>();
    List<Long> missing = new ArrayList<>();
    synchronized (vectors) {
      for (long id : new TreeSet<>(embeddingIds)) {
        float[] v = vectors.get(id);
        if (v == null) {
          missing.add(id);
        } else {
          found.put(id, v);
        }
      }
    }
    if (missing.isEmpty()) {
      return found;
    }
    List<VectorRow> rows;
    try {
      rows = HotReads.vectorsById(session.getConnection(), missing);
    } catch (java.sql.SQLException e) {
      throw new PersistenceException(e); // as the mapper did; the caller reports it
    }
    synchronized (vectors) {
      for (VectorRow row : rows) {
        float[] v = Vectors.normalized(Vectors.fromBytes(row.vector()));
        vectors.put(row.id(), v);
        found.put(row.id(), v);
      }
    }
    return found;
  }

  /**
   * The keyword side's lessons, best BM25 first: from {@code words} (the in-memory index, at the
   * database's version; it ranks as FTS5 does) unless it is null or a phrase is not one token,
   * otherwise from FTS5 (as the merge decision inside its write transaction does).
   */
  private List<Long> keywordIds(
      LessonMapper mapper, String text, int limit, LessonKeywordIndex words) {
    List<LessonKeywordIndex.Phrase> phrases = keywordPhrases(mapper, text, words);
    if (phrases.isEmpty()) {
      return List.of();
    }
    if (words != null && LessonKeywordIndex.handles(phrases)) {
      return words.search(phrases, limit);
    }
    return mapper.keyword(match(phrases), limit);
  }

  private static String match(List<LessonKeywordIndex.Phrase> phrases) {
    return phrases.stream()
        .map(p -> '"' + p.token() + (p.prefix() ? "\"*" : "\""))
        .collect(Collectors.joining(" OR "));
  }

  /** The keyword side's FTS5 expression (see {@link #keywordPhrases}); empty without words. */
  String keywordQuery(LessonMapper mapper, String text) {
    return match(keywordPhrases(mapper, text, null));
  }

  /**
   * The keyword side's phrases (ORed in FTS5): the query's words (without the most common English
   * ones), each quoted and {@code OR}ed; with stems on, a word with an ending ({@code
   * configuration}, {@code templates}) becomes a prefix query of its stem ({@code "configur"*}), so
   * that it finds {@code configure} and {@code template}. Words (or stems) found in more than 1% of
   * the lessons, and at least {@value #COMMON_TERM_MIN_LESSONS}, are left out, as history search
   * does: they add little to BM25 but make FTS5 rank huge lists. When every word is that common,
   * the two rarest are kept. Empty when the text has no word. The counts come from {@code words}
   * when given (the in-memory index at the database's version), otherwise from {@code
   * lessons_fts_terms}.
   */
  List<LessonKeywordIndex.Phrase> keywordPhrases(
      LessonMapper mapper, String text, LessonKeywordIndex words) {
    Set<String> terms = SqliteHistorySearch.terms(text);
    if (terms.isEmpty()) {
      return List.of();
    }
    Map<String, String> expressions = new LinkedHashMap<>();
    for (String term : terms) {
      String stem = stems ? LessonStems.stem(term) : term;
      expressions.putIfAbsent(stem, stem.equals(term) ? '"' + term + '"' : '"' + stem + "\"*");
    }
    long version = words == null ? version(mapper) : words.version();
    long lessons = words == null ? statistics.lessons(version, mapper::maxLessonId) : words.maxId();
    long common = Math.max(COMMON_TERM_MIN_LESSONS, lessons / 100);
    Map<String, Long> frequency = new HashMap<>();
    if (lessons > common) {
      for (Map.Entry<String, String> e : expressions.entrySet()) {
        String key = e.getKey();
        boolean prefix = e.getValue().endsWith("*");
        long docs =
            words != null
                ? words.documents(key, prefix)
                : prefix
                    ? statistics.documents(
                        version,
                        key + '*',
                        k -> orZero(mapper.prefixFrequency(key, key + '\uffff')))
                    : statistics.documents(version, key, k -> orZero(mapper.termFrequency(key)));
        frequency.put(key, docs);
      }
    }
    List<String> kept =
        expressions.keySet().stream().filter(t -> frequency.getOrDefault(t, 0L) <= common).toList();
    if (kept.isEmpty()) {
      kept =
          expressions.keySet().stream()
              .sorted(Comparator.comparingLong(t -> frequency.getOrDefault(t, 0L)))
              .limit(2)
              .toList();
    }
    return kept.stream()
        .map(t -> new LessonKeywordIndex.Phrase(t, expressions.get(t).endsWith("*")))
        .toList();
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  @Override
  public List<LessonHit> search(String query, int limit) {
    awaitUses();
    checkLimit(limit);
    if (query == null || query.isBlank()) {
      throw new InvalidInputException(
          "The lesson search is empty.", "Give at least one word to search for.");
    }
    if (query.length() > SqliteHistorySearch.MAX_QUERY_CHARS) {
      throw new InvalidInputException(
          "The search has "
              + query.length()
              + " characters, more than "
              + SqliteHistorySearch.MAX_QUERY_CHARS
              + ".",
          "Search for a few distinctive words instead.");
    }
    String text = query.strip();
    LessonVectorIndex held = embeddings == null ? null : heldVectorIndex.current();
    try {
      // A vector known already (a repeated question) needs no embedding to overlap.
      return held != null && held.size() > 0 && !QueryEmbedder.known(embeddings.model(), text)
          ? searchEmbeddingHere(query, text, limit)
          : searchBuildingIndexes(query, text, limit);
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("search the lessons", database.file(), e);
    }
  }

  /** The keyword side of a search: the lessons' version it read, and its lessons, best first. */
  private record KeywordSide(long version, List<Long> ids) {}

  /**
   * A search once the lessons are indexed (every search after the first): the query is embedded on
   * this thread at once while the lessons' version is read and the keyword side runs elsewhere (by
   * the history search of the same turn, which waits for this embedding anyway, else on another
   * thread or here after the model: {@link QueryEmbedder#embedBeside}), so that the vector side
   * starts here the moment the vector is there. Handing the embedding to another thread instead
   * cost two thread wake-ups on the turn's path (about 0.2 ms each on a small virtual machine,
   * measured with ContextAssemblyBreakdown's turn; docs/learning.md).
   */
  private List<LessonHit> searchEmbeddingHere(String query, String text, int limit) {
    SideWork.Task<KeywordSide> keywords =
        new SideWork.Task<>(
            () -> {
              try (SqlSession session = database.autoCommitSession()) {
                LessonMapper mapper = session.getMapper(LessonMapper.class);
                long version = version(mapper);
                return new KeywordSide(
                    version,
                    keywordIds(
                        mapper,
                        query,
                        SqliteHistorySearch.HYBRID_CANDIDATES,
                        keywordIndex(mapper, version)));
              }
            });
    float[] vector = QueryEmbedder.embedBeside(embeddings.model(), text, keywords);
    KeywordSide side = Completions.join(keywords.result());
    try (SqlSession session = database.autoCommitSession()) {
      LessonVectorIndex vectors = index(session.getMapper(LessonMapper.class), side.version());
      trainListsIfWanted(vectors);
      return hits(
          session,
          side.ids(),
          nearest(session, vectors, vector, SqliteHistorySearch.HYBRID_CANDIDATES),
          limit);
    }
  }

  /**
   * A search that may have to build the indexes first (the first of a process, or the first after
   * another process changed the lessons), or whose query's vector is known already: the vector
   * index is built on this thread if needed and the keyword index on another, then the query is
   * embedded while the keyword side runs. Without an embedding model, or with no lesson that has a
   * vector, the keyword side alone.
   */
  private List<LessonHit> searchBuildingIndexes(String query, String text, int limit) {
    try (SqlSession session = database.autoCommitSession()) {
      LessonMapper mapper = session.getMapper(LessonMapper.class);
      long version = version(mapper);
      LessonKeywordIndex knownWords = heldKeywordIndex.current();
      CompletableFuture<LessonKeywordIndex> rebuilding =
          knownWords != null && knownWords.version() == version
              ? CompletableFuture.completedFuture(knownWords)
              : CompletableFuture.supplyAsync(
                  () -> {
                    try (SqlSession other = database.autoCommitSession()) {
                      return keywordIndex(other.getMapper(LessonMapper.class), version);
                    }
                  },
                  SideWork.THREADS);
      LessonVectorIndex vectors = embeddings == null ? null : index(mapper, version);
      if (vectors != null) {
        trainListsIfWanted(vectors);
      }
      CompletableFuture<float[]> vector =
          vectors == null || vectors.size() == 0
              ? null
              : QueryEmbedder.start(embeddings.model(), text);
      List<Long> keyword =
          keywordIds(mapper, query, SqliteHistorySearch.HYBRID_CANDIDATES, rebuilding.join());
      List<Ranked> semantic =
          vector == null
              ? List.of()
              : nearest(
                  session,
                  vectors,
                  Completions.join(vector),
                  SqliteHistorySearch.HYBRID_CANDIDATES);
      return hits(session, keyword, semantic, limit);
    }
  }

  /** The best {@code limit} lessons by reciprocal rank fusion of the two sides, read. */
  private List<LessonHit> hits(
      SqlSession session, List<Long> keyword, List<Ranked> semantic, int limit) {
    RankFusion fused = new RankFusion();
    fused.addAll(keyword);
    for (int rank = 0; rank < semantic.size(); rank++) {
      fused.add(semantic.get(rank).id(), rank);
    }
    List<Map.Entry<Long, Double>> top = fused.top(limit);
    if (top.isEmpty()) {
      return List.of();
    }
    Map<Long, Lesson> read = new HashMap<>();
    for (LessonRow row : rows(session, top.stream().map(Map.Entry::getKey).toList())) {
      read.put(row.id(), row.toLesson());
    }
    List<LessonHit> hits = new ArrayList<>();
    for (Map.Entry<Long, Double> e : top) {
      Lesson lesson = read.get(e.getKey());
      if (lesson != null) {
        hits.add(new LessonHit(lesson, e.getValue()));
      }
    }
    return hits;
  }

  @Override
  public List<Lesson> top(Optional<String> category, int limit) {
    awaitUses();
    checkLimit(limit);
    String checked = category.map(LessonCategory::check).orElse(null);
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(LessonMapper.class).top(checked, limit).stream()
          .map(LessonRow::toLesson)
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("list the lessons", database.file(), e);
    }
  }

  @Override
  public Optional<Lesson> find(long id) {
    awaitUses();
    try (SqlSession session = database.autoCommitSession()) {
      return Optional.ofNullable(session.getMapper(LessonMapper.class).find(id))
          .map(LessonRow::toLesson);
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("read lesson " + id, database.file(), e);
    }
  }

  @Override
  public List<Long> forget(long id) {
    awaitUses();
    List<Long> removed;
    try {
      removed =
          database
              .write(
                  session -> {
                    LessonMapper mapper = session.getMapper(LessonMapper.class);
                    long from = version(mapper);
                    if (mapper.find(id) == null) {
                      return new Written<List<Long>>(null, IndexChange.none(from));
                    }
                    List<Long> ids = new ArrayList<>();
                    ids.add(id);
                    // Everything this lesson superseded, transitively.
                    for (int i = 0; i < ids.size(); i++) {
                      ids.addAll(mapper.predecessors(ids.get(i)));
                    }
                    List<LessonKeywordIndex.Deletion> deleted =
                        rows(session, ids).stream()
                            .map(r -> new LessonKeywordIndex.Deletion(r.id(), r.text()))
                            .toList();
                    mapper.delete(ids);
                    return new Written<>(
                        ids,
                        new IndexChange(from, version(mapper), null, null, new long[0], deleted));
                  },
                  written -> applyToIndexes(written.change()))
              .value();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("forget lesson " + id, database.file(), e);
    }
    if (removed == null) {
      throw new NotFoundException(
          "There is no lesson " + id + ".", "List the lessons with beca lessons list.");
    }
    return removed;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The write runs on this store's own thread, so that a turn does not wait for it: every other
   * method of this store first waits for the uses recorded before it ({@link #awaitUses}), and
   * {@link #close} (called by the knowledge base's close) writes those still pending. Another
   * process sees the use once the write is done (milliseconds later); a crash of the process can
   * lose the uses of its last milliseconds. A failed write is logged and never thrown, as context
   * assembly did with the exception: one lost count never ends a session.
   */
  @Override
  public void recordUse(Collection<Long> lessonIds, long messageId) {
    Set<Long> ids = new TreeSet<>(lessonIds);
    if (ids.isEmpty()) {
      return;
    }
    long now = clock.millis();
    synchronized (useWriter) {
      if (useWriter.isShutdown()) {
        writeUse(ids, messageId, now);
        return;
      }
      pendingUse =
          CompletableFuture.runAsync(
              () -> {
                try {
                  writeUse(ids, messageId, now);
                } catch (RuntimeException e) {
                  LOG.warn("The use of lessons {} was not recorded: {}", ids, e.getMessage());
                }
              },
              useWriter);
    }
  }

  private void writeUse(Set<Long> ids, long messageId, long now) {
    try {
      database.write(
          session -> {
            LessonMapper mapper = session.getMapper(LessonMapper.class);
            for (long id : ids) {
              if (mapper.used(id, now) > 0 && messageId > 0) {
                mapper.recordUse(messageId, id, now);
              }
            }
            return null;
          });
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("record the use of lessons " + ids, database.file(), e);
    }
  }

  /** Waits until the uses recorded so far are written (the writes run in order on one thread). */
  void awaitUses() {
    CompletableFuture<Void> pending = pendingUse;
    if (!pending.isDone()) {
      pending.join();
    }
  }

  /**
   * Writes the uses still pending and stops the writer; later uses are written on the caller's
   * thread. The knowledge base calls this before it closes the database.
   */
  public void close() {
    synchronized (useWriter) {
      useWriter.shutdown();
    }
    awaitUses();
  }

  @Override
  public List<Long> usedBy(long messageId) {
    awaitUses();
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(LessonMapper.class).usedBy(messageId);
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(
          "read the lessons used by message " + messageId, database.file(), e);
    }
  }

  @Override
  public void lowerConfidence(Collection<Long> lessonIds, String reason) {
    awaitUses();
    Objects.requireNonNull(reason, "reason");
    String link =
        "against:" + scanner.redact("lesson-evidence", reason).text().replaceAll("\\s", "_");
    Set<Long> ids = new TreeSet<>(lessonIds);
    long now = clock.millis();
    try {
      database.write(
          session -> {
            LessonMapper mapper = session.getMapper(LessonMapper.class);
            for (long id : ids) {
              LessonRow row = mapper.find(id);
              if (row == null) {
                continue;
              }
              List<String> evidence = new ArrayList<>(LessonRow.links(row.evidence()));
              if (!evidence.contains(link)) {
                evidence.add(link);
              }
              mapper.update(
                  id,
                  LessonRow.evidence(evidence),
                  Math.max(0, row.confidence() - CONFIDENCE_PENALTY),
                  now);
            }
            return null;
          });
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("lower the confidence of lessons " + ids, database.file(), e);
    }
  }

  @Override
  public List<Long> judgeTurn(long messageId, TurnOutcome.Verdict verdict, String reason) {
    awaitUses();
    if (messageId < 1) {
      throw new IllegalArgumentException("messageId must be positive, was " + messageId);
    }
    Objects.requireNonNull(verdict, "verdict");
    NewLesson.checkEvidence(reason);
    String link = scanner.redact("lesson-evidence", reason).text().replaceAll("\\s", "_");
    long now = clock.millis();
    try {
      return database.write(
          session -> {
            LessonFeedbackMapper feedback = session.getMapper(LessonFeedbackMapper.class);
            TurnOutcomeRow before = feedback.outcome(messageId);
            double change;
            if (before == null) {
              change =
                  verdict == TurnOutcome.Verdict.SUCCEEDED ? CONFIDENCE_GAIN : -CONFIDENCE_PENALTY;
            } else if (before.verdict().equals(TurnOutcome.Verdict.SUCCEEDED.word())
                && verdict == TurnOutcome.Verdict.FAILED) {
              change = -CONFIDENCE_GAIN - CONFIDENCE_PENALTY;
            } else {
              return List.<Long>of();
            }
            feedback.judge(messageId, verdict.word(), link, now);
            LessonMapper mapper = session.getMapper(LessonMapper.class);
            List<Long> changed = new ArrayList<>();
            for (long id : mapper.usedBy(messageId)) {
              LessonRow row = mapper.find(id);
              if (row == null) {
                continue;
              }
              List<String> evidence = new ArrayList<>(LessonRow.links(row.evidence()));
              String against = "against:" + link;
              if (verdict == TurnOutcome.Verdict.FAILED && !evidence.contains(against)) {
                evidence.add(against);
              }
              mapper.update(
                  id,
                  LessonRow.evidence(evidence),
                  Math.min(1, Math.max(0, row.confidence() + change)),
                  now);
              changed.add(id);
            }
            return changed;
          });
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(
          "record the verdict on the turn of message " + messageId, database.file(), e);
    }
  }

  @Override
  public Optional<TurnOutcome> turnOutcome(long messageId) {
    awaitUses();
    try (SqlSession session = database.autoCommitSession()) {
      TurnOutcomeRow row = session.getMapper(LessonFeedbackMapper.class).outcome(messageId);
      return Optional.ofNullable(row)
          .map(
              r ->
                  new TurnOutcome(
                      r.messageId(),
                      TurnOutcome.Verdict.parse(r.verdict()),
                      r.reason(),
                      Instant.ofEpochMilli(r.decidedAt())));
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(
          "read the verdict on the turn of message " + messageId, database.file(), e);
    }
  }

  @Override
  public ExtractionItem queueExtraction(String sessionId, long messageId) {
    return queue(sessionId, messageId, 0, null, "");
  }

  @Override
  public ExtractionItem recordFailedExtraction(
      String sessionId, long messageId, String reason, String rawReply) {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(rawReply, "rawReply");
    return queue(sessionId, messageId, 1, reason, rawReply);
  }

  private ExtractionItem queue(
      String sessionId, long messageId, int attempts, String failure, String rawReply) {
    if (sessionId == null || sessionId.isBlank()) {
      throw new InvalidInputException(
          "A session id is needed to queue an extraction.", "Give the session's id.");
    }
    if (messageId < 0) {
      throw new IllegalArgumentException("messageId must be 0 or positive, was " + messageId);
    }
    String why = failure == null ? null : scanner.redact("lesson-extraction", failure).text();
    String reply = scanner.redact("lesson-extraction", rawReply).text();
    long now = clock.millis();
    try {
      return database.write(
          session -> {
            LessonFeedbackMapper mapper = session.getMapper(LessonFeedbackMapper.class);
            mapper.queue(sessionId, messageId, attempts, why, reply, now);
            return extraction(mapper.extractionFor(sessionId, messageId));
          });
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(
          "queue session " + sessionId + " for lesson extraction", database.file(), e);
    }
  }

  @Override
  public Optional<ExtractionItem> claimExtraction(String worker, java.time.Duration lease) {
    return extractions.claim(
        worker,
        lease,
        "claim a lesson extraction",
        new LeasedQueue.Claim<>() {
          @Override
          public Long claimable(SqlSession session, long now) {
            return session.getMapper(LessonFeedbackMapper.class).claimable(now);
          }

          @Override
          public void claim(SqlSession session, long id, String worker, long until, long now) {
            session.getMapper(LessonFeedbackMapper.class).claim(id, worker, until, now);
          }

          @Override
          public ExtractionItem read(SqlSession session, long id) {
            return extraction(session.getMapper(LessonFeedbackMapper.class).extraction(id));
          }
        });
  }

  @Override
  public void completeExtraction(long itemId, String worker) {
    Objects.requireNonNull(worker, "worker");
    extractions.finish(
        itemId,
        worker,
        "complete lesson extraction " + itemId,
        session ->
            session
                .getMapper(LessonFeedbackMapper.class)
                .finish(itemId, worker, "done", null, null, clock.millis()));
  }

  @Override
  public void failExtraction(long itemId, String worker, String reason, String rawReply) {
    Objects.requireNonNull(worker, "worker");
    String why = scanner.redact("lesson-extraction", reason == null ? "" : reason).text();
    String reply = scanner.redact("lesson-extraction", rawReply == null ? "" : rawReply).text();
    extractions.finish(
        itemId,
        worker,
        "give back lesson extraction " + itemId,
        session -> {
          LessonFeedbackMapper mapper = session.getMapper(LessonFeedbackMapper.class);
          Integer attempts = mapper.heldAttempts(itemId, worker);
          if (attempts == null) {
            return 0;
          }
          String state = attempts >= MAX_EXTRACTION_ATTEMPTS ? "failed" : "open";
          return mapper.finish(itemId, worker, state, why, reply, clock.millis());
        });
  }

  @Override
  public List<ExtractionItem> extractions(Optional<ExtractionItem.State> state, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    try (SqlSession session = database.autoCommitSession()) {
      return session
          .getMapper(LessonFeedbackMapper.class)
          .extractions(state.map(ExtractionItem.State::word).orElse(null), limit)
          .stream()
          .map(SqliteLessonStore::extraction)
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("list lesson extractions", database.file(), e);
    }
  }

  private static ExtractionItem extraction(ExtractionRow r) {
    return new ExtractionItem(
        r.id(),
        r.sessionId(),
        r.messageId(),
        ExtractionItem.State.parse(r.state()),
        r.attempts(),
        Optional.ofNullable(r.failure()),
        r.rawReply() == null ? "" : r.rawReply(),
        Instant.ofEpochMilli(r.queuedAt()));
  }

  @Override
  public List<Lesson> history(long id) {
    awaitUses();
    try (SqlSession session = database.autoCommitSession()) {
      LessonMapper mapper = session.getMapper(LessonMapper.class);
      LessonRow row = mapper.find(id);
      if (row == null) {
        return List.of();
      }
      // Back to the oldest lesson of the chain (a lesson supersedes at most one: the one it
      // contradicted), then forward along superseded_by.
      LessonRow first = row;
      Set<Long> seen = new java.util.HashSet<>();
      while (seen.add(first.id())) {
        List<Long> before = mapper.predecessors(first.id());
        if (before.isEmpty()) {
          break;
        }
        first = mapper.find(before.get(0));
      }
      List<Lesson> chain = new ArrayList<>();
      seen.clear();
      for (LessonRow r = first; r != null && seen.add(r.id()); ) {
        chain.add(r.toLesson());
        r = r.supersededBy() == null ? null : mapper.find(r.supersededBy());
      }
      return chain;
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("read the history of lesson " + id, database.file(), e);
    }
  }

  private static void checkLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
  }
}
