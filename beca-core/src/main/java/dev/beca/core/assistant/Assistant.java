package dev.beca.core.assistant;

import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.ModelRequestException;
import dev.beca.core.NotFoundException;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.MessageStore;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.SessionStore;
import dev.beca.core.memory.ContextAssembler;
import dev.beca.core.memory.ContextRequest;
import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.WholeReply;
import dev.beca.core.secrets.SecretScanner;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assistant: answers a user's message in a session with the general-role model.
 *
 * <p>A turn persists the user's message <em>before</em> it calls the model, so nothing the user
 * typed is lost when the model server is down; it then sends the system prompt and the recent
 * messages of the session, streams the reply to the caller token by token, and persists the reply.
 * Thread-safe: one instance serves any number of sessions.
 *
 * <p>With a {@link ContextAssembler} (see {@link Builder#context}) the prompt is assembled for the
 * token budget from the thread's summary, relevant older messages and recent messages; without one,
 * it is the system prompt and the session's latest {@code historyLimit} messages.
 *
 * <pre>{@code
 * Assistant assistant = Assistant.builder()
 *     .messages(knowledgeBase.messages())
 *     .sessions(knowledgeBase.sessions())
 *     .models(gateway)
 *     .build();
 * ChatTurn turn = assistant.chat(session.id(), "Explain records", System.out::print);
 * }</pre>
 */
public final class Assistant {

  /** The system prompt used unless the builder is given another one. */
  public static final String DEFAULT_SYSTEM_PROMPT =
      "You are BECA, a concise and careful coding assistant for JVM developers. "
          + "Answer precisely, show code when it helps, and say so when you are unsure.";

  /** How many rounds of tool calls a turn may take unless the builder says otherwise. */
  public static final int DEFAULT_MAX_TOOL_STEPS = 16;

  /**
   * Appended to a stored reply that broke off mid-stream, so readers of the history (and the model,
   * on the next turn) see that it is partial.
   */
  public static final String INCOMPLETE_MARK =
      "\n\n[reply incomplete: the model's answer was cut off]";

  /**
   * Appended to a stored reply that was longer than a message may be ({@link
   * NewMessage#MAX_CONTENT_CHARS}): the caller saw the whole reply, the history keeps its
   * beginning.
   */
  public static final String TRUNCATED_MARK =
      "\n\n[reply truncated: the model's answer was longer than a stored message may be; only its beginning is kept]";

  /**
   * How far back from the limit a truncated reply may end, to end at white space rather than
   * mid-word.
   */
  private static final int CUT_SEARCH_CHARS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(Assistant.class);

  private final MessageStore messages;
  private final SessionStore sessions;
  private final ModelGateway models;
  private final String systemPrompt;
  private final int historyLimit;
  private final ContextAssembler context;
  private final int tokenBudget;
  private final ToolRunner tools;
  private final int maxToolSteps;
  private final SecretScanner scanner;
  private final Set<ModelRef> modelsWithoutTools = ConcurrentHashMap.newKeySet();

  private Assistant(Builder builder) {
    this.tools = builder.tools;
    this.maxToolSteps = builder.maxToolSteps;
    this.scanner = builder.scanner;
    this.context = builder.context;
    this.tokenBudget = builder.tokenBudget;
    this.messages = builder.messages;
    this.sessions = builder.sessions;
    this.models = builder.models;
    this.systemPrompt = builder.systemPrompt;
    this.historyLimit = builder.historyLimit;
  }

  /** A builder with the defaults: {@link #DEFAULT_SYSTEM_PROMPT}, 20 messages, 4,096 tokens. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this assistant's configuration. */
  public Builder toBuilder() {
    Builder builder =
        new Builder()
            .messages(messages)
            .sessions(sessions)
            .models(models)
            .systemPrompt(systemPrompt)
            .historyLimit(historyLimit)
            .tokenBudget(tokenBudget)
            .maxToolSteps(maxToolSteps);
    if (context != null) {
      builder.context(context);
    }
    if (tools != null) {
      builder.tools(tools);
    }
    if (scanner != null) {
      builder.redactShown(scanner);
    }
    return builder;
  }

  /**
   * Answers one message of the user.
   *
   * @param sessionId an existing session
   * @param text what the user typed; must not be blank
   * @param tokens receives each piece of the reply as it streams in; called on the model client's
   *     thread
   * @return the stored question and answer
   * @throws InvalidInputException when the text is blank or too long (nothing is stored)
   * @throws NotFoundException when the session does not exist (nothing is stored)
   * @throws IncompleteReplyException when the reply broke off after part of it streamed; the part
   *     is stored, marked incomplete
   * @throws BecaException when the model fails; the user's message is stored by then
   */
  public ChatTurn chat(String sessionId, String text, Consumer<String> tokens) {
    return chat(sessionId, OptionalLong.empty(), text, tokens);
  }

  /**
   * Answers one message of the user within a thread: both messages are stored in the thread and
   * (with a context assembler) the thread's summary and history make up the context.
   *
   * @param sessionId an existing session
   * @param threadId an existing thread, or empty for none
   * @param text what the user typed; must not be blank
   * @param tokens receives each piece of the reply as it streams in
   * @return the stored question and answer
   *     <p>A reply longer than a message may be ({@link NewMessage#MAX_CONTENT_CHARS}) still
   *     streams whole to {@code tokens}; it is stored cut to the limit (at white space, never
   *     inside a private key block), marked with {@link #TRUNCATED_MARK} and as not successful, and
   *     the turn returns normally: {@code answer().success()} is then {@code false}.
   * @throws InvalidInputException when the text is blank or too long (nothing is stored)
   * @throws NotFoundException when the session or thread does not exist (nothing is stored)
   * @throws BecaException when the model fails; the user's message is stored by then
   */
  public ChatTurn chat(
      String sessionId, OptionalLong threadId, String text, Consumer<String> tokens) {
    return respond(sessionId, threadId, text, TurnListener.of(tokens));
  }

  /**
   * Answers one message of the user within a thread, reporting the reply's text and, when the
   * assistant has {@linkplain Builder#tools tools}, each tool call as it happens.
   *
   * <p>With tools, the model may ask for tool calls; each runs through the {@link ToolRunner}
   * (policy, approval, audit, secret filter) and its result goes back to the model, until the model
   * answers without a call or {@linkplain Builder#maxToolSteps the step limit} is reached. The
   * answer is stored with the calls (redacted arguments, results shortened to {@link
   * ToolCallRecord#MAX_STORED_RESULT_CHARS}) as its tools JSON; it counts as successful only when
   * every call succeeded. When a model call fails after some text or calls, the answer is stored
   * with what happened, marked incomplete, and {@link IncompleteReplyException} is thrown.
   *
   * @param sessionId an existing session
   * @param threadId an existing thread, or empty for none
   * @param text what the user typed; must not be blank
   * @param listener follows the reply's text and the tool calls
   * @return the stored question and answer, and the tool calls made
   * @throws InvalidInputException when the text is blank or too long (nothing is stored)
   * @throws NotFoundException when the session or thread does not exist (nothing is stored)
   * @throws BecaException when the model fails; the user's message is stored by then
   */
  public ChatTurn respond(
      String sessionId, OptionalLong threadId, String text, TurnListener listener) {
    Objects.requireNonNull(listener, "listener");
    if (scanner == null) {
      return turn(sessionId, threadId, text, listener);
    }
    RedactingListener shown = new RedactingListener(listener, scanner);
    try {
      return turn(sessionId, threadId, text, shown);
    } finally {
      shown.flush();
    }
  }

  private ChatTurn turn(
      String sessionId, OptionalLong threadId, String text, TurnListener listener) {
    Objects.requireNonNull(threadId, "threadId");
    if (text == null || text.isBlank()) {
      throw new InvalidInputException(
          "The message is empty.", "Type a question or an instruction.");
    }
    if (text.length() > NewMessage.MAX_CONTENT_CHARS) {
      throw new InvalidInputException(
          "Your message has "
              + text.length()
              + " characters, more than the limit of "
              + NewMessage.MAX_CONTENT_CHARS
              + " for one message; it was not sent or stored.",
          "Split it into smaller messages.");
    }
    NewMessage newQuestion = NewMessage.user(sessionId, text).inThread(threadId);
    if (sessions.find(sessionId).isEmpty()) {
      throw new NotFoundException(
          "There is no session '" + sessionId + "'.", "Start a new session or use an existing id.");
    }
    ConversationMessage question = messages.append(newQuestion);
    sessions.touch(sessionId);

    ModelRef model = models.model(ModelRole.GENERAL);
    List<ChatMessage> prompt =
        context == null
            ? prompt(sessionId)
            : context
                .assemble(new ContextRequest(systemPrompt, sessionId, threadId, text, tokenBudget))
                .messages();
    if (tools != null && !modelsWithoutTools.contains(model)) {
      try {
        return withTools(sessionId, threadId, question, model, prompt, listener);
      } catch (ModelRequestException e) {
        if (!refusesTools(e)) {
          throw e;
        }
        // Nothing ran and nothing was shown: answer this turn, and the next ones, without tools.
        modelsWithoutTools.add(model);
        LOG.warn(
            "Model {} does not support tools; chatting without them: {}", model, e.getMessage());
        listener.token(
            "[model "
                + model.name()
                + " does not support tool calls: answering without tools. Choose a model that "
                + "does with `beca models use general MODEL`.]\n");
      }
    }
    // Tokens arrive on the client's thread; StringBuffer is synchronised.
    StringBuffer received = new StringBuffer();
    String reply;
    try {
      reply =
          stream(
              model,
              prompt,
              token -> {
                received.append(token);
                listener.token(token);
              },
              listener::outputTokens);
    } catch (BecaException e) {
      throw incomplete(sessionId, threadId, question, model, received.toString(), List.of(), e);
    }
    return answered(sessionId, threadId, question, model, reply, List.of());
  }

  /** Whether a request failed because the model cannot take tools (Ollama says so in a 400). */
  private static boolean refusesTools(ModelRequestException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.contains("does not support tools");
  }

  private ChatTurn withTools(
      String sessionId,
      OptionalLong threadId,
      ConversationMessage question,
      ModelRef model,
      List<ChatMessage> prompt,
      TurnListener listener) {
    ToolLoop loop = new ToolLoop(models, model, tools, maxToolSteps, sessionId, listener);
    String reply;
    try {
      reply = loop.run(prompt);
    } catch (BecaException e) {
      LOG.warn(
          "Model call failed for {} after {} tool calls: {}",
          model,
          loop.calls().size(),
          e.getMessage(),
          e);
      throw incomplete(sessionId, threadId, question, model, loop.shown(), loop.calls(), e);
    }
    return answered(sessionId, threadId, question, model, reply, loop.calls());
  }

  /** Stores a complete reply (and its tool calls) and returns the turn. */
  private ChatTurn answered(
      String sessionId,
      OptionalLong threadId,
      ConversationMessage question,
      ModelRef model,
      String reply,
      List<ToolCallRecord> calls) {
    String stored = storable(reply, "");
    NewMessage newAnswer =
        NewMessage.assistant(sessionId, stored).inThread(threadId).replyingTo(question.id());
    if (!calls.isEmpty()) {
      newAnswer =
          newAnswer.withTools(
              ToolLoop.json(calls), calls.stream().allMatch(ToolCallRecord::success));
    }
    if (stored.length() != reply.length()) {
      LOG.warn(
          "The reply of {} had {} characters, more than a message may hold; stored truncated",
          model,
          reply.length());
      newAnswer = newAnswer.failed();
    }
    ConversationMessage answer = messages.append(newAnswer);
    sessions.touch(sessionId);
    return new ChatTurn(question, answer, model, calls);
  }

  /**
   * What the user saw of a reply that broke off, stored (marked incomplete, not successful) with
   * the tool calls made, as the exception to throw; the model's error itself when nothing was seen
   * or done.
   */
  private BecaException incomplete(
      String sessionId,
      OptionalLong threadId,
      ConversationMessage question,
      ModelRef model,
      String partial,
      List<ToolCallRecord> calls,
      BecaException error) {
    if (partial.isEmpty() && calls.isEmpty()) {
      return error;
    }
    // Keep what the user already saw, marked in its text (so a model reading the history knows)
    // and as not successful (so queries can find it), rather than lose it.
    NewMessage newAnswer =
        NewMessage.assistant(sessionId, storable(partial, INCOMPLETE_MARK))
            .inThread(threadId)
            .replyingTo(question.id());
    if (!calls.isEmpty()) {
      newAnswer = newAnswer.withTools(ToolLoop.json(calls), false);
    }
    ConversationMessage answer = messages.append(newAnswer.failed());
    sessions.touch(sessionId);
    return new IncompleteReplyException(new ChatTurn(question, answer, model, calls), error);
  }

  /**
   * A reply followed by {@code mark} as it can be stored: whole when it fits in a message, else cut
   * and marked with {@link #TRUNCATED_MARK}. The cut falls at white space when there is some near
   * the limit, and before a private key block whose end would be cut off, so that no secret is kept
   * in part where the scanner would no longer recognise it.
   */
  static String storable(String reply, String mark) {
    int limit = NewMessage.MAX_CONTENT_CHARS;
    if (reply.length() + mark.length() <= limit) {
      return reply + mark;
    }
    int end = limit - TRUNCATED_MARK.length() - mark.length();
    if (Character.isLowSurrogate(reply.charAt(end))) {
      end--;
    }
    for (int i = end; i > end - CUT_SEARCH_CHARS && i > 0; i--) {
      if (Character.isWhitespace(reply.charAt(i))) {
        end = i;
        break;
      }
    }
    int begin = reply.lastIndexOf("-----BEGIN", end - 1);
    if (begin >= 0) {
      int close = reply.indexOf("-----END", begin);
      int closeEnd = close < 0 ? -1 : reply.indexOf("-----", close + "-----END".length());
      if (closeEnd < 0 || closeEnd + "-----".length() > end) {
        end = begin;
      }
    }
    return reply.substring(0, end).stripTrailing() + TRUNCATED_MARK + mark;
  }

  /** System prompt first, then the session's latest messages (the new question included). */
  private List<ChatMessage> prompt(String sessionId) {
    List<ChatMessage> prompt = new ArrayList<>();
    prompt.add(SystemMessage.from(systemPrompt));
    for (ConversationMessage message : messages.recent(sessionId, historyLimit)) {
      switch (message.role()) {
        case USER -> prompt.add(UserMessage.from(message.content()));
        case ASSISTANT -> prompt.add(AiMessage.from(message.content()));
        case SYSTEM -> prompt.add(SystemMessage.from(message.content()));
      }
    }
    return prompt;
  }

  private String stream(
      ModelRef model, List<ChatMessage> prompt, Consumer<String> tokens, IntConsumer counted) {
    try {
      return WholeReply.text(
          models, model, ChatRequest.builder().messages(prompt).build(), tokens, counted);
    } catch (BecaException e) {
      LOG.warn("Model call failed for {}: {}", model, e.getMessage(), e);
      throw e;
    }
  }

  /** Configures an {@link Assistant}. Setters fail fast with a message naming the field. */
  public static final class Builder {
    private MessageStore messages;
    private SessionStore sessions;
    private ModelGateway models;
    private String systemPrompt = DEFAULT_SYSTEM_PROMPT;
    private int historyLimit = 20;
    private ContextAssembler context;
    private int tokenBudget = 4096;
    private ToolRunner tools;
    private int maxToolSteps = DEFAULT_MAX_TOOL_STEPS;
    private SecretScanner scanner;

    private Builder() {}

    /**
     * Redacts secrets in the reply's text before the listener sees it (word by word as it streams;
     * a private key block is not shown at all); optional. The stored reply is redacted by the
     * message store in any case.
     */
    public Builder redactShown(SecretScanner scanner) {
      this.scanner = Objects.requireNonNull(scanner, "scanner");
      return this;
    }

    /**
     * The tools the model may call in each turn, through this runner (policy, approvals, audit,
     * secret filter); optional. Without it the assistant only talks.
     */
    public Builder tools(ToolRunner tools) {
      this.tools = Objects.requireNonNull(tools, "tools");
      return this;
    }

    /**
     * How many rounds of tool calls one turn may take before the model is asked to answer without
     * tools. At least 1, default {@value Assistant#DEFAULT_MAX_TOOL_STEPS}.
     */
    public Builder maxToolSteps(int maxToolSteps) {
      if (maxToolSteps < 1) {
        throw new IllegalArgumentException("maxToolSteps must be at least 1, was " + maxToolSteps);
      }
      this.maxToolSteps = maxToolSteps;
      return this;
    }

    /** Assembles each turn's prompt for the token budget (thread-aware); optional. */
    public Builder context(ContextAssembler context) {
      this.context = Objects.requireNonNull(context, "context");
      return this;
    }

    /**
     * The most tokens a prompt may cost when a context assembler is set. Positive, default 4096.
     */
    public Builder tokenBudget(int tokenBudget) {
      if (tokenBudget < 1) {
        throw new IllegalArgumentException("tokenBudget must be positive, was " + tokenBudget);
      }
      this.tokenBudget = tokenBudget;
      return this;
    }

    /** Where messages are stored and read back from. Required. */
    public Builder messages(MessageStore messages) {
      this.messages = Objects.requireNonNull(messages, "messages");
      return this;
    }

    /** Where sessions are kept. Required. */
    public Builder sessions(SessionStore sessions) {
      this.sessions = Objects.requireNonNull(sessions, "sessions");
      return this;
    }

    /**
     * Where the chat models come from. Required. Its {@linkplain ModelGateway#replyTimeout() reply
     * timeout} is how long a turn waits for the reply.
     */
    public Builder models(ModelGateway models) {
      this.models = Objects.requireNonNull(models, "models");
      return this;
    }

    /** The instruction sent before the conversation. Must not be blank. */
    public Builder systemPrompt(String systemPrompt) {
      if (systemPrompt == null || systemPrompt.isBlank()) {
        throw new IllegalArgumentException("systemPrompt must not be blank");
      }
      this.systemPrompt = systemPrompt;
      return this;
    }

    /** How many of the session's latest messages are sent with each turn. At least 1. */
    public Builder historyLimit(int historyLimit) {
      if (historyLimit < 1) {
        throw new IllegalArgumentException("historyLimit must be at least 1, was " + historyLimit);
      }
      this.historyLimit = historyLimit;
      return this;
    }

    /**
     * Builds the assistant.
     *
     * @throws IllegalStateException when messages, sessions or models were not set
     */
    public Assistant build() {
      if (messages == null) {
        throw new IllegalStateException("messages must be set");
      }
      if (sessions == null) {
        throw new IllegalStateException("sessions must be set");
      }
      if (models == null) {
        throw new IllegalStateException("models must be set");
      }
      return new Assistant(this);
    }
  }
}
