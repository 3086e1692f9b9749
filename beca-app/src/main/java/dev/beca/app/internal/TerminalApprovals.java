package dev.beca.app.internal;

import dev.beca.core.agent.ApprovalAnswer;
import dev.beca.core.agent.ApprovalChannel;
import dev.beca.core.agent.ApprovalRequest;
import dev.beca.core.agent.PendingApproval;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Asks the person at the terminal whether a tool call may run: yes, no, or always (for this tool,
 * for the rest of the session). The question waits for the person, as a terminal prompt does; the
 * answer is read from the chat's own input, so a reply typed later is never taken for an answer.
 * End of input, or three answers that are none of these, is a no.
 */
final class TerminalApprovals implements ApprovalChannel {

  /** Reads one line of the chat's input; {@code null} at its end. */
  @FunctionalInterface
  interface LineSource {
    String readLine() throws IOException;
  }

  private static final int MAX_TRIES = 3;

  private final PrintWriter out;
  private final LineSource input;

  TerminalApprovals(PrintWriter out, LineSource input) {
    this.out = out;
    this.input = input;
  }

  @Override
  public void requested(PendingApproval pending) {
    ApprovalRequest request = pending.request();
    out.println();
    out.println(
        Terminal.printableLine(
            "  ? "
                + request.tool()
                + " "
                + request.arguments()
                + " ("
                + request.risk().level().name().toLowerCase(Locale.ROOT)
                + " risk: "
                + request.risk().reason()
                + ")"));
    for (int tries = 0; tries < MAX_TRIES; tries++) {
      out.print("  Allow? [y]es / [n]o / [a]lways for this session: ");
      out.flush();
      String line;
      try {
        line = input.readLine();
      } catch (IOException e) {
        line = null;
      }
      if (line == null) {
        out.println();
        pending.answer(ApprovalAnswer.NO);
        return;
      }
      switch (line.strip().toLowerCase(Locale.ROOT)) {
        case "y", "yes" -> {
          pending.answer(ApprovalAnswer.YES);
          return;
        }
        case "n", "no", "" -> {
          pending.answer(ApprovalAnswer.NO);
          return;
        }
        case "a", "always" -> {
          pending.answer(ApprovalAnswer.ALWAYS_FOR_SESSION);
          return;
        }
        default -> out.println("  Please answer y, n or a.");
      }
    }
    pending.answer(ApprovalAnswer.NO);
  }
}
