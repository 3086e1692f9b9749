package dev.beca.core.assistant;

import java.util.Objects;

/**
 * One tool call made during a turn, as it is shown and stored with the turn's answer.
 *
 * @param tool the tool's name as the model wrote it
 * @param arguments its arguments, secrets redacted and shortened
 * @param success whether the tool did what was asked
 * @param display a short, one-line form for the terminal
 * @param result what the model read back (redacted; shortened to {@link #MAX_STORED_RESULT_CHARS}
 *     when stored)
 */
public record ToolCallRecord(
    String tool, String arguments, boolean success, String display, String result) {

  /** The longest result kept with a stored turn, in characters; the model saw it whole. */
  public static final int MAX_STORED_RESULT_CHARS = 4_000;

  /** Checks that no component is missing. */
  public ToolCallRecord {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(display, "display");
    Objects.requireNonNull(result, "result");
  }
}
