package dev.beca.core.assistant;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Follows a turn as it happens: the reply's text as it streams in and, when the assistant has
 * tools, each tool call before it runs and after it ran. Called on the model client's thread (text)
 * and on the turn's thread (tool calls), never concurrently.
 */
@FunctionalInterface
public interface TurnListener {

  /**
   * A piece of the reply's text.
   *
   * @param piece the text, as the model wrote it
   */
  void token(String piece);

  /**
   * A tool call is about to run (or be refused by the policy).
   *
   * @param tool the tool's name as the model wrote it
   * @param arguments its arguments, secrets redacted and shortened
   */
  default void toolCalling(String tool, String arguments) {}

  /**
   * A tool call has ended.
   *
   * @param call what it did, as stored with the turn
   */
  default void toolCalled(ToolCallRecord call) {}

  /**
   * The model's own count of the tokens it generated in one call of the turn (Ollama's {@code
   * eval_count}, an OpenAI-compatible server's {@code usage.completion_tokens}); called once per
   * model call whose response carries a count, after that call's last piece and before the turn
   * ends. Not called for a response without one: count the pieces then.
   *
   * @param count the generated tokens of that call
   */
  default void outputTokens(int count) {}

  /**
   * A listener that only follows the text.
   *
   * @param tokens receives each piece of the reply
   * @return the listener
   */
  static TurnListener of(Consumer<String> tokens) {
    Objects.requireNonNull(tokens, "tokens");
    return tokens::accept;
  }
}
