package dev.beca.core.memory;

import dev.beca.core.BecaException;
import dev.beca.core.Completions;
import dev.beca.core.InvalidInputException;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.HistorySearch;
import dev.beca.core.conversation.MessageStore;
import dev.beca.core.conversation.SearchFilter;
import dev.beca.core.conversation.SearchHit;
import dev.beca.core.conversation.ThreadStore;
import dev.beca.core.conversation.ThreadSummary;
import dev.beca.core.conversation.TokenEstimator;
import dev.beca.core.learning.Lesson;
import dev.beca.core.learning.LessonHit;
import dev.beca.core.learning.LessonStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the prompt of one turn so that it never exceeds a token budget: the system prompt, the
 * thread's summary, the most relevant older messages (hybrid search for the query) and the most
 * recent messages verbatim, and (when a {@link LessonStore} is given) the lessons learned that are
 * most relevant to the query.
 *
 * <p>After the system prompt and the newest message (the question, which must fit), the remaining
 * budget is shared: the summary may take up to {@value #SUMMARY_SHARE_PERCENT}% of it, lessons up
 * to {@value #LESSONS_SHARE_PERCENT}%, relevant messages up to {@value #RELEVANT_SHARE_PERCENT}%,
 * and recent messages take what is left, newest first. The lessons that enter the prompt have their
 * use recorded ({@link LessonStore#recordUse}) with the newest message as the turn: only those gain
 * reuse. What does not fit is left out whole, never cut. Costs come from a pluggable {@link
 * TokenEstimator} plus {@value #PER_MESSAGE_TOKENS} tokens of framing per message. Thread-safe.
 *
 * <p>The lesson search starts first, on another thread, so that the query's embedding starts while
 * the recent messages and the summary are read; the history is then searched on the calling thread
 * at the same time as the lessons (both wait for the one embedding of the query when the stores
 * share an embedding cache, as the SQLite knowledge base does), so a turn with lessons costs about
 * what the slower of the two searches costs. Without lessons the history search starts at once (it
 * starts the embedding) and the recent messages and the summary are read on another thread. A
 * search that fails is left out of the prompt with a warning in the log; a read that fails reaches
 * the caller as it was. When the system prompt and the question alone exceed the budget, the
 * exception is thrown and the searches' results are dropped.
 */
public final class ContextAssembler {

  /** Tokens added for the framing of each chat message (role markers). */
  public static final int PER_MESSAGE_TOKENS = 4;

  /** The most of the free budget the summary may use, in percent. */
  public static final int SUMMARY_SHARE_PERCENT = 30;

  /** The most of the free budget relevant older messages may use, in percent. */
  public static final int RELEVANT_SHARE_PERCENT = 30;

  /** The most of the free budget lessons learned may use, in percent. */
  public static final int LESSONS_SHARE_PERCENT = 15;

  static final String LESSONS_HEADER = "Lessons learned in earlier work (apply where they fit):\n";

  static final String SUMMARY_HEADER = "Summary of the earlier conversation in this thread:\n";
  static final String EXTRACTIVE_HEADER =
      "Excerpts of the earlier conversation in this thread (extracted without a model, not a summary):\n";
  static final String RELEVANT_HEADER = "Relevant earlier messages:\n";

  private static final Logger LOG = LoggerFactory.getLogger(ContextAssembler.class);

  /**
   * How long the calling thread checks busily for the work beside it once its own search is done,
   * before it blocks (see {@link Completions#joinSoon}).
   */
  private static final long BESIDE_WAIT_SPIN_NANOS = 1_000_000;

  /**
   * Runs the reads of the recent messages and the summary (and, with lessons, the history search)
   * beside the search on the calling thread; daemon threads, shared by all assemblers.
   */
  private static final ExecutorService BESIDE =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "beca-context");
            thread.setDaemon(true);
            return thread;
          });

  private final MessageStore messages;
  private final ThreadStore threads;
  private final HistorySearch search;
  private final TokenEstimator tokens;
  private final int recentMessages;
  private final int relevantMessages;
  private final LessonStore lessons;
  private final int maxLessons;

  private ContextAssembler(Builder builder) {
    this.messages = builder.messages;
    this.threads = builder.threads;
    this.search = builder.search;
    this.tokens = builder.tokens;
    this.recentMessages = builder.recentMessages;
    this.relevantMessages = builder.relevantMessages;
    this.lessons = builder.lessons;
    this.maxLessons = builder.maxLessons;
  }

  /** A builder; messages and threads are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this assembler's configuration. */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .messages(messages)
            .threads(threads)
            .tokenEstimator(tokens)
            .recentMessages(recentMessages)
            .relevantMessages(relevantMessages);
    if (search != null) {
      b.search(search);
    }
    if (lessons != null) {
      b.lessons(lessons).maxLessons(maxLessons);
    }
    return b;
  }

  /** The estimator used for costs. */
  public TokenEstimator tokenEstimator() {
    return tokens;
  }

  /**
   * Assembles the prompt.
   *
   * @param request what to assemble
   * @return the messages to send, within budget
   * @throws InvalidInputException when the system prompt and the newest message alone exceed the
   *     budget
   */
  public AssembledContext assemble(ContextRequest request) {
    Objects.requireNonNull(request, "request");
    boolean wantLessons = lessons != null && maxLessons > 0 && !request.query().isBlank();
    boolean wantRelevant = search != null && relevantMessages > 0 && !request.query().isBlank();
    // The search that starts the query's embedding (most of a turn's assembly) runs here, on the
    // thread already running, the rest beside it: with lessons the lesson search (it claims the
    // embedding at once, so the history search beside it waits for that one and runs the lesson
    // search's keyword side meanwhile), else the history search. A pool thread woken for the
    // embedding took 0.2-0.6 ms to start (docs/learning.md).
    List<SearchHit> relevantHits;
    List<LessonHit> lessonHits = List.of();
    Reads reads;
    if (wantLessons) {
      CompletableFuture<Beside> beside =
          CompletableFuture.supplyAsync(
              () -> new Beside(read(request), wantRelevant ? relevantHits(request) : List.of()),
              BESIDE);
      lessonHits = lessonHits(request.query());
      // The history side needs less after the embedding than the lesson side: wait busily.
      Beside done = Completions.joinSoon(beside, BESIDE_WAIT_SPIN_NANOS);
      reads = done.reads();
      relevantHits = done.relevantHits();
    } else if (wantRelevant) {
      CompletableFuture<Reads> reading = CompletableFuture.supplyAsync(() -> read(request), BESIDE);
      relevantHits = relevantHits(request);
      reads = Completions.join(reading);
    } else {
      reads = read(request);
      relevantHits = List.of();
    }
    int budget = request.tokenBudget();
    int systemCost = cost(request.systemPrompt());
    List<ConversationMessage> recent = reads.recent();
    int used = systemCost;
    List<ConversationMessage> keptRecent = new ArrayList<>();
    if (!recent.isEmpty()) {
      ConversationMessage newest = recent.get(recent.size() - 1);
      used += cost(newest.content());
      keptRecent.add(newest);
    }
    if (used > budget) {
      throw new InvalidInputException(
          "The system prompt and the newest message need about "
              + used
              + " tokens, more than the budget of "
              + budget
              + ".",
          "Shorten the message or the system prompt, or use a model with a larger context.");
    }
    int free = budget - used;

    Optional<ThreadSummary> summary = Optional.empty();
    String summaryText = null;
    if (reads.summary().isPresent()) {
      ThreadSummary stored = reads.summary().get();
      String text =
          (stored.kind() == ThreadSummary.Kind.EXTRACTIVE ? EXTRACTIVE_HEADER : SUMMARY_HEADER)
              + stored.content();
      int c = cost(text);
      if (c <= free * SUMMARY_SHARE_PERCENT / 100) {
        summary = reads.summary();
        summaryText = text;
        used += c;
      }
    }

    List<Lesson> lessonsUsed = new ArrayList<>();
    StringBuilder lessonsText = new StringBuilder(LESSONS_HEADER);
    if (wantLessons) {
      int cap = free * LESSONS_SHARE_PERCENT / 100;
      int lessonsUsedTokens = cost(LESSONS_HEADER);
      for (LessonHit hit : lessonHits) {
        String line = "- " + hit.lesson().text().strip() + "\n";
        int c = tokens.estimate(line);
        if (lessonsUsedTokens + c <= cap) {
          lessonsUsed.add(hit.lesson());
          lessonsText.append(line);
          lessonsUsedTokens += c;
        }
      }
      if (!lessonsUsed.isEmpty()) {
        used += lessonsUsedTokens;
      }
    }

    Set<Long> recentIds = new HashSet<>();
    for (ConversationMessage m : recent) {
      recentIds.add(m.id());
    }
    List<SearchHit> relevant = new ArrayList<>();
    StringBuilder relevantText = new StringBuilder(RELEVANT_HEADER);
    if (wantRelevant) {
      int cap = free * RELEVANT_SHARE_PERCENT / 100;
      int relevantUsed = cost(RELEVANT_HEADER);
      for (SearchHit hit : relevantHits) {
        if (relevant.size() == relevantMessages) {
          break;
        }
        if (recentIds.contains(hit.message().id())) {
          continue;
        }
        String line = line(hit.message());
        int c = tokens.estimate(line);
        if (relevantUsed + c <= cap) {
          relevant.add(hit);
          relevantText.append(line);
          relevantUsed += c;
        }
      }
      if (!relevant.isEmpty()) {
        used += relevantUsed;
      }
    }

    // Recent messages, newest first, while they fit; the newest is already counted.
    for (int i = recent.size() - 2; i >= 0; i--) {
      ConversationMessage m = recent.get(i);
      int c = cost(m.content());
      if (used + c > budget) {
        break;
      }
      used += c;
      keptRecent.add(m);
    }
    keptRecent.sort(Comparator.comparingLong(ConversationMessage::id));

    List<ChatMessage> prompt = new ArrayList<>();
    prompt.add(SystemMessage.from(request.systemPrompt()));
    if (summaryText != null) {
      prompt.add(SystemMessage.from(summaryText));
    }
    if (!lessonsUsed.isEmpty()) {
      prompt.add(SystemMessage.from(lessonsText.toString().stripTrailing()));
    }
    if (!relevant.isEmpty()) {
      prompt.add(SystemMessage.from(relevantText.toString().stripTrailing()));
    }
    for (ConversationMessage m : keptRecent) {
      prompt.add(toChatMessage(m));
    }
    List<Long> lessonIds = lessonsUsed.stream().map(Lesson::id).toList();
    if (!lessonIds.isEmpty()) {
      long turn = recent.isEmpty() ? 0 : recent.get(recent.size() - 1).id();
      try {
        lessons.recordUse(lessonIds, turn);
      } catch (BecaException e) {
        LOG.warn("The use of lessons {} was not recorded: {}", lessonIds, e.getMessage());
      }
    }
    return new AssembledContext(
        prompt,
        used,
        summary,
        relevant.stream().map(h -> h.message().id()).toList(),
        keptRecent.stream().map(ConversationMessage::id).toList(),
        lessonIds);
  }

  /** What a turn reads besides the searches: the recent messages and the thread's summary. */
  private record Reads(List<ConversationMessage> recent, Optional<ThreadSummary> summary) {}

  /** What runs beside the lesson search: the reads and the history search. */
  private record Beside(Reads reads, List<SearchHit> relevantHits) {}

  private Reads read(ContextRequest request) {
    if (request.threadId().isPresent()) {
      long thread = request.threadId().getAsLong();
      return new Reads(threads.latest(thread, recentMessages), threads.summary(thread));
    }
    return new Reads(messages.recent(request.sessionId(), recentMessages), Optional.empty());
  }

  private List<LessonHit> lessonHits(String query) {
    try {
      return lessons.search(query, maxLessons);
    } catch (BecaException e) {
      LOG.warn("Lessons left out of the prompt: {}", e.getMessage());
      return List.of();
    }
  }

  private List<SearchHit> relevantHits(ContextRequest request) {
    SearchFilter filter =
        request.threadId().isPresent()
            ? SearchFilter.all().thread(request.threadId().getAsLong())
            : SearchFilter.all().session(request.sessionId());
    try {
      // Ask for more than needed: recent messages found again are skipped.
      return search.hybrid(request.query(), filter, relevantMessages + recentMessages);
    } catch (BecaException e) {
      LOG.warn("Relevant history left out of the prompt: {}", e.getMessage());
      return List.of();
    }
  }

  private int cost(String text) {
    return tokens.estimate(text) + PER_MESSAGE_TOKENS;
  }

  private static String line(ConversationMessage m) {
    return "- ["
        + m.createdAt()
        + ", "
        + m.role().name().toLowerCase(java.util.Locale.ROOT)
        + "] "
        + m.content().strip()
        + "\n";
  }

  /** The LangChain4j message for a stored one. */
  static ChatMessage toChatMessage(ConversationMessage m) {
    return switch (m.role()) {
      case USER -> UserMessage.from(m.content().isEmpty() ? " " : m.content());
      case ASSISTANT -> AiMessage.from(m.content());
      case SYSTEM -> SystemMessage.from(m.content().isEmpty() ? " " : m.content());
    };
  }

  /** Configures a {@link ContextAssembler}. Setters fail fast with a message naming the field. */
  public static final class Builder {
    private MessageStore messages;
    private ThreadStore threads;
    private HistorySearch search;
    private TokenEstimator tokens = TokenEstimator.DEFAULT;
    private int recentMessages = 20;
    private int relevantMessages = 10;
    private LessonStore lessons;
    private int maxLessons = 5;

    private Builder() {}

    /**
     * The lessons learned to add to each prompt (the most relevant to the query, within {@value
     * #LESSONS_SHARE_PERCENT}% of the free budget); without it, none are added.
     */
    public Builder lessons(LessonStore lessons) {
      this.lessons = Objects.requireNonNull(lessons, "lessons");
      return this;
    }

    /** How many lessons at most; 0 for none, default 5. */
    public Builder maxLessons(int maxLessons) {
      if (maxLessons < 0) {
        throw new IllegalArgumentException("maxLessons must not be negative, was " + maxLessons);
      }
      this.maxLessons = maxLessons;
      return this;
    }

    /** The session history. Required. */
    public Builder messages(MessageStore messages) {
      this.messages = Objects.requireNonNull(messages, "messages");
      return this;
    }

    /** Threads and summaries. Required. */
    public Builder threads(ThreadStore threads) {
      this.threads = Objects.requireNonNull(threads, "threads");
      return this;
    }

    /** Finds relevant older messages; without it, none are added. */
    public Builder search(HistorySearch search) {
      this.search = Objects.requireNonNull(search, "search");
      return this;
    }

    /** Estimates token costs; four characters a token by default. */
    public Builder tokenEstimator(TokenEstimator tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokenEstimator");
      return this;
    }

    /**
     * How many of the latest messages are considered for verbatim inclusion; at least 1, default
     * 20.
     */
    public Builder recentMessages(int recentMessages) {
      if (recentMessages < 1) {
        throw new IllegalArgumentException(
            "recentMessages must be at least 1, was " + recentMessages);
      }
      this.recentMessages = recentMessages;
      return this;
    }

    /** How many relevant older messages at most; 0 for none, default 10. */
    public Builder relevantMessages(int relevantMessages) {
      if (relevantMessages < 0) {
        throw new IllegalArgumentException(
            "relevantMessages must not be negative, was " + relevantMessages);
      }
      this.relevantMessages = relevantMessages;
      return this;
    }

    /**
     * Builds the assembler.
     *
     * @throws IllegalStateException when messages or threads were not set
     */
    public ContextAssembler build() {
      if (messages == null) {
        throw new IllegalStateException("messages must be set");
      }
      if (threads == null) {
        throw new IllegalStateException("threads must be set");
      }
      return new ContextAssembler(this);
    }
  }
}
