package dev.beca.memory.internal;

import dev.beca.core.conversation.SearchFilter;
import dev.beca.core.memory.ContextAssembler;
import dev.beca.core.memory.ContextRequest;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.beca.memory.bench.JitWarmUp;
import dev.beca.memory.bench.LessonRetrievalBenchmark;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.apache.ibatis.session.SqlSession;

/**
 * Where the time of one turn's context assembly goes, part by part, on a file built by {@code
 * LessonRetrievalBenchmark --timing-only} (1,000,000 messages and 100,000 lessons; thread 1 as the
 * turn's thread). A harness, not a test: it sits in this package to reach the parts (keyword side,
 * vector side) that the stores do not expose. Run from the repository root with the test class
 * path:
 *
 * <pre>
 * java -cp ... dev.beca.memory.internal.ContextAssemblyBreakdown FILE SPRING_BOOT_CHECKOUT [titles|questions] [TURNS]
 * </pre>
 *
 * <p>Per turn (each with its own text, so that no part finds another's vector cached, except where
 * said): the query embedding alone by the store's model (quantised all-MiniLM-L6-v2, own instance)
 * and by the full-precision model; then, the query's vector cached in the store, the history
 * keyword side, history semantic side, history hybrid search, lesson keyword side, lesson vector
 * side, whole lesson search, and context assembly with and without lessons; finally context
 * assembly with and without lessons on fresh texts (the embedding included), as a turn runs. Warms
 * up until the JIT compilers have settled ({@link JitWarmUp}, {@code -Dbench.warmup=N} for a fixed
 * count; 20 turns before 2026-12-02 23:40 UTC).
 */
public final class ContextAssemblyBreakdown {

  static final String[] QUESTIONS = { // ConversationBenchmark's questions
    "How should the ledgerService handle a flywayMigration checksum error?",
    "Why does the paymentTimeout fire during the nightly batchJob?",
    "What did we decide about sharding the invoiceStore?",
    "Can the tokenCache survive a replica failover?",
    "Which retryPolicy does the webhookWorker use?",
    "How do we migrate the tenantSchema without downtime?",
    "Explain the auditMonitor configuration",
    "Is the lockPolicy safe across two instances?",
    "What breaks when the sessionRouter restarts?",
    "Where is the certificateLoader configured for tests?",
  };

  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private static final String CPU_PREFIX = "cpu:";

  private ContextAssemblyBreakdown() {}

  /** Runs the breakdown; see the class description for the arguments. */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    Path checkout = Path.of(args[1]);
    String set = args.length > 2 ? args[2] : "titles";
    int turns = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    List<String> queries = new ArrayList<>();
    if (set.equals("questions")) {
      queries.addAll(List.of(QUESTIONS));
    } else {
      Path docs = checkout.resolve("documentation/spring-boot-docs/src/docs/antora/modules");
      for (var s : LessonRetrievalBenchmark.sections(docs.resolve("how-to/pages"))) {
        if (s.title().split("\\s+").length >= 3 && queries.size() < 100) {
          queries.add(s.title());
        }
      }
    }
    // The store's model (LangChain4j's quantised model in a session whose threads do not spin; a
    // model whose threads spin after a run would slow whatever part is measured after it).
    EmbeddingModel quantised = new LazyMiniLmEmbeddingModel();

    EmbeddingModel full = new AllMiniLmL6V2EmbeddingModel();
    Map<String, List<Double>> times = new LinkedHashMap<>();
    try (SqliteKnowledgeBase kb = SqliteKnowledgeBase.builder().databaseFile(file).open()) {
      SqliteHistorySearch history = (SqliteHistorySearch) kb.search();
      SqliteLessonStore lessons = (SqliteLessonStore) kb.lessons();
      SqliteDatabase database = (SqliteDatabase) field(lessons, "database");
      EmbeddingModel storeModel = ((EmbeddingIndexer) field(history, "embeddings")).model();
      SearchFilter thread = SearchFilter.all().thread(1);
      Method index =
          SqliteLessonStore.class.getDeclaredMethod("index", LessonMapper.class, long.class);
      Method keywordIndex =
          SqliteLessonStore.class.getDeclaredMethod("keywordIndex", LessonMapper.class, long.class);
      keywordIndex.setAccessible(true);
      index.setAccessible(true);
      Method nearest =
          SqliteLessonStore.class.getDeclaredMethod(
              "nearest", SqlSession.class, LessonVectorIndex.class, float[].class, int.class);
      nearest.setAccessible(true);
      ContextAssembler withLessons =
          ContextAssembler.builder()
              .messages(kb.messages())
              .threads(kb.threads())
              .search(kb.search())
              .recentMessages(20)
              .relevantMessages(10)
              .lessons(kb.lessons())
              .build();
      ContextAssembler without = withLessons.toBuilder().maxLessons(0).build();
      long start = System.nanoTime();
      lessons.search("warm up the lesson search", 5);
      System.out.printf(
          Locale.ROOT,
          "First lesson search (builds the vector index): %.0f ms%n",
          (System.nanoTime() - start) / 1e6);
      // One turn of parts; warm-up turns are numbered below zero and not kept.
      IntConsumer turn =
          i -> {
            String base = queries.get(Math.floorMod(i, queries.size())) + " (" + i + ")";
            record(
                "embedding alone, store's model (quantised)",
                i,
                times,
                () -> quantised.embed(base));
            record("embedding alone, full-precision model", i, times, () -> full.embed(base));
            String q = base + " cached";
            record("embedding through the store (cache miss)", i, times, () -> storeModel.embed(q));
            String relevance = history.relevanceQuery(q);
            record(
                "history keyword side (term statistics + FTS5)",
                i,
                times,
                () -> relevance.isEmpty() ? List.of() : history.keyword(relevance, thread, 50));
            record("history semantic side", i, times, () -> history.semantic(q, thread, 50));
            record("history hybrid search", i, times, () -> history.hybrid(q, thread, 30));
            record(
                "lesson keyword side (term statistics + FTS5)",
                i,
                times,
                () -> {
                  try (SqlSession session = database.autoCommitSession()) {
                    LessonMapper mapper = session.getMapper(LessonMapper.class);
                    String match = lessons.keywordQuery(mapper, q);
                    return match.isEmpty() ? List.of() : mapper.keyword(match, 50);
                  }
                });
            record(
                "lesson keyword side, in memory (LessonKeywordIndex: counts and BM25)",
                i,
                times,
                () -> {
                  try (SqlSession session = database.autoCommitSession()) {
                    LessonMapper mapper = session.getMapper(LessonMapper.class);
                    LessonKeywordIndex words =
                        (LessonKeywordIndex)
                            keywordIndex.invoke(lessons, mapper, mapper.vectorsVersion());
                    List<LessonKeywordIndex.Phrase> phrases =
                        lessons.keywordPhrases(mapper, q, words);
                    return phrases.isEmpty() || !LessonKeywordIndex.handles(phrases)
                        ? List.of()
                        : words.search(phrases, 50);
                  } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                  }
                });
            float[] vector = Vectors.normalized(storeModel.embed(q).content().vector());
            record(
                "lesson index: Hamming candidates (of the nearest lists, when it has lists)",
                i,
                times,
                () -> {
                  LessonVectorIndex held = lessons.currentVectorIndex();
                  return held.trainedOn() > 0
                      ? held.listCandidates(vector)
                      : held.hammingCandidates(vector);
                });
            record(
                "lesson index: shortlist (Hamming, signs, bytes)",
                i,
                times,
                () -> lessons.currentVectorIndex().shortlist(vector));
            record(
                "lesson vector side (index shortlist + exact comparison)",
                i,
                times,
                () -> {
                  try (SqlSession session = database.autoCommitSession()) {
                    LessonMapper mapper = session.getMapper(LessonMapper.class);
                    Long version = mapper.vectorsVersion();
                    return nearest.invoke(
                        lessons, session, index.invoke(lessons, mapper, version), vector, 50);
                  } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                  }
                });
            record(
                "lesson search (keyword + vector + fusion)", i, times, () -> lessons.search(q, 5));
            record("assembly, history only", i, times, () -> without.assemble(request(q, 1)));
            record("assembly, with lessons", i, times, () -> withLessons.assemble(request(q, 1)));
            record(
                "TURN: assembly, history only (embedding included)",
                i,
                times,
                () -> without.assemble(request(base + " fresh", 1)));
            record(
                "TURN: assembly, with lessons (embedding included)",
                i,
                times,
                () -> withLessons.assemble(request(base + " new", 1)));
          };
      System.out.println(JitWarmUp.run(k -> turn.accept(-1 - k)));
      for (int i = 0; i < turns; i++) {
        turn.accept(i);
      }
    }
    String load = Files.readString(Path.of("/proc/loadavg")).strip();
    System.out.printf(
        Locale.ROOT, "%nQueries: %s, %d turns; load average at the end: %s%n", set, turns, load);
    System.out.println(
        "| Part (parts after the embedding find the query's vector cached) | p50 ms | p95 ms |"
            + " CPU of the calling thread, p50 ms |");
    System.out.println("|---|---|---|---|");
    for (Map.Entry<String, List<Double>> e : times.entrySet()) {
      if (e.getKey().startsWith(CPU_PREFIX)) {
        continue;
      }
      System.out.printf(
          Locale.ROOT,
          "| %s | %.1f | %.1f | %.1f |%n",
          e.getKey(),
          percentile(e.getValue(), 50),
          percentile(e.getValue(), 95),
          percentile(times.get(CPU_PREFIX + e.getKey()), 50));
    }
    double e95 = percentile(times.get("embedding alone, store's model (quantised)"), 95);
    for (String k :
        List.of(
            "TURN: assembly, history only (embedding included)",
            "TURN: assembly, with lessons (embedding included)")) {
      System.out.printf(
          Locale.ROOT,
          "%s: p95 %.2fx the embedding alone%n",
          k,
          percentile(times.get(k), 95) / e95);
    }
  }

  private static ContextRequest request(String q, long thread) {
    return new ContextRequest("You are BECA.", "session-1", OptionalLong.of(thread), q, 4096);
  }

  private static void record(
      String name, int i, Map<String, List<Double>> times, Supplier<Object> part) {
    long c0 = CPU.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    part.get();
    double ms = (System.nanoTime() - t0) / 1e6;
    double cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
    if (i >= 0) {
      times.computeIfAbsent(name, k -> new ArrayList<>()).add(ms);
      times.computeIfAbsent(CPU_PREFIX + name, k -> new ArrayList<>()).add(cpu);
    }
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(owner);
  }

  private static double percentile(List<Double> values, int p) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
