package dev.beca.memory.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Benchmark harness: retrieval quality and speed of the quantised all-MiniLM-L6-v2 (BECA's
 * embedding model) beside the full-precision model, in the same run, on text BECA did not write.
 *
 * <p>Two labelled tasks are built from fetched repositories of real projects:
 *
 * <ul>
 *   <li><b>code</b>: every documented method of the Java sources under the given roots; the query
 *       is the first sentence of its javadoc, the one relevant document is the method's source
 *       (signature and body, javadoc removed), among all methods found;
 *   <li><b>prose</b>: every {@code ##}-level section of the Markdown files under the given roots;
 *       the query is the heading, the relevant documents are the section's paragraphs, among all
 *       paragraphs found.
 * </ul>
 *
 * <p>For each task and model it prints recall@1/5/10 (share of queries with a relevant document in
 * the top k) and MRR@10; then the agreement of the quantised model with the full model's ranking
 * (share of the full model's top k that the quantised model also ranks in its top k); then the
 * embedding time per text of both (documents in batches, queries one by one as BECA embeds them),
 * rounds alternating which model goes first. Not a test: run it with
 *
 * <pre>
 * ./mvnw -q -pl beca-memory -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.memory.bench.EmbeddingQualityBenchmark \
 *     -Dexec.args="CODE_ROOTS PROSE_ROOTS [MAX_DOCS]"
 * </pre>
 *
 * where the roots are comma-separated directories, e.g. {@code
 * /work/cache/gson,/work/cache/commons-cli}.
 */
public final class EmbeddingQualityBenchmark {

  private static final int MAX_CHARS = 2_000;

  /** A method signature up to its body's brace, right after a javadoc comment. */
  private static final Pattern SIGNATURE =
      Pattern.compile(
          "\\s*((?:@\\w+(?:\\([^)]*\\))?\\s+)*"
              + "(?:(?:public|protected|private|static|final|synchronized|abstract|default)\\s+)*"
              + "(?:<[^>]*>\\s*)?[\\w<>\\[\\],.? ]+\\s+\\w+\\s*\\([^)]*\\)[^;{}]*\\{)");

  private EmbeddingQualityBenchmark() {}

  record Task(String name, List<String> documents, List<String> queries, List<Set<Integer>> gold) {}

  /** Runs the benchmark and prints the tables. */
  public static void main(String[] args) throws Exception {
    List<Path> codeRoots = roots(args.length > 0 ? args[0] : "/work/cache/gson");
    List<Path> proseRoots = roots(args.length > 1 ? args[1] : "/work/cache/gson");
    int maxDocs = args.length > 2 ? Integer.parseInt(args[2]) : 1_500;

    List<Task> tasks = List.of(codeTask(codeRoots, maxDocs), proseTask(proseRoots, maxDocs));
    EmbeddingModel full = new AllMiniLmL6V2EmbeddingModel();
    EmbeddingModel quantised = new AllMiniLmL6V2QuantizedEmbeddingModel();
    // Warm-up: load both models and let the JIT see the paths.
    for (int i = 0; i < 3; i++) {
      full.embed("warm up the full model " + i);
      quantised.embed("warm up the quantised model " + i);
    }

    double[] docNanos = new double[2];
    double[] queryNanos = new double[2];
    int docCount = 0;
    int queryCount = 0;
    for (Task task : tasks) {
      System.out.printf(
          Locale.ROOT,
          "%n== %s: %d documents, %d queries%n",
          task.name(),
          task.documents().size(),
          task.queries().size());
      float[][][] docs = new float[2][][];
      float[][][] queries = new float[2][][];
      // Alternate which model goes first between tasks, so drift of the machine reaches both.
      int[] order = task == tasks.get(0) ? new int[] {0, 1} : new int[] {1, 0};
      for (int m : order) {
        EmbeddingModel model = m == 0 ? full : quantised;
        long start = System.nanoTime();
        docs[m] = embedAll(model, task.documents());
        docNanos[m] += System.nanoTime() - start;
        start = System.nanoTime();
        queries[m] = new float[task.queries().size()][];
        for (int q = 0; q < task.queries().size(); q++) {
          queries[m][q] = normalized(model.embed(task.queries().get(q)).content().vector());
        }
        queryNanos[m] += System.nanoTime() - start;
      }
      docCount += task.documents().size();
      queryCount += task.queries().size();

      int[][][] rankings = new int[2][][];
      for (int m = 0; m < 2; m++) {
        rankings[m] = new int[task.queries().size()][];
        for (int q = 0; q < task.queries().size(); q++) {
          rankings[m][q] = top(queries[m][q], docs[m], 10);
        }
      }
      System.out.println("| Model | recall@1 | recall@5 | recall@10 | MRR@10 |");
      System.out.println("|---|---|---|---|---|");
      for (int m = 0; m < 2; m++) {
        System.out.printf(
            Locale.ROOT,
            "| %s | %.3f | %.3f | %.3f | %.3f |%n",
            m == 0 ? "full (fp32)" : "quantised (int8)",
            recall(rankings[m], task.gold(), 1),
            recall(rankings[m], task.gold(), 5),
            recall(rankings[m], task.gold(), 10),
            mrr(rankings[m], task.gold()));
      }
      System.out.printf(
          Locale.ROOT,
          "Quantised against the full model's ranking: recall@5 %.3f, recall@10 %.3f,"
              + " same top-1 %.3f%n",
          agreement(rankings[0], rankings[1], 5),
          agreement(rankings[0], rankings[1], 10),
          agreement(rankings[0], rankings[1], 1));
    }
    System.out.printf(
        Locale.ROOT,
        "%nEmbedding time per text (%d documents in batches of 32, %d queries one by one):%n",
        docCount,
        queryCount);
    System.out.println("| Model | document | query |");
    System.out.println("|---|---|---|");
    for (int m = 0; m < 2; m++) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %.2f ms | %.2f ms |%n",
          m == 0 ? "full (fp32)" : "quantised (int8)",
          docNanos[m] / docCount / 1e6,
          queryNanos[m] / queryCount / 1e6);
    }
  }

  private static List<Path> roots(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).map(Path::of).toList();
  }

  private static List<Path> files(List<Path> roots, String suffix) {
    List<Path> out = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(suffix))
            .filter(p -> !p.toString().contains("/src/test/") && !p.toString().contains("/.git/"))
            .sorted()
            .forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Javadoc first sentence → the method's source. */
  static Task codeTask(List<Path> roots, int maxDocs) {
    List<String> documents = new ArrayList<>();
    List<String> queries = new ArrayList<>();
    Set<String> seenQueries = new HashSet<>();
    List<Set<Integer>> gold = new ArrayList<>();
    for (Path file : files(roots, ".java")) {
      String source = read(file);
      Matcher m = SIGNATURE.matcher(source);
      for (int open = source.indexOf("/**");
          open >= 0 && documents.size() < maxDocs;
          open = source.indexOf("/**", open + 3)) {
        int close = source.indexOf("*/", open + 3);
        if (close < 0) {
          break;
        }
        m.region(close + 2, Math.min(source.length(), close + 2 + 600));
        if (!m.lookingAt()) {
          continue;
        }
        String javadoc = source.substring(open + 3, close);
        int bodyStart = m.end() - 1;
        int bodyEnd = matchingBrace(source, bodyStart);
        if (bodyEnd < 0) {
          continue;
        }
        String method = (m.group(1) + source.substring(bodyStart + 1, bodyEnd + 1)).strip();
        String query = firstSentence(javadoc);
        documents.add(cap(method));
        if (query.split("\\s+").length >= 4 && seenQueries.add(query)) {
          queries.add(query);
          gold.add(Set.of(documents.size() - 1));
        }
      }
    }
    return new Task("code (javadoc sentence -> method source)", documents, queries, gold);
  }

  /** Markdown section heading → the section's paragraphs. */
  static Task proseTask(List<Path> roots, int maxDocs) {
    List<String> documents = new ArrayList<>();
    List<String> queries = new ArrayList<>();
    List<Set<Integer>> gold = new ArrayList<>();
    for (Path file : files(roots, ".md")) {
      String heading = null;
      Set<Integer> section = new HashSet<>();
      boolean fence = false;
      StringBuilder paragraph = new StringBuilder();
      for (String line : (read(file) + "\n## end").split("\n")) {
        if (line.startsWith("```")) {
          fence = !fence;
          continue;
        }
        if (fence) {
          continue;
        }
        boolean isHeading = line.startsWith("#");
        if (isHeading || line.isBlank()) {
          String text = paragraph.toString().strip();
          paragraph.setLength(0);
          if (heading != null && text.split("\\s+").length >= 8 && documents.size() < maxDocs) {
            documents.add(cap(text));
            section.add(documents.size() - 1);
          }
        } else if (!line.startsWith("|") && !line.startsWith("<") && !line.startsWith("---")) {
          paragraph.append(line).append('\n');
        }
        if (isHeading) {
          if (heading != null && !section.isEmpty()) {
            queries.add(heading);
            gold.add(Set.copyOf(section));
          }
          section = new HashSet<>();
          String text = line.replaceFirst("^#+\\s*", "").replaceAll("[`*_\\[\\]]", "").strip();
          heading = line.startsWith("##") && text.split("\\s+").length >= 2 ? text : null;
        }
      }
    }
    return new Task("prose (Markdown heading -> its paragraphs)", documents, queries, gold);
  }

  private static int matchingBrace(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        for (i++; i < s.length() && s.charAt(i) != c; i++) {
          if (s.charAt(i) == '\\') {
            i++;
          }
        }
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String firstSentence(String javadoc) {
    String text =
        Arrays.stream(javadoc.split("\n"))
            .map(l -> l.replaceFirst("^\\s*\\*\\s?", ""))
            .takeWhile(l -> !l.strip().startsWith("@"))
            .collect(Collectors.joining(" "))
            .replaceAll("\\{@\\w+\\s+([^}]*)}", "$1")
            .replaceAll("<[^>]+>", "")
            .replaceAll("\\s+", " ")
            .strip();
    int end = text.indexOf(". ");
    return end > 0 ? text.substring(0, end + 1) : text;
  }

  private static String cap(String text) {
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
  }

  private static float[][] embedAll(EmbeddingModel model, List<String> texts) {
    float[][] out = new float[texts.size()][];
    for (int from = 0; from < texts.size(); from += 32) {
      List<TextSegment> batch =
          texts.subList(from, Math.min(texts.size(), from + 32)).stream()
              .map(TextSegment::from)
              .toList();
      List<Embedding> vectors = model.embedAll(batch).content();
      for (int i = 0; i < vectors.size(); i++) {
        out[from + i] = normalized(vectors.get(i).vector());
      }
    }
    return out;
  }

  private static float[] normalized(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    float scale = sum == 0 ? 1 : (float) (1 / Math.sqrt(sum));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * scale;
    }
    return out;
  }

  private static int[] top(float[] query, float[][] docs, int k) {
    Integer[] ids = new Integer[docs.length];
    double[] scores = new double[docs.length];
    for (int d = 0; d < docs.length; d++) {
      ids[d] = d;
      double s = 0;
      for (int i = 0; i < query.length; i++) {
        s += query[i] * docs[d][i];
      }
      scores[d] = s;
    }
    Arrays.sort(ids, (a, b) -> Double.compare(scores[b], scores[a]));
    int[] out = new int[Math.min(k, ids.length)];
    for (int i = 0; i < out.length; i++) {
      out[i] = ids[i];
    }
    return out;
  }

  private static double recall(int[][] rankings, List<Set<Integer>> gold, int k) {
    int hits = 0;
    for (int q = 0; q < rankings.length; q++) {
      for (int i = 0; i < k && i < rankings[q].length; i++) {
        if (gold.get(q).contains(rankings[q][i])) {
          hits++;
          break;
        }
      }
    }
    return (double) hits / rankings.length;
  }

  private static double mrr(int[][] rankings, List<Set<Integer>> gold) {
    double sum = 0;
    for (int q = 0; q < rankings.length; q++) {
      for (int i = 0; i < rankings[q].length; i++) {
        if (gold.get(q).contains(rankings[q][i])) {
          sum += 1.0 / (i + 1);
          break;
        }
      }
    }
    return sum / rankings.length;
  }

  private static double agreement(int[][] reference, int[][] candidate, int k) {
    double sum = 0;
    for (int q = 0; q < reference.length; q++) {
      Set<Integer> ref = new HashSet<>();
      for (int i = 0; i < k; i++) {
        ref.add(reference[q][i]);
      }
      int common = 0;
      for (int i = 0; i < k; i++) {
        if (ref.contains(candidate[q][i])) {
          common++;
        }
      }
      sum += (double) common / k;
    }
    return sum / reference.length;
  }
}
