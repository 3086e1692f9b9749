package dev.beca.memory.internal;

import dev.beca.core.Completions;
import dev.beca.core.InvalidInputException;
import dev.beca.core.ModelUnavailableException;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.HistorySearch;
import dev.beca.core.conversation.SearchFilter;
import dev.beca.core.conversation.SearchHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ibatis.session.SqlSession;

/**
 * {@link HistorySearch} on the SQLite knowledge base: FTS5 with BM25 for keywords, stored
 * all-MiniLM-L6-v2 vectors compared in memory for meaning, reciprocal rank fusion for both.
 *
 * <p>Semantic search compares the query with every embedded message that passes the filter (an
 * exact, brute-force search; scope it to a thread or session for speed). Vectors are shared by
 * identical texts and kept in a bounded in-memory cache after their first use; identical texts are
 * found once, as their newest message.
 */
public final class SqliteHistorySearch implements HistorySearch {

  /** How many candidates each side contributes to a hybrid search. */
  static final int HYBRID_CANDIDATES = 50;

  /** The longest accepted query, in characters. */
  static final int MAX_QUERY_CHARS = 2_000;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "but", "by", "do", "for", "from", "how", "i",
          "if", "in", "is", "it", "me", "my", "of", "on", "or", "so", "that", "the", "this", "to",
          "was", "we", "what", "when", "which", "with", "you");
  private static final int MAX_TERMS = 12;
  private static final String SYNTAX_REMEDY =
      "Use plain words, \"an exact phrase\", prefix*, AND, OR, NOT; quote words with punctuation.";
  static final long COMMON_TERM_MIN_DOCS = 1_000;
  private static final int VECTOR_CACHE = 50_000;

  private static final long STATISTICS_TTL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
  private static final int MAX_CACHED_TERMS = 50_000;

  private final SqliteDatabase database;
  private final EmbeddingIndexer embeddings;
  private final ScopedCandidates scoped;

  /** Document frequency of query terms, cached for a few minutes (see relevanceQuery). */
  private final Map<String, Long> frequencies = new java.util.concurrent.ConcurrentHashMap<>();

  private volatile long statisticsAt = System.nanoTime();
  private volatile long messageCount = -1;
  private final Map<Long, float[]> vectors =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, float[]> eldest) {
          return size() > VECTOR_CACHE;
        }
      };

  /**
   * Creates the search.
   *
   * @param database the opened database
   * @param embeddings the indexer whose model embeds queries, or {@code null} for keyword search
   *     only
   */
  public SqliteHistorySearch(SqliteDatabase database, EmbeddingIndexer embeddings) {
    this(database, embeddings, new ScopedCandidates());
  }

  /**
   * Creates the search with its own cache of scoped candidates (tests give one that keeps none).
   */
  SqliteHistorySearch(
      SqliteDatabase database, EmbeddingIndexer embeddings, ScopedCandidates scoped) {
    this.database = Objects.requireNonNull(database, "database");
    this.embeddings = embeddings;
    this.scoped = Objects.requireNonNull(scoped, "scoped");
  }

  @Override
  public List<SearchHit> keyword(String query, SearchFilter filter, int limit) {
    String checked = checkQuery(query, limit);
    Objects.requireNonNull(filter, "filter");
    if (!balanced(checked)) {
      // Checked here because the query is embedded in a larger expression (see match), where an
      // unbalanced bracket would change its meaning instead of failing.
      throw new InvalidInputException(
          "The search '"
              + shorten(checked)
              + "' is not valid query syntax (unbalanced brackets or quotes).",
          SYNTAX_REMEDY);
    }
    try (SqlSession session = database.autoCommitSession()) {
      return session
          .getMapper(SearchMapper.class)
          .keyword(new SearchParams(match(checked, filter), filter, limit))
          .stream()
          .map(KeywordRow::toHit)
          .toList();
    } catch (RuntimeException e) {
      if (SqliteErrors.isQuerySyntax(e)) {
        throw new InvalidInputException(
            "The search '"
                + shorten(checked)
                + "' is not valid query syntax ("
                + SqliteErrors.rootCause(e)
                + ").",
            SYNTAX_REMEDY);
      }
      throw SqliteErrors.storage(
          "search the history for '" + shorten(checked) + "'", database.file(), e);
    }
  }

  @Override
  public List<SearchHit> semantic(String query, SearchFilter filter, int limit) {
    String checked = checkQuery(query, limit);
    Objects.requireNonNull(filter, "filter");
    requireEmbeddings();
    return semantic(CompletableFuture.completedFuture(embed(checked)), filter, limit);
  }

  /** A message found by meaning, before the message itself is read. */
  private record Ranked(long messageId, double score) {}

  /** What a hybrid search reads beside the query's embedding. */
  private record SideReads(List<SearchHit> keyword, MeaningCandidates candidates) {}

  private List<SearchHit> semantic(
      CompletableFuture<float[]> query, SearchFilter filter, int limit) {
    List<Ranked> top =
        rankByMeaning(meaningCandidates(filter, limit), Completions.join(query), limit);
    Map<Long, ConversationMessage> messages = find(top.stream().map(Ranked::messageId).toList());
    List<SearchHit> hits = new ArrayList<>(top.size());
    for (Ranked r : top) {
      ConversationMessage message = messages.get(r.messageId());
      if (message != null) {
        hits.add(new SearchHit(message, r.score(), lead(message.content())));
      }
    }
    return hits;
  }

  /**
   * The filtered candidates of a search by meaning, with their vectors, read before the query's
   * vector is needed (while it is being embedded): a thread or session from the scoped cache,
   * vectors and all ({@code cached}), else the candidate rows and their vectors.
   */
  private record MeaningCandidates(
      ScopedCandidates.Candidates cached, List<CandidateRow> rows, Map<Long, float[]> vectors) {}

  private MeaningCandidates meaningCandidates(SearchFilter filter, int limit) {
    SearchParams params = new SearchParams(null, filter, limit);
    List<CandidateRow> candidates;
    try (SqlSession session = database.autoCommitSession()) {
      if (ScopedCandidates.scopeOf(params) != null) {
        ScopedCandidates.Candidates cached = scoped.candidates(session.getConnection(), params);
        if (cached != null) {
          return new MeaningCandidates(cached, null, null);
        }
      }
      candidates = HotReads.candidates(session.getConnection(), params);
    } catch (java.sql.SQLException | RuntimeException e) {
      throw SqliteErrors.storage("search the history by meaning", database.file(), e);
    }
    return new MeaningCandidates(null, candidates, vectorsFor(candidates));
  }

  /**
   * The candidates most similar to the query vector {@code q}, best first; among equal scores
   * (identical texts) the newest message wins. After the embedding only the comparisons are left.
   */
  private List<Ranked> rankByMeaning(MeaningCandidates read, float[] q, int limit) {
    TopScores top = new TopScores(limit);
    ScopedCandidates.Candidates cached = read.cached();
    if (cached != null) {
      float[] matrix = cached.matrix();
      int dimensions = cached.dimensions();
      int n = Math.min(q.length, dimensions);
      long[] messageIds = cached.messageIds();
      int[] rows = cached.rows();
      if (q.length == dimensions) {
        // Exact scores only for the candidates whose integer codes say they may be in the top.
        for (int i :
            VectorCodes.survivors(
                VectorCodes.query(q),
                cached.codes(),
                cached.codeStats(),
                rows,
                dimensions,
                limit)) {
          top.offer(Vectors.dot(q, matrix, rows[i] * dimensions, n), messageIds[i]);
        }
      } else {
        for (int i = 0; i < messageIds.length; i++) {
          top.offer(Vectors.dot(q, matrix, rows[i] * dimensions, n), messageIds[i]);
        }
      }
    } else {
      for (CandidateRow candidate : read.rows()) {
        float[] v = read.vectors().get(candidate.embeddingId());
        if (v != null) {
          top.offer(Vectors.dot(q, v), candidate.messageId());
        }
      }
    }
    return top.ranked();
  }

  /** The best {@code limit} (score, message) pairs in a bounded sorted array, without boxing. */
  private static final class TopScores {
    private final double[] scores;
    private final long[] ids;
    private int size;

    TopScores(int limit) {
      scores = new double[limit];
      ids = new long[limit];
    }

    void offer(double score, long id) {
      int limit = scores.length;
      if (size == limit && !better(score, id, scores[size - 1], ids[size - 1])) {
        return;
      }
      int at = size == limit ? size - 1 : size++;
      while (at > 0 && better(score, id, scores[at - 1], ids[at - 1])) {
        scores[at] = scores[at - 1];
        ids[at] = ids[at - 1];
        at--;
      }
      scores[at] = score;
      ids[at] = id;
    }

    List<Ranked> ranked() {
      List<Ranked> top = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        top.add(new Ranked(ids[i], scores[i]));
      }
      return top;
    }
  }

  private static boolean better(
      double score, long messageId, double otherScore, long otherMessageId) {
    return score > otherScore || score == otherScore && messageId > otherMessageId;
  }

  private void requireEmbeddings() {
    if (embeddings == null) {
      throw new ModelUnavailableException(
          "Semantic search is off: this knowledge base was opened without an embedding model.",
          "Open it with the default embedding model (leave out withoutEmbeddings()) or use keyword search.",
          null);
    }
  }

  private float[] embed(String text) {
    return QueryEmbedder.embed(embeddings.model(), text);
  }

  @Override
  public List<SearchHit> hybrid(String query, SearchFilter filter, int limit) {
    String checked = checkQuery(query, limit);
    Objects.requireNonNull(filter, "filter");
    RankFusion fused = new RankFusion();
    Map<Long, SearchHit> byId = new HashMap<>();
    String keywords = relevanceQuery(checked);
    List<SearchHit> keyword;
    List<Ranked> semantic;
    CompletableFuture<float[]> started =
        embeddings == null ? null : QueryEmbedder.started(embeddings.model(), checked);
    if (embeddings != null && started == null) {
      // Nothing embeds the query yet (no lesson search beside this one): the model runs here at
      // once, the keyword side and the candidates' reads on another thread meanwhile.
      CompletableFuture<SideReads> side =
          CompletableFuture.supplyAsync(
              () ->
                  new SideReads(
                      keywords.isEmpty() ? List.of() : keyword(keywords, filter, HYBRID_CANDIDATES),
                      meaningCandidates(filter, HYBRID_CANDIDATES)),
              SideWork.THREADS);
      float[] vector = QueryEmbedder.embed(embeddings.model(), checked);
      SideReads read = Completions.join(side);
      keyword = read.keyword();
      semantic = rankByMeaning(read.candidates(), vector, HYBRID_CANDIDATES);
    } else {
      // The query is being embedded by another search (or there is no model): that search's side
      // work it offered, then this one's keyword side, run here meanwhile.
      SideWork.help(checked);
      keyword = keywords.isEmpty() ? List.of() : keyword(keywords, filter, HYBRID_CANDIDATES);
      if (started == null) {
        semantic = List.of();
      } else {
        MeaningCandidates candidates = meaningCandidates(filter, HYBRID_CANDIDATES);
        SideWork.help(checked); // offered meanwhile
        semantic = rankByMeaning(candidates, Completions.join(started), HYBRID_CANDIDATES);
      }
    }
    for (int rank = 0; rank < keyword.size(); rank++) {
      fused.add(keyword.get(rank).message().id(), rank);
      byId.putIfAbsent(
          keyword.get(rank).message().id(), keyword.get(rank)); // its snippet marks the words
    }
    for (int rank = 0; rank < semantic.size(); rank++) {
      fused.add(semantic.get(rank).messageId(), rank);
    }
    List<Map.Entry<Long, Double>> top = fused.top(limit);
    // Only the winners found by meaning alone are read (the keyword side read its hits already).
    Map<Long, ConversationMessage> read =
        find(top.stream().map(Map.Entry::getKey).filter(id -> !byId.containsKey(id)).toList());
    List<SearchHit> hits = new ArrayList<>(top.size());
    for (Map.Entry<Long, Double> e : top) {
      SearchHit keywordHit = byId.get(e.getKey());
      ConversationMessage message =
          keywordHit != null ? keywordHit.message() : read.get(e.getKey());
      if (message != null) {
        hits.add(
            new SearchHit(
                message,
                e.getValue(),
                keywordHit != null ? keywordHit.snippet() : lead(message.content())));
      }
    }
    return hits;
  }

  /** Whether brackets outside double-quoted strings pair up and every string is closed. */
  static boolean balanced(String query) {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '"') {
        quoted = !quoted; // a doubled quote inside a string toggles twice
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')' && --depth < 0) {
        return false;
      }
    }
    return depth == 0 && !quoted;
  }

  /**
   * The FTS5 expression of a keyword search: the user's query on the content column, and on the
   * scope column the tokens of the thread and session it is limited to (see the V6 migration).
   */
  static String match(String query, SearchFilter filter) {
    StringBuilder match = new StringBuilder();
    filter.threadId().ifPresent(id -> match.append("scope : \"t").append(id).append("\" AND "));
    filter
        .sessionId()
        .ifPresent(
            id ->
                match
                    .append("scope : \"s")
                    .append(
                        java.util.HexFormat.of()
                            .formatHex(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .append("\" AND "));
    return match.append("content : (").append(query).append(')').toString();
  }

  /**
   * The distinct words of a text in lower case, without the most common English ones, at most
   * {@value #MAX_TERMS}; each can be quoted as an FTS5 term (lesson search uses them too).
   */
  static Set<String> terms(String text) {
    Set<String> terms = new LinkedHashSet<>();
    Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (words.find() && terms.size() < MAX_TERMS) {
      String word = words.group();
      if (!STOP_WORDS.contains(word)) {
        terms.add(word);
      }
    }
    return terms;
  }

  /**
   * Any text as a keyword query that cannot be a syntax error: its words (without the most common
   * English ones), each quoted, joined by OR, at most {@value #MAX_TERMS}. Words found in more than
   * 1% of all messages (and at least {@value #COMMON_TERM_MIN_DOCS}) are left out, as a "common
   * terms" query does: they add little to BM25 but make the query rank huge lists. When every word
   * is that common, the two rarest are kept.
   */
  String relevanceQuery(String text) {
    Set<String> terms = terms(text);
    if (terms.isEmpty()) {
      return "";
    }
    Map<String, Long> frequency = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    long now = System.nanoTime();
    if (now - statisticsAt > STATISTICS_TTL_NANOS || frequencies.size() > MAX_CACHED_TERMS) {
      frequencies.clear(); // term statistics drift slowly; a pruning heuristic may be minutes old
      statisticsAt = now;
      messageCount = -1;
    }
    for (String term : terms) {
      Long df = frequencies.get(term);
      if (df == null) {
        unknown.add(term);
      } else {
        frequency.put(term, df);
      }
    }
    long messages = messageCount;
    if (!unknown.isEmpty() || messages < 0) {
      try (SqlSession session = database.autoCommitSession()) {
        SearchMapper mapper = session.getMapper(SearchMapper.class);
        if (!unknown.isEmpty()) {
          for (String term : unknown) {
            frequency.put(term, 0L);
          }
          for (TermRow row : mapper.documentFrequencies(unknown)) {
            frequency.put(row.term(), row.doc());
          }
          for (String term : unknown) {
            frequencies.put(term, frequency.get(term));
          }
        }
        if (messages < 0) {
          messages = mapper.maxMessageId();
          messageCount = messages;
        }
      } catch (RuntimeException e) {
        throw SqliteErrors.storage("read term statistics", database.file(), e);
      }
    }
    long common = Math.max(COMMON_TERM_MIN_DOCS, messages / 100);
    List<String> kept =
        terms.stream().filter(t -> frequency.getOrDefault(t, 0L) <= common).toList();
    if (kept.isEmpty()) {
      kept =
          terms.stream()
              .sorted(Comparator.comparingLong(t -> frequency.getOrDefault(t, 0L)))
              .limit(2)
              .toList();
    }
    return kept.stream()
        .map(t -> '"' + t + '"')
        .collect(java.util.stream.Collectors.joining(" OR "));
  }

  private Map<Long, float[]> vectorsFor(List<CandidateRow> candidates) {
    Map<Long, float[]> found = new HashMap<>();
    List<Long> missing = new ArrayList<>();
    synchronized (vectors) {
      for (CandidateRow c : candidates) {
        if (found.containsKey(c.embeddingId())) {
          continue;
        }
        float[] v = vectors.get(c.embeddingId());
        if (v == null) {
          missing.add(c.embeddingId());
          found.put(c.embeddingId(), null);
        } else {
          found.put(c.embeddingId(), v);
        }
      }
    }
    for (int from = 0; from < missing.size(); from += 500) {
      List<Long> chunk = missing.subList(from, Math.min(missing.size(), from + 500));
      List<VectorRow> rows;
      try (SqlSession session = database.autoCommitSession()) {
        rows = HotReads.vectorsById(session.getConnection(), chunk);
      } catch (java.sql.SQLException | RuntimeException e) {
        throw SqliteErrors.storage("read stored embeddings", database.file(), e);
      }
      synchronized (vectors) {
        for (VectorRow row : rows) {
          float[] v = Vectors.normalized(Vectors.fromBytes(row.vector()));
          vectors.put(row.id(), v);
          found.put(row.id(), v);
        }
      }
    }
    found.values().removeIf(Objects::isNull);
    return found;
  }

  private Map<Long, ConversationMessage> find(List<Long> ids) {
    Map<Long, ConversationMessage> result = new HashMap<>();
    if (ids.isEmpty()) {
      return result;
    }
    try (SqlSession session = database.autoCommitSession()) {
      for (ConversationMessage message : HotReads.messagesById(session.getConnection(), ids)) {
        result.put(message.id(), message);
      }
    } catch (java.sql.SQLException | RuntimeException e) {
      throw SqliteErrors.storage("read found messages", database.file(), e);
    }
    return result;
  }

  private static String checkQuery(String query, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    if (query == null || query.isBlank()) {
      throw new InvalidInputException(
          "The search is empty.", "Give at least one word to search for.");
    }
    if (query.length() > MAX_QUERY_CHARS) {
      throw new InvalidInputException(
          "The search has " + query.length() + " characters, more than " + MAX_QUERY_CHARS + ".",
          "Search for a few distinctive words instead.");
    }
    return query.strip();
  }

  /**
   * The content on one line (every run of whitespace one space, stripped), cut to 160 characters:
   * the snippet of a hit found by meaning. The same as {@code content.replaceAll("\\s+", " ")
   * .strip()} cut, without a regular expression: it runs after the query's embedding, for every
   * winner.
   */
  static String lead(String content) {
    StringBuilder line = new StringBuilder(Math.min(content.length(), 256));
    boolean inSpace = false;
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      // The characters of the regular expression \s: space, \t, \n, \x0B, \f, \r.
      if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
        if (!inSpace) {
          line.append(' ');
          inSpace = true;
        }
      } else {
        line.append(c);
        inSpace = false;
      }
    }
    String oneLine = line.toString().strip();
    return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 157) + "...";
  }

  private static String shorten(String query) {
    return query.length() <= 60 ? query : query.substring(0, 57) + "...";
  }
}
