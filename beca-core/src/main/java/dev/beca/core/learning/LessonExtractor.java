package dev.beca.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.WholeReply;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the general model (through the role gateway, with its fallbacks and retries) which lessons a
 * successful turn teaches, in a strict line format, and parses the reply tolerantly.
 *
 * <p>The format asked for is one lesson a line, {@code LESSON [category]: text}, or the single word
 * {@code NONE}. Also accepted: the lines bulleted or numbered, {@code [category] text} without the
 * word LESSON, and a JSON array of {@code {"category": ..., "text": ...}} objects or of strings. An
 * unknown or malformed category becomes {@link LessonCategory#GENERAL}. A reply in none of these
 * forms is a <em>failed</em> extraction that keeps the raw reply and holds no lesson: nothing is
 * invented from prose.
 *
 * <pre>{@code
 * LessonExtractor extractor = LessonExtractor.builder().models(gateway).build();
 * LessonExtraction found = extractor.extract(question, answer, List.of("message:" + questionId));
 * found.lessons().forEach(kb.lessons()::add);
 * }</pre>
 */
public final class LessonExtractor {

  private static final Logger LOG = LoggerFactory.getLogger(LessonExtractor.class);

  /** The instruction sent as the system message. */
  static final String INSTRUCTION =
      "You extract reusable lessons from one exchange between a developer and a coding assistant"
          + " that ended well. A lesson is a short, general, actionable piece of advice that will"
          + " help with later, different tasks (what worked, which tool or approach, what to"
          + " avoid); not a summary of this exchange. Answer with at most %d lines, each exactly"
          + " in the form\n"
          + "LESSON [category]: text\n"
          + "where category is one of %s (or another single lower-case word). If there is nothing"
          + " reusable to learn, answer with the single word NONE. Write nothing else.";

  private static final Pattern LINE =
      Pattern.compile(
          "^\\s*(?:[-*\\u2022]\\s*|\\d{1,3}[.)]\\s*)?(?:\\*\\*)?(?:LESSON\\b\\s*)?(?:\\*\\*)?\\s*"
              + "\\[([^\\]\\n]{1,60})\\]\\s*[:\\-\\u2013]?\\s*(.+?)\\s*$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LESSON_WITHOUT_CATEGORY =
      Pattern.compile(
          "^\\s*(?:[-*\\u2022]\\s*|\\d{1,3}[.)]\\s*)?LESSON\\s*:\\s*(.+?)\\s*$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NONE = Pattern.compile("^\\W*none\\W*$", Pattern.CASE_INSENSITIVE);
  private static final int MIN_LESSON_CHARS = 10;

  private final ModelGateway models;
  private final ModelRole role;
  private final int maxLessons;
  private final int maxInputChars;

  private LessonExtractor(Builder builder) {
    this.models = builder.models;
    this.role = builder.role;
    this.maxLessons = builder.maxLessons;
    this.maxInputChars = builder.maxInputChars;
  }

  /** A builder; the model gateway is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Asks the model for the lessons of one successful turn.
   *
   * @param question what the user asked
   * @param answer what the assistant answered
   * @param evidence evidence links every lesson gets, e.g. {@code message:12}
   * @return the lessons (at most the configured number) or a failed extraction with the raw reply;
   *     never throws for a model failure, which becomes a failed extraction
   * @throws InvalidInputException when the question or the answer is blank
   */
  public LessonExtraction extract(String question, String answer, List<String> evidence) {
    if (question == null || question.isBlank() || answer == null || answer.isBlank()) {
      throw new InvalidInputException(
          "A lesson extraction needs the question and the answer of a turn.",
          "Pass the stored texts of a turn that ended well.");
    }
    Objects.requireNonNull(evidence, "evidence");
    ModelRef model = models.model(role);
    String user =
        "Developer:\n"
            + cut(question)
            + "\n\nAssistant:\n"
            + cut(answer)
            + "\n\nWhich reusable lessons does this exchange teach?";
    ChatRequest request =
        ChatRequest.builder()
            .messages(
                SystemMessage.from(
                    String.format(Locale.ROOT, INSTRUCTION, maxLessons, LessonCategory.SUGGESTED)),
                UserMessage.from(user))
            .build();
    String reply;
    try {
      reply = WholeReply.text(models, model, request, piece -> {});
    } catch (BecaException e) {
      LOG.warn("Lesson extraction by model '{}' failed: {}", model.name(), e.getMessage());
      return new LessonExtraction(
          List.of(), "", Optional.of("The model call failed: " + e.getMessage()));
    }
    LessonExtraction parsed = parse(reply, evidence, maxLessons);
    if (parsed.failed()) {
      LOG.warn(
          "Model '{}' answered the lesson extraction out of format; no lesson kept. Reply: {}",
          model.name(),
          reply.length() > 500 ? reply.substring(0, 500) + "..." : reply);
    }
    return parsed;
  }

  private String cut(String text) {
    return text.length() <= maxInputChars ? text : text.substring(0, maxInputChars) + " [...]";
  }

  /**
   * Parses a model's reply (see the class description for the accepted forms).
   *
   * @param reply the reply
   * @param evidence evidence links every lesson gets
   * @param maxLessons the most lessons kept (the first ones)
   * @return the lessons, or a failed extraction holding the reply
   */
  public static LessonExtraction parse(String reply, List<String> evidence, int maxLessons) {
    String text = reply == null ? "" : stripFence(reply.strip());
    if (text.isEmpty()) {
      return new LessonExtraction(
          List.of(), reply == null ? "" : reply, Optional.of("The reply was empty."));
    }
    if (NONE.matcher(text).matches()) {
      return new LessonExtraction(List.of(), reply, Optional.empty());
    }
    List<NewLesson> lessons = new ArrayList<>();
    if (text.startsWith("[") && text.endsWith("]") && fromJson(text, evidence, lessons)) {
      return done(lessons, reply, maxLessons);
    }
    for (String line : text.split("\\R")) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        add(lessons, m.group(1), m.group(2), evidence);
        continue;
      }
      Matcher plain = LESSON_WITHOUT_CATEGORY.matcher(line);
      if (plain.matches()) {
        add(lessons, LessonCategory.GENERAL, plain.group(1), evidence);
      }
    }
    return done(lessons, reply, maxLessons);
  }

  private static LessonExtraction done(List<NewLesson> lessons, String reply, int maxLessons) {
    if (lessons.isEmpty()) {
      return new LessonExtraction(
          List.of(),
          reply,
          Optional.of(
              "The reply holds no line 'LESSON [category]: text' and is not NONE; no lesson was"
                  + " kept."));
    }
    return new LessonExtraction(
        lessons.subList(0, Math.min(maxLessons, lessons.size())), reply, Optional.empty());
  }

  private static boolean fromJson(String text, List<String> evidence, List<NewLesson> lessons) {
    JsonNode array;
    try {
      array = new ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      return false;
    }
    if (array == null || !array.isArray()) {
      return false;
    }
    for (JsonNode item : array) {
      if (item.isTextual()) {
        add(lessons, LessonCategory.GENERAL, item.asText(), evidence);
      } else if (item.isObject()) {
        JsonNode lesson = item.has("text") ? item.get("text") : item.get("lesson");
        if (lesson != null && lesson.isTextual()) {
          JsonNode category = item.get("category");
          add(
              lessons,
              category != null && category.isTextual() ? category.asText() : LessonCategory.GENERAL,
              lesson.asText(),
              evidence);
        }
      }
    }
    return true;
  }

  private static void add(
      List<NewLesson> lessons, String category, String text, List<String> evidence) {
    String cleaned = text.replace("**", "").strip();
    if (cleaned.length() < MIN_LESSON_CHARS) {
      return;
    }
    if (cleaned.length() > NewLesson.MAX_TEXT_CHARS) {
      cleaned = cleaned.substring(0, NewLesson.MAX_TEXT_CHARS);
    }
    String checked;
    try {
      checked = LessonCategory.check(category);
    } catch (InvalidInputException e) {
      checked = LessonCategory.GENERAL;
    }
    lessons.add(
        new NewLesson(
            cleaned, checked, LessonSource.CONVERSATION, evidence, NewLesson.DEFAULT_CONFIDENCE));
  }

  /** The reply without a Markdown code fence around it. */
  private static String stripFence(String text) {
    if (text.startsWith("```")) {
      int firstLine = text.indexOf('\n');
      int end = text.lastIndexOf("```");
      if (firstLine > 0 && end > firstLine) {
        return text.substring(firstLine + 1, end).strip();
      }
    }
    return text;
  }

  /** Configures a {@link LessonExtractor}. */
  public static final class Builder {
    private ModelGateway models;
    private ModelRole role = ModelRole.GENERAL;
    private int maxLessons = 5;
    private int maxInputChars = 8_000;

    private Builder() {}

    /**
     * The role gateway the model is asked through. Required. Each call may take as long as the
     * gateway's {@linkplain ModelGateway#replyTimeout() reply timeout}.
     */
    public Builder models(ModelGateway models) {
      this.models = Objects.requireNonNull(models, "models");
      return this;
    }

    /** The role whose model is asked; {@link ModelRole#GENERAL} by default. */
    public Builder role(ModelRole role) {
      this.role = Objects.requireNonNull(role, "role");
      return this;
    }

    /** The most lessons kept from one turn; 5 by default, 1 to 20. */
    public Builder maxLessons(int maxLessons) {
      if (maxLessons < 1 || maxLessons > 20) {
        throw new IllegalArgumentException("maxLessons must be 1 to 20, was " + maxLessons);
      }
      this.maxLessons = maxLessons;
      return this;
    }

    /** The most characters of the question and of the answer sent; 8,000 each by default. */
    public Builder maxInputChars(int maxInputChars) {
      if (maxInputChars < 100) {
        throw new IllegalArgumentException(
            "maxInputChars must be at least 100, was " + maxInputChars);
      }
      this.maxInputChars = maxInputChars;
      return this;
    }

    /** The extractor. */
    public LessonExtractor build() {
      if (models == null) {
        throw new IllegalStateException("models must be set");
      }
      return new LessonExtractor(this);
    }
  }
}
