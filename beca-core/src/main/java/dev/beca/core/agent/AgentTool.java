package dev.beca.core.agent;

import dev.langchain4j.agent.tool.ToolSpecification;

/**
 * A tool the assistant can call. Its {@link #specification() specification} (LangChain4j's, with a
 * JSON schema of the arguments) is what the model sees; its name is stable, since users' policy
 * rules and other programs refer to it.
 *
 * <p>The {@link ToolRunner} validates the arguments against the schema before the tool sees them,
 * asks the tool what it {@link #describe would do}, classifies and permits that, and only then
 * {@link #execute executes} it. File tools, commands and git tools all plug in here: a tool says
 * what {@link ActionKind kind} of action a call is and which paths or command line it touches.
 */
public interface AgentTool {

  /** The name, description and JSON argument schema offered to the model. */
  ToolSpecification specification();

  /** The stable name, the specification's. */
  default String name() {
    return specification().name();
  }

  /**
   * What a call with these arguments would do; must not touch anything.
   *
   * @param arguments the validated arguments
   * @return the action, for classification and the secret filter
   */
  ToolAction describe(ToolArguments arguments);

  /**
   * Runs the call. Expected failures (a missing file, a text not found) come back as {@link
   * ToolResult#error error results}; an exception is turned into one by the runner.
   *
   * @param arguments the validated arguments
   * @return the result before redaction and capping
   */
  ToolResult execute(ToolArguments arguments);

  /**
   * Runs the call with a way to stop it: a tool that runs long stops what it started when {@code
   * cancellation} is cancelled and returns what it has so far. The {@link ToolRunner} calls this
   * one; by default it ignores the cancellation and calls {@link #execute(ToolArguments)}.
   *
   * @param arguments the validated arguments
   * @param cancellation cancelled when a front end stops the session's running calls
   * @return the result before redaction and capping
   */
  default ToolResult execute(ToolArguments arguments, ToolCancellation cancellation) {
    return execute(arguments);
  }
}
