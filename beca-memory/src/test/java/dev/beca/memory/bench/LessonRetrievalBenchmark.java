package dev.beca.memory.bench;

import dev.beca.core.conversation.NewMessage;
import dev.beca.core.learning.LessonAddition;
import dev.beca.core.learning.LessonCategory;
import dev.beca.core.learning.LessonHit;
import dev.beca.core.learning.LessonMatcher;
import dev.beca.core.learning.NewLesson;
import dev.beca.core.memory.AssembledContext;
import dev.beca.core.memory.ContextAssembler;
import dev.beca.core.memory.ContextRequest;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.beca.memory.internal.LazyMiniLmEmbeddingModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Retrieval quality and cost of lessons learned, on text we did not write: the how-to guide of
 * Spring Boot's reference documentation. Each how-to section is a question (its title, e.g. "Change
 * the HTTP Port") answered by its first paragraph; the paragraph, cut to two sentences, is stored
 * as a lesson, and the title is a query whose one relevant lesson is that paragraph (the label
 * comes from the documentation's structure, not from us). The first paragraphs of the reference
 * guide's sections join as distractors on the same topics. Not part of {@code verify} (it loads the
 * embedding model and builds a 100,000-lesson file). Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -ntp -q -o -pl beca-memory test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.memory.bench.LessonRetrievalBenchmark \
 *     -Dexec.args="SPRING_BOOT_CHECKOUT [DIR] [LESSONS] [HISTORY_FILE] [--timing-only]"
 * </pre>
 *
 * <p>The quality part runs twice in the same run: "before" (the merge decision without the
 * named-things rule, {@code LessonMatcher.Builder#namedScore} -1, and the keyword side on exact
 * words, {@code lessonKeywordStems(false)}) and "after" (the defaults); recall is reported for all
 * queries and for the two halves of them split by the SHA-256 of the title. LESSONS 0 skips the
 * timing part; HISTORY_FILE is a file built by {@link ConversationBenchmark} (1,000,000 messages),
 * copied and given the lessons, with thread 1 (10,000 messages) as the turn's thread. The timing
 * part warms up until the JIT compilers have settled ({@link JitWarmUp}; {@code -Dbench.warmup=20}
 * gives the 20 warm-up turns of the runs before 2026-12-02 23:30 UTC). {@code -Dbench.coldCache=MB}
 * writes to a buffer of MB megabytes before each timed part of a measured turn (the embedding alone
 * included), so that every part starts with the processor's caches full of other data, as a turn
 * does in a chat, where the model's reply comes between two turns; without it the turns run back to
 * back and the indexes stay in the cache (2026-12-03: the Hamming pass in columns was twice as fast
 * that way and no faster with the caches flushed), and the use of lessons that the turn with
 * lessons records in the background still runs during the history-only turn after it. {@code
 * -Dbench.turns=N} times N turns instead of 200 (a p95 of 200 turns moved by 0.3x between two runs
 * of the same code on 2026-12-03).
 *
 * <p>Prints recall@5 of {@code LessonStore.search} and of the lessons context assembly puts into a
 * 4,096-token prompt, over the first 100 how-to titles of at least three words; then, on a file of
 * LESSONS (default 100,000) lessons — the real ones plus variants with their own vectors (a real
 * lesson's vector moved by a little noise, so that the vectors are as many as the lessons) — the
 * p50/p95 of the query embedding alone (the same quantised all-MiniLM-L6-v2), of the lesson search
 * and of context assembly with and without lessons, over 200 queries, all in the same run.
 */
public final class LessonRetrievalBenchmark {

  private static final Pattern HEADING = Pattern.compile("^(={2,4}) (.+)$");
  private static final Pattern XREF = Pattern.compile("\\b([a-z]+):([^\\[\\s]*)\\[([^\\]]*)\\]");
  private static final Pattern MARKUP = Pattern.compile("[`*_+]|\\{[a-z-]+\\}");

  /** Timed turns of the timing part ({@code -Dbench.turns=N}, 200 by default). */
  private static final int TURNS = Integer.getInteger("bench.turns", 200);

  /** Written before each timed part with {@code -Dbench.coldCache=MB}; empty by default. */
  private static final byte[] SWEEP = new byte[Integer.getInteger("bench.coldCache", 0) << 20];

  private LessonRetrievalBenchmark() {}

  /** Fills the caches with other data: one write per 64-byte line of {@link #SWEEP}. */
  private static void evictCaches(int turn) {
    if (turn >= 0) {
      for (int i = 0; i < SWEEP.length; i += 64) {
        SWEEP[i]++;
      }
    }
  }

  /** A section: its title and first paragraph. */
  public record Section(String file, String title, String paragraph) {}

  /** Runs the benchmark; see the class description for the arguments. */
  public static void main(String[] args) throws Exception {
    Path checkout = Path.of(args[0]);
    Path dir = Path.of(args.length > 1 ? args[1] : "target/lesson-bench").toAbsolutePath();
    int total = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    Path history = args.length > 3 ? Path.of(args[3]).toAbsolutePath() : null;
    Path docs = checkout.resolve("documentation/spring-boot-docs/src/docs/antora/modules");
    List<Section> howTo = sections(docs.resolve("how-to/pages"));
    List<Section> reference = sections(docs.resolve("reference/pages"));
    List<Section> queries =
        howTo.stream().filter(s -> s.title().split("\\s+").length >= 3).limit(100).toList();
    System.out.printf(
        Locale.ROOT,
        "Spring Boot docs: %d how-to sections, %d reference sections; %d queries%n",
        howTo.size(),
        reference.size(),
        queries.size());
    boolean timingOnly = args.length > 4 && args[4].equals("--timing-only");
    if (!timingOnly) {
      deleteRecursively(dir);
    }
    List<Section> all = new ArrayList<>(howTo);
    all.addAll(reference.subList(0, Math.min(reference.size(), Math.max(0, 300 - howTo.size()))));
    if (timingOnly) {
      // The paragraphs go in through the store, which merges near-duplicates as usual.
      timing(
          dir.resolve("timing"),
          all.stream().map(Section::paragraph).toList(),
          queries,
          total,
          history);
      return;
    }
    // Before: the merge decision without the named-things rule and the keyword side on exact
    // words. After: the defaults. Same lessons, same queries, same run.
    quality(
        "before",
        dir.resolve("before"),
        SqliteKnowledgeBase.builder()
            .lessonMatcher(
                LessonMatcher.builder()
                    .mergeRule(LessonMatcher.MergeRule.SCORE)
                    .namedScore(-1)
                    .build())
            .lessonKeywordStems(false),
        all,
        queries);
    List<String> lessonTexts =
        quality("after", dir.resolve("after"), SqliteKnowledgeBase.builder(), all, queries);
    if (total > 0) {
      timing(dir.resolve("timing"), lessonTexts, queries, total, history);
    }
  }

  /** Which half of the queries a title falls in: by the first byte of its SHA-256. */
  static int half(String title) throws Exception {
    byte[] hash =
        MessageDigest.getInstance("SHA-256").digest(title.getBytes(StandardCharsets.UTF_8));
    return hash[0] & 1;
  }

  /** Adds the paragraphs, measures recall@5; returns the texts of the lessons stored. */
  static List<String> quality(
      String name,
      Path dir,
      SqliteKnowledgeBase.Builder builder,
      List<Section> all,
      List<Section> queries)
      throws Exception {
    Files.createDirectories(dir);
    List<String> lessonTexts = new ArrayList<>();
    Map<Section, Long> labels = new LinkedHashMap<>();
    try (SqliteKnowledgeBase kb = builder.dataDirectory(dir).open()) {
      int merged = 0;
      for (Section s : all) {
        LessonAddition added =
            kb.lessons().add(NewLesson.of(LessonCategory.GENERAL, s.paragraph()));
        if (added.outcome() == LessonAddition.Outcome.MERGED) {
          merged++;
        } else {
          lessonTexts.add(added.lesson().text());
        }
        labels.put(s, added.lesson().id());
      }
      String session = kb.sessions().create("bench").id();
      kb.messages().append(NewMessage.user(session, "Hello"));
      ContextAssembler assembler =
          ContextAssembler.builder()
              .messages(kb.messages())
              .threads(kb.threads())
              .search(kb.search())
              .lessons(kb.lessons())
              .build();
      int[] bySearch = new int[2];
      int[] inContext = new int[2];
      int[] inHalf = new int[2];
      List<String> misses = new ArrayList<>();
      for (Section q : queries) {
        int h = half(q.title());
        inHalf[h]++;
        long label = labels.get(q);
        List<Long> hits =
            kb.lessons().search(q.title(), 5).stream().map(h2 -> h2.lesson().id()).toList();
        if (hits.contains(label)) {
          bySearch[h]++;
        } else {
          misses.add(q.title() + " -> " + shorten(q.paragraph()));
        }
        AssembledContext context =
            assembler.assemble(
                new ContextRequest(
                    "You are BECA.", session, OptionalLong.empty(), q.title(), 4096));
        if (context.lessonIds().contains(label)) {
          inContext[h]++;
        }
      }
      int n = queries.size();
      System.out.printf(
          Locale.ROOT,
          "| %s | %d paragraphs: %d lessons, %d merged | lessons search recall@5 %.2f (%d of"
              + " %d; half A %d of %d, half B %d of %d) | context assembly %.2f (%d of %d; half A"
              + " %d, half B %d) |%n",
          name,
          all.size(),
          all.size() - merged,
          merged,
          (bySearch[0] + bySearch[1]) / (double) n,
          bySearch[0] + bySearch[1],
          n,
          bySearch[0],
          inHalf[0],
          bySearch[1],
          inHalf[1],
          (inContext[0] + inContext[1]) / (double) n,
          inContext[0] + inContext[1],
          n,
          inContext[0],
          inContext[1]);
      System.out.println("Misses of lessons search (" + name + "):");
      misses.forEach(m -> System.out.println("  " + m));
    }
    return lessonTexts;
  }

  private static String shorten(String text) {
    return text.length() <= 110 ? text : text.substring(0, 107) + "...";
  }

  /** The sections of every .adoc file under a folder, in path order. */
  public static List<Section> sections(Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(p -> p.toString().endsWith(".adoc")).sorted().toList();
    }
    List<Section> out = new ArrayList<>();
    java.util.Set<String> titles = new java.util.HashSet<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = HEADING.matcher(lines.get(i));
        if (!m.matches()) {
          continue;
        }
        String title = clean(m.group(2));
        StringBuilder paragraph = new StringBuilder();
        for (int j = i + 1; j < lines.size(); j++) {
          String line = lines.get(j).strip();
          if (HEADING.matcher(lines.get(j)).matches()) {
            break;
          }
          boolean prose =
              !line.isEmpty()
                  && !line.startsWith("[")
                  && !line.startsWith("include::")
                  && !line.startsWith("image::")
                  && !line.startsWith("----")
                  && !line.startsWith("====")
                  && !line.startsWith("|")
                  && !line.startsWith("//")
                  && !line.startsWith(".")
                  && !line.startsWith("*")
                  && !line.startsWith("TIP:")
                  && !line.startsWith("NOTE:")
                  && !line.startsWith("WARNING:")
                  && !line.startsWith("IMPORTANT:")
                  && !line.endsWith("::");
          if (prose) {
            paragraph.append(line).append(' ');
          } else if (paragraph.length() > 0) {
            break;
          }
        }
        String text = twoSentences(clean(paragraph.toString()));
        if (text.length() >= 60 && titles.add(title.toLowerCase(Locale.ROOT))) {
          out.add(new Section(file.getFileName().toString(), title, text));
        }
      }
    }
    return out;
  }

  private static String clean(String text) {
    // xref:a.adoc#b[Text] -> Text; javadoc:javax.sql.DataSource[] -> DataSource;
    // configprop:spring.jpa.open-in-view[] -> spring.jpa.open-in-view
    String t =
        XREF.matcher(text)
            .replaceAll(
                m -> {
                  String label = m.group(3);
                  if (!label.isEmpty() && !label.contains("=")) {
                    return Matcher.quoteReplacement(label);
                  }
                  String target = m.group(2);
                  if (m.group(1).equals("javadoc")) {
                    target = target.replaceAll("#.*", "");
                    target = target.substring(target.lastIndexOf('.') + 1);
                  }
                  return Matcher.quoteReplacement(target);
                });
    t = MARKUP.matcher(t).replaceAll("");
    return t.replaceAll("\\s+", " ").strip();
  }

  private static String twoSentences(String text) {
    int end = -1;
    int count = 0;
    for (int i = 0; i < text.length() - 1; i++) {
      if (text.charAt(i) == '.' && text.charAt(i + 1) == ' ') {
        end = i + 1;
        if (++count == 2) {
          break;
        }
      }
    }
    String cut = count == 2 ? text.substring(0, end) : text;
    return cut.length() <= 600 ? cut : cut.substring(0, 600);
  }

  // ---------------------------------------------------------------- timing

  private static void timing(
      Path dir, List<String> texts, List<Section> queries, int total, Path history)
      throws Exception {
    Files.createDirectories(dir);
    Path file = dir.resolve("beca.db");
    String session;
    OptionalLong thread;
    long start = System.nanoTime();
    if (Files.exists(file)) {
      // --timing-only again on the same DIR: the file of the last run, lessons and all.
      System.out.println("Reusing " + file);
      measure(file, queries, total, history, history == null ? null : "session-1");
      return;
    }
    if (history != null) {
      // A copy of ConversationBenchmark's file: 1,000,000 messages, thread 1 holding 10,000.
      Files.copy(history, file);
      session = "session-1";
      thread = OptionalLong.of(1);
      System.out.printf(
          Locale.ROOT,
          "Copied the history file %s in %.0f s%n",
          history,
          (System.nanoTime() - start) / 1e9);
    } else {
      session = null;
      thread = OptionalLong.empty();
    }
    try (SqliteKnowledgeBase kb = SqliteKnowledgeBase.builder().databaseFile(file).open()) {
      for (String t : texts) {
        kb.lessons().add(NewLesson.of(LessonCategory.GENERAL, t));
      }
      if (session == null) {
        session = kb.sessions().create("bench").id();
        for (int i = 0; i < 50; i++) {
          kb.messages().append(NewMessage.user(session, "Message " + i + " about the build"));
        }
      }
      kb.awaitEmbeddings(java.time.Duration.ofMinutes(10));
    }
    start = System.nanoTime();
    int added = fill(file, total);
    System.out.printf(
        Locale.ROOT,
        "Added %,d lesson variants with their own vectors in %.0f s%n",
        added,
        (System.nanoTime() - start) / 1e9);
    measure(file, queries, total, history, session);
  }

  private static void measure(
      Path file, List<Section> queries, int total, Path history, String knownSession)
      throws Exception {
    OptionalLong thread = history == null ? OptionalLong.empty() : OptionalLong.of(1);
    // The store's own model and session (see QuietMiniLmModel).
    var model = new LazyMiniLmEmbeddingModel();
    try (SqliteKnowledgeBase kb = SqliteKnowledgeBase.builder().databaseFile(file).open()) {
      String session = knownSession != null ? knownSession : kb.sessions().recent(1).get(0).id();
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
      kb.lessons().search("warm up the lesson search", 5);
      System.out.printf(
          Locale.ROOT,
          "First lesson search (builds the vector index): %.0f ms%n",
          (System.nanoTime() - start) / 1e6);
      List<Double> embed = new ArrayList<>();
      List<Double> search = new ArrayList<>();
      List<Double> assembly = new ArrayList<>();
      List<Double> assemblyWithout = new ArrayList<>();
      int[] lessonsInPrompt = {0};
      // One turn: each measurement gets its own text (a suffix that no message or lesson holds),
      // so none finds another's vector cached. (Until 2026-12-02 13:00 the suffixes were trailing
      // spaces, which the stores strip: both assemblies found the vector of the lesson search
      // alone cached, so they were timed without the embedding.) Warm-up turns are numbered below
      // zero and not kept.
      IntConsumer turn =
          i -> {
            String q = queries.get(Math.floorMod(i, queries.size())).title() + " (" + i;
            evictCaches(i);
            long t0 = System.nanoTime();
            model.embed(q + "e)");
            long t1 = System.nanoTime();
            evictCaches(i);
            long t1b = System.nanoTime();
            List<LessonHit> hits = kb.lessons().search(q + "s)", 5);
            long t2 = System.nanoTime();
            evictCaches(i);
            long t2b = System.nanoTime();
            AssembledContext context =
                withLessons.assemble(
                    new ContextRequest("You are BECA.", session, thread, q + "l)", 4096));
            long t3 = System.nanoTime();
            evictCaches(i);
            long t3b = System.nanoTime();
            without.assemble(new ContextRequest("You are BECA.", session, thread, q + "h)", 4096));
            long t4 = System.nanoTime();
            if (i >= 0 && !hits.isEmpty()) {
              embed.add((t1 - t0) / 1e6);
              search.add((t2 - t1b) / 1e6);
              assembly.add((t3 - t2b) / 1e6);
              assemblyWithout.add((t4 - t3b) / 1e6);
              lessonsInPrompt[0] += context.lessonIds().size();
            }
          };
      System.out.println(JitWarmUp.run(k -> turn.accept(-1 - k)));
      if (SWEEP.length > 0) {
        System.out.printf(
            Locale.ROOT,
            "Caches flushed before each timed part: %d MB written%n",
            SWEEP.length >> 20);
      }
      for (int i = 0; i < TURNS; i++) {
        turn.accept(i);
      }
      System.out.printf(
          Locale.ROOT,
          "| Context assembly with %,d lessons%s (p95 of %d; p50) | with lessons %.1f ms (%.1f),"
              + " %.1f lessons a prompt | without lessons %.1f ms (%.1f) | lesson search alone"
              + " %.1f ms (%.1f) | query embedding alone %.1f ms (%.1f) | ratio with lessons /"
              + " embedding %.2f, without lessons / embedding %.2f (goal <= 1.5) |%n",
          total,
          history == null ? "" : " beside the history of " + history.getFileName(),
          assembly.size(),
          percentile(assembly, 95),
          percentile(assembly, 50),
          lessonsInPrompt[0] / (double) assembly.size(),
          percentile(assemblyWithout, 95),
          percentile(assemblyWithout, 50),
          percentile(search, 95),
          percentile(search, 50),
          percentile(embed, 95),
          percentile(embed, 50),
          percentile(assembly, 95) / percentile(embed, 95),
          percentile(assemblyWithout, 95) / percentile(embed, 95));
      // The cost of a change of the lessons for the next search: one lesson added (a text that
      // merges with none), then forgotten, each followed by a search.
      String probe =
          "Benchmark probe " + System.nanoTime() + ": quartz xylophone nebula marmalade tundra.";
      long a0 = System.nanoTime();
      LessonAddition probeAdded = kb.lessons().add(NewLesson.of(LessonCategory.GENERAL, probe));
      long a1 = System.nanoTime();
      kb.lessons().search("Change the HTTP port (after an add)", 5);
      long a2 = System.nanoTime();
      kb.lessons().forget(probeAdded.lesson().id());
      long a3 = System.nanoTime();
      kb.lessons().search("Change the HTTP port (after a forget)", 5);
      long a4 = System.nanoTime();
      System.out.printf(
          Locale.ROOT,
          "| One lesson added (%s, id %d): add %.0f ms, next search %.0f ms | forgotten: forget"
              + " %.0f ms, next search %.0f ms |%n",
          probeAdded.outcome(),
          probeAdded.lesson().id(),
          (a1 - a0) / 1e6,
          (a2 - a1) / 1e6,
          (a3 - a2) / 1e6,
          (a4 - a3) / 1e6);
    }
  }

  /** Adds variants of the stored lessons, each with its own slightly moved vector, by JDBC. */
  private static int fill(Path file, int total) throws Exception {
    Random random = new Random(42);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      c.setAutoCommit(false);
      List<long[]> base = new ArrayList<>();
      List<String> baseText = new ArrayList<>();
      List<float[]> baseVector = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT l.id, l.text, e.vector FROM lessons l JOIN embeddings e ON e.id ="
                      + " l.embedding_id")) {
        while (r.next()) {
          base.add(new long[] {r.getLong(1)});
          baseText.add(r.getString(2));
          baseVector.add(floats(r.getBytes(3)));
        }
      }
      int variants = total - base.size();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long now = System.currentTimeMillis();
      try (PreparedStatement embedding =
              c.prepareStatement(
                  "INSERT INTO embeddings (model, text_hash, dimensions, vector) VALUES"
                      + " ('all-minilm-l6-v2-q', ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS);
          PreparedStatement lesson =
              c.prepareStatement(
                  "INSERT INTO lessons (text, text_hash, category, source, evidence, created_at,"
                      + " updated_at, confidence, embedding_id) VALUES (?, ?, 'general',"
                      + " 'CONVERSATION', '', ?, ?, 0.6, ?)")) {
        for (int k = 0; k < variants; k++) {
          int b = k % base.size();
          String text = baseText.get(b) + " (variant " + k + ")";
          byte[] hash = sha.digest(text.getBytes(StandardCharsets.UTF_8));
          float[] v = baseVector.get(b).clone();
          for (int d = 0; d < v.length; d++) {
            v[d] += (float) (random.nextGaussian() * 0.03);
          }
          embedding.setBytes(1, hash);
          embedding.setInt(2, v.length);
          embedding.setBytes(3, bytes(v));
          embedding.executeUpdate();
          long embeddingId;
          try (ResultSet keys = embedding.getGeneratedKeys()) {
            keys.next();
            embeddingId = keys.getLong(1);
          }
          lesson.setString(1, text);
          lesson.setBytes(2, hash);
          lesson.setLong(3, now);
          lesson.setLong(4, now);
          lesson.setLong(5, embeddingId);
          lesson.executeUpdate();
          if (k % 10_000 == 9_999) {
            c.commit();
          }
        }
      }
      c.commit();
      return variants;
    }
  }

  private static float[] floats(byte[] bytes) {
    float[] v = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }

  private static byte[] bytes(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(vector);
    return buffer.array();
  }

  private static double percentile(List<Double> values, int p) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
