package dev.beca.core.agent;

import java.util.Objects;

/**
 * The outcome of one tool call.
 *
 * @param text what the model reads (already redacted and capped by the {@link ToolRunner})
 * @param success whether the tool did what was asked; a failed call's text says why and what to do
 *     instead
 * @param display a short, one-line form for the terminal (for example {@code read 120 lines of
 *     src/Main.java})
 */
public record ToolResult(String text, boolean success, String display) {

  /** Checks the components. */
  public ToolResult {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(display, "display");
  }

  /** A successful result. */
  public static ToolResult ok(String text, String display) {
    return new ToolResult(text, true, display);
  }

  /**
   * A failed result; the model reads {@code "Error: "} and the message, the terminal the message.
   */
  public static ToolResult error(String message) {
    return new ToolResult(
        "Error: " + message,
        false,
        message.length() <= 120 ? message : message.substring(0, 117) + "...");
  }

  /** This result with another text (for example redacted or capped), the rest unchanged. */
  public ToolResult withText(String newText) {
    return new ToolResult(newText, success, display);
  }
}
