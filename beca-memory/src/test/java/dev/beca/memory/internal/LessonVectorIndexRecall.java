package dev.beca.memory.internal;

import dev.beca.memory.SqliteKnowledgeBase;
import dev.beca.memory.bench.LessonRetrievalBenchmark;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;

/**
 * How close the lesson vector index's approximate search comes to an exact scan, per setting of its
 * candidate counts, on a file of {@code LessonRetrievalBenchmark --timing-only} (100,000 lessons).
 * A harness, not a test (it reads every vector and embeds the queries):
 *
 * <pre>
 * java -cp ... dev.beca.memory.internal.LessonVectorIndexRecall FILE SPRING_BOOT_CHECKOUT \
 *   [HAMMING:SIGNS:SHORTLIST[/LISTED] ...]
 * </pre>
 *
 * <p>{@code /LISTED}: with lists trained on the file's lessons, reading at least LISTED lessons a
 * search (the default settings: without lists, and with {@value LessonVectorIndex#PROBED}).
 *
 * <p>A setting {@code HAMMING:SHORTLIST} (two numbers) leaves the sign stage out (the index before
 * 2026-12-03: every Hamming candidate's byte vector compared).
 *
 * <p>Queries: the how-to titles of the retrieval set and {@link ContextAssemblyBreakdown}'s
 * questions. Truth: the exact cosine similarity against every active lesson's stored vector. For
 * each setting it reports recall@5, @10 and @50 of the index's result (shortlist, then the exact
 * comparison of the shortlist, as {@code SqliteLessonStore} ranks) against the exact top k, how
 * often the first lesson is the exact first, and the share of the exact top 10's similarity the
 * found top 10 reaches (1.0 when every one found is as similar as the one it replaces: the
 * benchmark's lessons include near-copies of one text, between which any order is as good).
 */
public final class LessonVectorIndexRecall {

  private LessonVectorIndexRecall() {}

  /** Runs the comparison; see the class description for the arguments. */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    Path docs = Path.of(args[1]).resolve("documentation/spring-boot-docs/src/docs/antora/modules");
    List<String> queries = new ArrayList<>();
    for (var s : LessonRetrievalBenchmark.sections(docs.resolve("how-to/pages"))) {
      if (s.title().split("\\s+").length >= 3 && queries.size() < 100) {
        queries.add(s.title());
      }
    }
    queries.addAll(List.of(ContextAssemblyBreakdown.QUESTIONS));
    // {hamming, signs, shortlist, lessons read with lists (0: every lesson's signs)}
    List<int[]> settings = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      String[] lists = args[i].split("/");
      int probed = lists.length > 1 ? Integer.parseInt(lists[1]) : 0;
      String[] p = lists[0].split(":");
      int hamming = Integer.parseInt(p[0]);
      settings.add(
          p.length == 2
              ? new int[] {hamming, hamming, Integer.parseInt(p[1]), probed}
              : new int[] {hamming, Integer.parseInt(p[1]), Integer.parseInt(p[2]), probed});
    }
    if (settings.isEmpty()) {
      for (int probed : new int[] {0, LessonVectorIndex.PROBED}) {
        settings.add(
            new int[] {
              LessonVectorIndex.HAMMING_CANDIDATES,
              LessonVectorIndex.SIGN_CANDIDATES,
              LessonVectorIndex.SHORTLIST,
              probed
            });
      }
    }
    EmbeddingModel model = new LazyMiniLmEmbeddingModel();
    try (SqliteKnowledgeBase kb = SqliteKnowledgeBase.builder().databaseFile(file).open()) {
      SqliteLessonStore lessons = (SqliteLessonStore) kb.lessons();
      var field = SqliteLessonStore.class.getDeclaredField("database");
      field.setAccessible(true);
      SqliteDatabase database = (SqliteDatabase) field.get(lessons);
      List<long[]> ids = new ArrayList<>();
      List<float[]> vectors = new ArrayList<>();
      long version;
      try (SqlSession session = database.autoCommitSession()) {
        LessonMapper mapper = session.getMapper(LessonMapper.class);
        version = mapper.vectorsVersion();
        mapper.activeVectorRows(
            context -> {
              LessonVectorRow row = context.getResultObject();
              ids.add(new long[] {row.id(), row.embeddingId()});
              vectors.add(Vectors.normalized(Vectors.fromBytes(row.vector())));
            });
      }
      System.out.printf(
          Locale.ROOT, "%,d active lessons, %d queries%n", ids.size(), queries.size());
      float[][] queryVectors = new float[queries.size()][];
      long[][] exact = new long[queries.size()][];
      double[][] exactScores = new double[queries.size()][];
      for (int q = 0; q < queries.size(); q++) {
        queryVectors[q] = Vectors.normalized(model.embed(queries.get(q)).content().vector());
        double[] scores = new double[vectors.size()];
        Integer[] order = new Integer[vectors.size()];
        for (int i = 0; i < scores.length; i++) {
          scores[i] = Vectors.dot(queryVectors[q], vectors.get(i));
          order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        exact[q] = new long[50];
        exactScores[q] = new double[50];
        for (int k = 0; k < 50; k++) {
          exact[q][k] = ids.get(order[k])[0];
          exactScores[q][k] = scores[order[k]];
        }
      }
      java.util.Map<Long, float[]> byLesson = new java.util.HashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        byLesson.put(ids.get(i)[0], vectors.get(i));
      }
      System.out.println(
          "| Hamming candidates : sign candidates : shortlist / lessons read with lists | recall@5 | recall@10 | recall@50 | first is exact first"
              + " | similarity of top 10 / exact | shortlist ms, mean | recall@5, @10 by the"
              + " byte vectors alone |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      for (int[] setting : settings) {
        LessonVectorIndex.Builder builder =
            new LessonVectorIndex.Builder(version, setting[0], setting[1], setting[2]);
        if (setting[3] > 0) {
          builder.probed(setting[3]);
        }
        for (int i = 0; i < ids.size(); i++) {
          builder.add(ids.get(i)[0], ids.get(i)[1], vectors.get(i));
        }
        LessonVectorIndex index = builder.build();
        if (setting[3] > 0) {
          long start = System.nanoTime();
          long[] trained = index.trainCentroids();
          index.useLists(trained, index.size(), version, version);
          System.out.printf(
              Locale.ROOT,
              "lists: %d trained and sorted into in %d ms%n",
              trained.length / index.codeWords(),
              (System.nanoTime() - start) / 1_000_000);
        }
        double[] recall = new double[3];
        double[] byBytes = new double[2]; // recall@5, @10 of the shortlist's own order
        int[] ks = {5, 10, 50};
        int firsts = 0;
        double similarity = 0;
        long nanos = 0;
        // Rounds 0-4 warm up and time the shortlist (mean of rounds 2-4), the last one scores.
        for (int round = 0; round < 6; round++) {
          for (int q = 0; q < queries.size(); q++) {
            long t0 = System.nanoTime();
            long[][] shortlist = index.shortlist(queryVectors[q]);
            nanos += round >= 2 && round < 5 ? System.nanoTime() - t0 : 0;
            if (round < 5) {
              continue;
            }
            float[] query = queryVectors[q];
            List<long[]> ranked = new ArrayList<>();
            for (long[] pair : shortlist) {
              ranked.add(
                  new long[] {
                    pair[0], Double.doubleToLongBits(Vectors.dot(query, byLesson.get(pair[0])))
                  });
            }
            ranked.sort(
                (a, b) ->
                    Double.compare(Double.longBitsToDouble(b[1]), Double.longBitsToDouble(a[1])));
            for (int k = 0; k < 3; k++) {
              Set<Long> truth = new HashSet<>();
              for (int j = 0; j < ks[k]; j++) {
                truth.add(exact[q][j]);
              }
              int hit = 0;
              for (int j = 0; j < Math.min(ks[k], ranked.size()); j++) {
                hit += truth.contains(ranked.get(j)[0]) ? 1 : 0;
              }
              recall[k] += hit / (double) ks[k];
            }
            firsts += !ranked.isEmpty() && ranked.get(0)[0] == exact[q][0] ? 1 : 0;
            for (int k = 0; k < 2; k++) {
              Set<Long> truth = new HashSet<>();
              for (int j = 0; j < ks[k]; j++) {
                truth.add(exact[q][j]);
              }
              int hit = 0;
              for (int j = 0; j < Math.min(ks[k], shortlist.length); j++) {
                hit += truth.contains(shortlist[j][0]) ? 1 : 0;
              }
              byBytes[k] += hit / (double) ks[k];
            }
            double found = 0;
            double best = 0;
            for (int j = 0; j < 10; j++) {
              best += exactScores[q][j];
              found += j < ranked.size() ? Double.longBitsToDouble(ranked.get(j)[1]) : 0;
            }
            similarity += found / best;
          }
        }
        int n = queries.size();
        System.out.printf(
            Locale.ROOT,
            "| %d : %d : %d%s | %.3f | %.3f | %.3f | %.3f | %.4f | %.2f | %.3f, %.3f |%n",
            setting[0],
            setting[1],
            setting[2],
            setting[3] > 0 ? " / " + setting[3] : "",
            recall[0] / n,
            recall[1] / n,
            recall[2] / n,
            firsts / (double) n,
            similarity / n,
            nanos / 1e6 / n / 3,
            byBytes[0] / n,
            byBytes[1] / n);
      }
    }
  }
}
