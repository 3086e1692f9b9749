package dev.beca.core.learning;

import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.MessageRole;
import dev.beca.core.conversation.MessageStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The stock {@link ExtractionWork}: asks the general model (through a {@link LessonExtractor}) for
 * the lessons of a session's turns, or of one turn, and stores them in the {@link LessonStore}.
 *
 * <p>Only turns that did not fail are learned from: the answer was stored whole and successful, and
 * the turn's recorded verdict ({@link LessonStore#turnOutcome}) is not {@link
 * TurnOutcome.Verdict#FAILED}. For a session it takes the {@link Builder#maxTurns last turns} (10
 * by default) of the session's latest {@value #MESSAGES_READ} messages, one model call each; a turn
 * whose extraction fails is kept as an extraction of its own ({@link
 * LessonStore#recordFailedExtraction}) with the reason and the raw reply, to be tried again, and
 * the session counts as done. For one turn, a failed extraction fails the item ({@link
 * ExtractionFailedException}), which keeps the raw reply.
 */
public final class SessionLessons implements ExtractionWork {

  /** How many of a session's latest messages are read to find its turns. */
  public static final int MESSAGES_READ = 400;

  private final MessageStore messages;
  private final LessonStore lessons;
  private final LessonExtractor extractor;
  private final int maxTurns;

  private SessionLessons(Builder builder) {
    this.messages = builder.messages;
    this.lessons = builder.lessons;
    this.extractor = builder.extractor;
    this.maxTurns = builder.maxTurns;
  }

  /** A builder; messages, lessons and the extractor must be given. */
  public static Builder builder() {
    return new Builder();
  }

  /** A question and the answer that replied to it. */
  private record Turn(ConversationMessage question, ConversationMessage answer) {}

  @Override
  public String learn(ExtractionItem item) {
    List<Turn> turns = turns(item.sessionId());
    if (item.messageId() > 0) {
      Optional<Turn> turn =
          turns.stream().filter(t -> t.question().id() == item.messageId()).findFirst();
      if (turn.isEmpty()) {
        return "turn of message "
            + item.messageId()
            + " is gone or has no answer: nothing to learn";
      }
      if (!learnable(turn.get())) {
        return "turn of message " + item.messageId() + " failed: nothing learned";
      }
      LessonExtraction found = extract(turn.get());
      if (found.failed()) {
        throw new ExtractionFailedException(found.failure().orElseThrow(), found.rawReply());
      }
      return describe(store(found), 1, 0);
    }
    List<Turn> learnable = turns.stream().filter(this::learnable).toList();
    if (learnable.size() > maxTurns) {
      learnable = learnable.subList(learnable.size() - maxTurns, learnable.size());
    }
    int[] stored = new int[2];
    int failed = 0;
    for (Turn turn : learnable) {
      LessonExtraction found = extract(turn);
      if (found.failed()) {
        lessons.recordFailedExtraction(
            item.sessionId(),
            turn.question().id(),
            found.failure().orElseThrow(),
            found.rawReply());
        failed++;
        continue;
      }
      int[] s = store(found);
      stored[0] += s[0];
      stored[1] += s[1];
    }
    return describe(stored, learnable.size(), failed);
  }

  private static String describe(int[] stored, int turns, int failed) {
    return "learned "
        + stored[0]
        + " lessons ("
        + stored[1]
        + " merged into known ones) from "
        + turns
        + " turns"
        + (failed > 0 ? "; " + failed + " extractions failed and are kept to retry" : "");
  }

  private boolean learnable(Turn turn) {
    if (!turn.answer().success() || turn.answer().content().isBlank()) {
      return false;
    }
    return lessons
        .turnOutcome(turn.question().id())
        .map(o -> o.verdict() != TurnOutcome.Verdict.FAILED)
        .orElse(true);
  }

  private LessonExtraction extract(Turn turn) {
    return extractor.extract(
        turn.question().content(),
        turn.answer().content(),
        List.of("message:" + turn.question().id(), "message:" + turn.answer().id()));
  }

  /** Stores the lessons; returns {added, merged}. */
  private int[] store(LessonExtraction found) {
    int added = 0;
    int merged = 0;
    for (NewLesson lesson : found.lessons()) {
      if (lessons.add(lesson).outcome() == LessonAddition.Outcome.MERGED) {
        merged++;
      } else {
        added++;
      }
    }
    return new int[] {added, merged};
  }

  /** The session's turns, oldest first: each user message with the answer that replied to it. */
  private List<Turn> turns(String sessionId) {
    List<ConversationMessage> recent = messages.recent(sessionId, MESSAGES_READ);
    List<Turn> turns = new ArrayList<>();
    for (int i = 0; i < recent.size(); i++) {
      ConversationMessage question = recent.get(i);
      if (question.role() != MessageRole.USER || question.content().isBlank()) {
        continue;
      }
      for (int j = i + 1; j < recent.size(); j++) {
        ConversationMessage next = recent.get(j);
        if (next.role() == MessageRole.USER) {
          break;
        }
        if (next.role() == MessageRole.ASSISTANT
            && next.parentId().isPresent()
            && next.parentId().getAsLong() == question.id()) {
          turns.add(new Turn(question, next));
          break;
        }
      }
    }
    return turns;
  }

  /** Configures {@link SessionLessons}. */
  public static final class Builder {
    private MessageStore messages;
    private LessonStore lessons;
    private LessonExtractor extractor;
    private int maxTurns = 10;

    private Builder() {}

    /** Where the sessions' messages are read. Required. */
    public Builder messages(MessageStore messages) {
      this.messages = Objects.requireNonNull(messages, "messages");
      return this;
    }

    /** Where lessons (and failed extractions) are stored. Required. */
    public Builder lessons(LessonStore lessons) {
      this.lessons = Objects.requireNonNull(lessons, "lessons");
      return this;
    }

    /** Asks the model for a turn's lessons. Required. */
    public Builder extractor(LessonExtractor extractor) {
      this.extractor = Objects.requireNonNull(extractor, "extractor");
      return this;
    }

    /** The most turns of one session learned from (its last ones); 10 by default. Positive. */
    public Builder maxTurns(int maxTurns) {
      if (maxTurns < 1) {
        throw new IllegalArgumentException("maxTurns must be positive, was " + maxTurns);
      }
      this.maxTurns = maxTurns;
      return this;
    }

    /**
     * Builds the work.
     *
     * @throws IllegalStateException when messages, lessons or the extractor is missing
     */
    public SessionLessons build() {
      if (messages == null || lessons == null || extractor == null) {
        throw new IllegalStateException("messages, lessons and extractor must be set");
      }
      return new SessionLessons(this);
    }
  }
}
