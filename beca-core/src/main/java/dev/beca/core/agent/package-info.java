/**
 * The assistant's actions on a project: tools with stable names and JSON arguments, confined to the
 * project's folder, each call classified by risk with fixed rules (never by the model), let
 * through, asked about or denied by a {@link dev.beca.core.agent.PermissionPolicy}, filtered for
 * secrets on the way in and out, and recorded in a {@link dev.beca.core.agent.DecisionAuditLog}.
 *
 * <p>{@link dev.beca.core.agent.ToolRunner} is the one path a tool call takes: a front end or a
 * tool loop hands it the name and JSON arguments the model wrote and gets back a {@link
 * dev.beca.core.agent.ToolResult} whose text the model can read. Nothing a model writes ends a turn
 * with an exception: unknown tools, malformed arguments, refused paths, denials and failing tools
 * all come back as error results.
 *
 * <p>The tools: {@link dev.beca.core.agent.ProjectFileTools} (read, list, search, write, edit) and
 * {@link dev.beca.core.agent.ProjectCommandTools} ({@code run_command}: a time limit, the process
 * tree killed on timeout or {@link dev.beca.core.agent.ToolRunner#cancelRunning cancellation}, a
 * {@linkplain dev.beca.core.agent.CommandEnvironment scrubbed environment}, and the bubblewrap
 * {@link dev.beca.core.agent.CommandSandbox} where it is installed).
 */
package dev.beca.core.agent;
