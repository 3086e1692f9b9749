package dev.beca.core.memory;

import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.ThreadStore;
import dev.beca.core.conversation.ThreadSummary;
import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.WholeReply;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and updates thread summaries with a model, incrementally: the stored summary plus the
 * messages that came after it are condensed into the new summary, never the whole thread again.
 * Long runs of new messages are fed in chunks of at most {@code maxInputChars}.
 *
 * <p>When no model answers, it stores an <em>extractive</em> summary instead (sentences picked from
 * the thread, marked {@link ThreadSummary.Kind#EXTRACTIVE} and headed as such), and the result says
 * why. The next successful run rewrites it from the whole thread with the model.
 */
public final class ThreadSummarizer {

  static final String INSTRUCTION =
      "You condense a conversation thread into a context summary for a coding assistant that will"
          + " continue it. Keep decisions, facts, names of code elements, constraints and open questions;"
          + " drop greetings and repetition. Write at most 200 words of plain text.";

  /** The heading of every extractive summary. */
  public static final String EXTRACTIVE_MARK =
      "[Extractive summary: no model was available; these are sentences taken from the thread.]";

  private static final Logger LOG = LoggerFactory.getLogger(ThreadSummarizer.class);
  private static final int EXTRACT_SENTENCE_CHARS = 200;
  private static final int EXTRACT_MESSAGES = 8;

  private final ThreadStore threads;
  private final ModelGateway models;
  private final ModelRole role;
  private final int maxInputChars;
  private final Clock clock;

  private ThreadSummarizer(Builder b) {
    this.threads = b.threads;
    this.models = b.models;
    this.role = b.role;
    this.maxInputChars = b.maxInputChars;
    this.clock = b.clock;
  }

  /** A builder; threads and models are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Brings a thread's summary up to date and stores it.
   *
   * @param threadId the thread
   * @return the stored summary and how it was made
   * @throws NotFoundException when there is no such thread
   * @throws InvalidInputException when the thread has no messages
   */
  public SummaryResult summarize(long threadId) {
    if (threads.find(threadId).isEmpty()) {
      throw new NotFoundException(
          "There is no thread " + threadId + ".", "List the threads and summarise one of them.");
    }
    List<ConversationMessage> all = threads.messages(threadId);
    if (all.isEmpty()) {
      throw new InvalidInputException(
          "Thread " + threadId + " has no messages to summarise.",
          "Add or link messages to it first.");
    }
    long through = all.stream().mapToLong(ConversationMessage::id).max().orElseThrow();
    Optional<ThreadSummary> previous = threads.summary(threadId);
    boolean incremental = previous.isPresent() && previous.get().kind() == ThreadSummary.Kind.MODEL;
    if (incremental && previous.get().throughMessageId() >= through) {
      return new SummaryResult(previous.get(), 0, Optional.empty());
    }
    long after = incremental ? previous.get().throughMessageId() : 0;
    List<ConversationMessage> fresh = all.stream().filter(m -> m.id() > after).toList();
    ModelRef model = models.model(role);
    String summary = incremental ? previous.get().content() : "";
    ThreadSummary stored;
    Optional<String> fallback = Optional.empty();
    try {
      for (List<ConversationMessage> chunk : chunks(fresh)) {
        summary = ask(model, summary, chunk);
      }
      stored =
          new ThreadSummary(
              threadId,
              summary,
              ThreadSummary.Kind.MODEL,
              model.name(),
              through,
              all.size(),
              java.time.Instant.ofEpochMilli(clock.millis()));
    } catch (BecaException e) {
      LOG.warn("Summary of thread {} falls back to extraction: {}", threadId, e.getMessage());
      fallback = Optional.of(e.getMessage());
      stored =
          new ThreadSummary(
              threadId,
              extract(all),
              ThreadSummary.Kind.EXTRACTIVE,
              "",
              through,
              all.size(),
              java.time.Instant.ofEpochMilli(clock.millis()));
    }
    threads.saveSummary(stored);
    return new SummaryResult(stored, fresh.size(), fallback);
  }

  private List<List<ConversationMessage>> chunks(List<ConversationMessage> messages) {
    List<List<ConversationMessage>> chunks = new ArrayList<>();
    List<ConversationMessage> current = new ArrayList<>();
    int chars = 0;
    for (ConversationMessage m : messages) {
      int size = Math.min(m.content().length(), maxInputChars);
      if (!current.isEmpty() && chars + size > maxInputChars) {
        chunks.add(current);
        current = new ArrayList<>();
        chars = 0;
      }
      current.add(m);
      chars += size;
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }

  private String ask(ModelRef model, String previous, List<ConversationMessage> chunk) {
    StringBuilder user = new StringBuilder();
    if (!previous.isBlank()) {
      user.append("Summary so far:\n").append(previous).append("\n\n");
    }
    user.append("New messages:\n");
    for (ConversationMessage m : chunk) {
      String content =
          m.content().length() > maxInputChars
              ? m.content().substring(0, maxInputChars) + " [...]"
              : m.content();
      user.append('[')
          .append(m.role().name().toLowerCase(Locale.ROOT))
          .append("] ")
          .append(content)
          .append('\n');
    }
    user.append("\nWrite the updated summary.");
    ChatRequest request =
        ChatRequest.builder()
            .messages(SystemMessage.from(INSTRUCTION), UserMessage.from(user.toString()))
            .build();
    String text = WholeReply.text(models, model, request, piece -> {}).strip();
    if (text.isBlank()) {
      throw new dev.beca.core.ModelRequestException(
          "Model '" + model.name() + "' returned an empty summary.",
          "Try again or use another model.",
          null);
    }
    return text;
  }

  /**
   * Picks sentences without a model: the first sentence of the thread's first message and of its
   * latest messages, each cut to {@value #EXTRACT_SENTENCE_CHARS} characters.
   */
  static String extract(List<ConversationMessage> thread) {
    List<ConversationMessage> picked = new ArrayList<>();
    picked.add(thread.get(0));
    int from = Math.max(1, thread.size() - EXTRACT_MESSAGES);
    picked.addAll(thread.subList(from, thread.size()));
    StringBuilder out = new StringBuilder(EXTRACTIVE_MARK);
    for (ConversationMessage m : picked) {
      String sentence = firstSentence(m.content());
      if (!sentence.isEmpty()) {
        out.append("\n- ")
            .append(m.role().name().toLowerCase(Locale.ROOT))
            .append(": ")
            .append(sentence);
      }
    }
    return out.toString();
  }

  private static String firstSentence(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    int end = flat.length();
    for (int i = 0; i < flat.length() - 1; i++) {
      char c = flat.charAt(i);
      if ((c == '.' || c == '?' || c == '!') && flat.charAt(i + 1) == ' ') {
        end = i + 1;
        break;
      }
    }
    String sentence = flat.substring(0, end);
    return sentence.length() <= EXTRACT_SENTENCE_CHARS
        ? sentence
        : sentence.substring(0, EXTRACT_SENTENCE_CHARS - 3) + "...";
  }

  /** Configures a {@link ThreadSummarizer}. Setters fail fast with a message naming the field. */
  public static final class Builder {
    private ThreadStore threads;
    private ModelGateway models;
    private ModelRole role = ModelRole.GENERAL;
    private int maxInputChars = 24_000;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Where threads and summaries are stored. Required. */
    public Builder threads(ThreadStore threads) {
      this.threads = Objects.requireNonNull(threads, "threads");
      return this;
    }

    /**
     * Where the model comes from. Required. Each call may take as long as the gateway's {@linkplain
     * ModelGateway#replyTimeout() reply timeout}.
     */
    public Builder models(ModelGateway models) {
      this.models = Objects.requireNonNull(models, "models");
      return this;
    }

    /** Which model summarises: the general one by default, or the coding one. */
    public Builder role(ModelRole role) {
      this.role = Objects.requireNonNull(role, "role");
      return this;
    }

    /** The most characters of messages sent in one call; at least 1,000, default 24,000. */
    public Builder maxInputChars(int maxInputChars) {
      if (maxInputChars < 1_000) {
        throw new IllegalArgumentException(
            "maxInputChars must be at least 1000, was " + maxInputChars);
      }
      this.maxInputChars = maxInputChars;
      return this;
    }

    /** The clock that stamps summaries. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the summarizer.
     *
     * @throws IllegalStateException when threads or models were not set
     */
    public ThreadSummarizer build() {
      if (threads == null) {
        throw new IllegalStateException("threads must be set");
      }
      if (models == null) {
        throw new IllegalStateException("models must be set");
      }
      return new ThreadSummarizer(this);
    }
  }
}
