package dev.beca.app.internal;

import dev.beca.core.assistant.ToolCallRecord;
import dev.beca.core.assistant.TurnListener;
import java.io.PrintWriter;

/**
 * Shows a turn as it happens: the reply's text as it streams in, and each tool call on lines of its
 * own ({@code > read_file {"path": "pom.xml"}}, then {@code read 120 lines of pom.xml} or {@code
 * failed: ...}), control characters escaped.
 */
final class ToolCallPrinter implements TurnListener {

  /** The longest arguments shown for a call; the audit keeps more. */
  private static final int MAX_SHOWN_ARGUMENTS = 160;

  private final PrintWriter out;
  private volatile boolean started;
  private volatile long length; // of the reply's text
  private volatile boolean atLineStart;

  /**
   * @param out where to print
   * @param afterPrompt whether a prompt ({@code beca> }) was just printed on the current line
   */
  ToolCallPrinter(PrintWriter out, boolean afterPrompt) {
    this.out = out;
    this.atLineStart = !afterPrompt;
  }

  @Override
  public void token(String piece) {
    started = true;
    length += piece.length();
    out.print(Terminal.printable(piece));
    out.flush();
    atLineStart = piece.endsWith("\n");
  }

  @Override
  public void toolCalling(String tool, String arguments) {
    started = true;
    if (!atLineStart) {
      out.println();
    }
    String shown =
        arguments.length() <= MAX_SHOWN_ARGUMENTS
            ? arguments
            : arguments.substring(0, MAX_SHOWN_ARGUMENTS) + "...";
    out.println(Terminal.printableLine("  > " + tool + " " + shown));
    out.flush();
    atLineStart = true;
  }

  @Override
  public void toolCalled(ToolCallRecord call) {
    out.println(
        Terminal.printableLine("    " + (call.success() ? "" : "failed: ") + call.display()));
    out.flush();
    atLineStart = true;
  }

  /** Whether anything was shown. */
  boolean started() {
    return started;
  }

  /** How many characters of reply text were shown. */
  long length() {
    return length;
  }
}
