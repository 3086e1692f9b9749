package dev.beca.core.memory;

import dev.beca.core.BecaException;
import dev.beca.core.agent.ActionKind;
import dev.beca.core.agent.Acts;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.ConversationThread;
import dev.beca.core.conversation.HistorySearch;
import dev.beca.core.conversation.SearchFilter;
import dev.beca.core.conversation.SearchHit;
import dev.beca.core.conversation.ThreadStore;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Conversation memory as LangChain4j agent tools: an AI Service given this object (via {@code
 * .tools(...)}) can create threads, file messages into them, read them and search the history.
 * Failures come back as text starting with {@code "Error: "} so the model can react.
 */
public final class ConversationTools {

  /** The most characters a tool answer carries back to the model. */
  public static final int MAX_ANSWER_CHARS = 8_000;

  private final ThreadStore threads;
  private final HistorySearch search;

  /**
   * Creates the tools.
   *
   * @param threads the threads
   * @param search the history search
   */
  public ConversationTools(ThreadStore threads, HistorySearch search) {
    this.threads = Objects.requireNonNull(threads, "threads");
    this.search = Objects.requireNonNull(search, "search");
  }

  /** Creates a thread. */
  @Tool("Creates a new conversation thread with the given name and returns its id.")
  @Acts(ActionKind.OWN_STATE)
  public String createThread(@P("a short name for the thread's topic") String name) {
    try {
      ConversationThread thread = threads.create(name);
      return "Created thread " + thread.id() + " '" + thread.name() + "'.";
    } catch (BecaException e) {
      return "Error: " + e.getMessage();
    }
  }

  /** Links a message to a thread. */
  @Tool("Files an existing message (by id) into a thread (by id).")
  @Acts(ActionKind.OWN_STATE)
  public String linkMessage(
      @P("the message id") long messageId, @P("the thread id") long threadId) {
    try {
      threads.link(messageId, threadId);
      return "Message " + messageId + " is now in thread " + threadId + ".";
    } catch (BecaException e) {
      return "Error: " + e.getMessage();
    }
  }

  /** Shows a thread. */
  @Tool("Shows the messages of a thread in conversation order, with their ids and roles.")
  @Acts(ActionKind.READ)
  public String viewThread(@P("the thread id") long threadId) {
    try {
      List<ConversationMessage> messages = threads.messages(threadId);
      StringBuilder out =
          new StringBuilder("Thread " + threadId + " (" + messages.size() + " messages):\n");
      for (ConversationMessage m : messages) {
        out.append(line(m.id(), m.role().name(), m.content()));
      }
      threads.summary(threadId).ifPresent(s -> out.insert(0, "Summary: " + s.content() + "\n"));
      return cap(out.toString());
    } catch (BecaException e) {
      return "Error: " + e.getMessage();
    }
  }

  /** Searches the history. */
  @Tool("Searches earlier messages by keywords and meaning; returns the best matches with ids.")
  @Acts(ActionKind.READ)
  public String searchHistory(
      @P("what to look for") String query,
      @P(value = "only this thread id; leave out for all threads", required = false)
          Long threadId) {
    try {
      SearchFilter filter =
          threadId != null && threadId > 0
              ? SearchFilter.all().thread(threadId)
              : SearchFilter.all();
      List<SearchHit> hits = search.hybrid(query, filter, 10);
      if (hits.isEmpty()) {
        return "No messages match '" + query + "'.";
      }
      StringBuilder out = new StringBuilder();
      for (SearchHit hit : hits) {
        out.append(line(hit.message().id(), hit.message().role().name(), hit.snippet()));
      }
      return cap(out.toString());
    } catch (BecaException e) {
      return "Error: " + e.getMessage();
    }
  }

  private static String line(long id, String role, String text) {
    return "#"
        + id
        + " "
        + role.toLowerCase(Locale.ROOT)
        + ": "
        + text.replaceAll("\\s+", " ").strip()
        + "\n";
  }

  private static String cap(String text) {
    return text.length() <= MAX_ANSWER_CHARS
        ? text
        : text.substring(0, MAX_ANSWER_CHARS - 20) + "\n[... cut]";
  }
}
