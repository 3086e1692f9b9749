package dev.beca.core.memory;

import dev.beca.core.InvalidInputException;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.MessageRole;
import dev.beca.core.conversation.MessageStore;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.ThreadStore;
import dev.beca.core.conversation.ThreadSummary;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A LangChain4j {@link dev.langchain4j.store.memory.chat.ChatMemoryStore} over BECA's append-only
 * history, so that any AI Service can remember through BECA.
 *
 * <p><b>Memory ids.</b> A number (or a string of digits) is a thread id: the memory is that thread,
 * and new messages are stored in it, in this store's session. Any other string is a session id: the
 * memory is that session's messages (in any thread or none), and new messages are stored in that
 * session.
 *
 * <p><b>What each operation does.</b>
 *
 * <ul>
 *   <li>{@code getMessages}: the memory's system message (if the AI service set one), the thread's
 *       summary (as a system message), then a window of its latest {@code window} stored messages,
 *       then tool calls of the running exchange.
 *   <li>{@code updateMessages}: appends the user and AI messages of the list that come after the
 *       last one already stored; it never rewrites or deletes stored ones, so a chat memory that
 *       evicts messages from its window evicts them from the window only. System messages are kept
 *       in memory (instructions, not history); tool requests and results are kept in memory until
 *       the exchange ends with a plain AI reply, whose stored form records the tools used as JSON.
 *   <li>{@code deleteMessages}: <em>does not delete history</em>. It forgets the in-memory system
 *       message and tool calls and starts the window after the newest stored message, so the memory
 *       looks empty to LangChain4j while BECA keeps every message.
 * </ul>
 */
public final class HistoryChatMemoryStore
    implements dev.langchain4j.store.memory.chat.ChatMemoryStore {

  private final MessageStore messages;
  private final ThreadStore threads;
  private final String sessionId;
  private final int window;
  private final Map<String, SystemMessage> systemMessages = new ConcurrentHashMap<>();
  private final Map<String, List<ChatMessage>> toolCalls = new ConcurrentHashMap<>();
  private final Map<String, Long> windowStartsAfter = new ConcurrentHashMap<>();

  /**
   * Creates the store.
   *
   * @param messages the history
   * @param threads the threads and their summaries
   * @param sessionId the session new thread messages are stored in
   * @param window how many stored messages a memory shows at most; positive
   */
  public HistoryChatMemoryStore(
      MessageStore messages, ThreadStore threads, String sessionId, int window) {
    this.messages = Objects.requireNonNull(messages, "messages");
    this.threads = Objects.requireNonNull(threads, "threads");
    this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
    if (window < 1) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    this.window = window;
  }

  @Override
  public List<ChatMessage> getMessages(Object memoryId) {
    String key = key(memoryId);
    List<ChatMessage> result = new ArrayList<>();
    SystemMessage system = systemMessages.get(key);
    if (system != null) {
      result.add(system);
    }
    OptionalLong thread = threadOf(memoryId);
    if (thread.isPresent()) {
      threads
          .summary(thread.getAsLong())
          .ifPresent(
              s ->
                  result.add(
                      SystemMessage.from(
                          (s.kind() == ThreadSummary.Kind.EXTRACTIVE
                                  ? ContextAssembler.EXTRACTIVE_HEADER
                                  : ContextAssembler.SUMMARY_HEADER)
                              + s.content())));
    }
    for (ConversationMessage m : stored(memoryId)) {
      result.add(ContextAssembler.toChatMessage(m));
    }
    result.addAll(toolCalls.getOrDefault(key, List.of()));
    return result;
  }

  @Override
  public void updateMessages(Object memoryId, List<ChatMessage> list) {
    String key = key(memoryId);
    List<ConversationMessage> stored = stored(memoryId);
    List<ChatMessage> known = new ArrayList<>();
    for (ConversationMessage m : stored) {
      known.add(ContextAssembler.toChatMessage(m));
    }
    int start = 0;
    for (int i = list.size() - 1; i >= 0; i--) {
      if (!known.isEmpty() && list.get(i).equals(known.get(known.size() - 1))) {
        start = i + 1;
        break;
      }
    }
    OptionalLong thread = threadOf(memoryId);
    String session = thread.isPresent() ? sessionId : key;
    List<ChatMessage> pendingTools = new ArrayList<>(toolCalls.getOrDefault(key, List.of()));
    for (ChatMessage message : list.subList(start, list.size())) {
      if (message instanceof SystemMessage system) {
        if (!system.text().startsWith(ContextAssembler.SUMMARY_HEADER)
            && !system.text().startsWith(ContextAssembler.EXTRACTIVE_HEADER)) {
          systemMessages.put(key, system);
        }
      } else if (message instanceof UserMessage user) {
        append(session, thread, MessageRole.USER, user.singleText(), pendingTools);
        pendingTools.clear();
      } else if (message instanceof AiMessage ai && !ai.hasToolExecutionRequests()) {
        append(
            session,
            thread,
            MessageRole.ASSISTANT,
            ai.text() == null ? "" : ai.text(),
            pendingTools);
        pendingTools.clear();
      } else if (!pendingTools.contains(message)) {
        pendingTools.add(message); // a tool request or result of the running exchange
      }
    }
    if (pendingTools.isEmpty()) {
      toolCalls.remove(key);
    } else {
      toolCalls.put(key, List.copyOf(pendingTools));
    }
  }

  @Override
  public void deleteMessages(Object memoryId) {
    String key = key(memoryId);
    systemMessages.remove(key);
    toolCalls.remove(key);
    List<ConversationMessage> latest = latest(memoryId, 1);
    windowStartsAfter.put(key, latest.isEmpty() ? 0L : latest.get(0).id());
  }

  private void append(
      String session, OptionalLong thread, MessageRole role, String text, List<ChatMessage> tools) {
    NewMessage message = new NewMessage(session, role, text, thread, OptionalLong.empty());
    if (!tools.isEmpty()) {
      message = message.withTools(toolsJson(tools), true);
    }
    messages.append(message);
  }

  private List<ConversationMessage> stored(Object memoryId) {
    long after = windowStartsAfter.getOrDefault(key(memoryId), 0L);
    return latest(memoryId, window).stream().filter(m -> m.id() > after).toList();
  }

  private List<ConversationMessage> latest(Object memoryId, int limit) {
    OptionalLong thread = threadOf(memoryId);
    return thread.isPresent()
        ? threads.latest(thread.getAsLong(), limit)
        : messages.recent(key(memoryId), limit);
  }

  private static String toolsJson(List<ChatMessage> tools) {
    StringBuilder json = new StringBuilder("[");
    for (ChatMessage m : tools) {
      if (m instanceof AiMessage ai) {
        for (var request : ai.toolExecutionRequests()) {
          if (json.length() > 1) {
            json.append(',');
          }
          json.append("{\"tool\":")
              .append(quote(request.name()))
              .append(",\"arguments\":")
              .append(quote(request.arguments()))
              .append('}');
        }
      }
    }
    return json.append(']').toString();
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : String.valueOf(text).toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static String key(Object memoryId) {
    if (memoryId == null || memoryId.toString().isBlank()) {
      throw new InvalidInputException(
          "A chat memory needs an id.", "Use a thread id or a session id as memory id.");
    }
    return memoryId.toString().strip();
  }

  private static OptionalLong threadOf(Object memoryId) {
    if (memoryId instanceof Number n) {
      return OptionalLong.of(n.longValue());
    }
    String key = key(memoryId);
    if (key.chars().allMatch(Character::isDigit) && key.length() < 19) {
      return OptionalLong.of(Long.parseLong(key));
    }
    return OptionalLong.empty();
  }
}
