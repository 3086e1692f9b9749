package dev.beca.core.assistant;

import dev.beca.core.secrets.SecretFinding;
import dev.beca.core.secrets.SecretScanner;
import java.util.List;

/**
 * Passes a reply's text on to a listener with secrets redacted, word by word as it streams: each
 * word is held until the white space after it arrives, then the line so far is scanned and the word
 * shown as it is or as its redacted form. The lines of a private key block (from its BEGIN line to
 * its END line) are not shown at all. Tool events pass straight through, after any held text.
 *
 * <p>Why words: a token the scanner recognises is one word, and a word is a small delay; the stored
 * reply is redacted whole by the store, this only guards the screen.
 */
final class RedactingListener implements TurnListener {

  /** How much of the current line is scanned with each word (a long line is scanned in part). */
  private static final int CONTEXT_CHARS = 2_000;

  private static final String SOURCE = "reply";

  private final TurnListener target;
  private final SecretScanner scanner;
  private final StringBuilder line = new StringBuilder();
  private int done; // characters of line already passed on (or dropped)
  private boolean inKey;

  RedactingListener(TurnListener target, SecretScanner scanner) {
    this.target = target;
    this.scanner = scanner;
  }

  @Override
  public synchronized void token(String piece) {
    line.append(piece);
    int i;
    while ((i = nextSpace()) >= 0) {
      emit(i, line.charAt(i));
      if (line.charAt(i) == '\n') {
        line.delete(0, i + 1);
        done = 0;
      } else {
        done = i + 1;
      }
    }
  }

  @Override
  public synchronized void toolCalling(String tool, String arguments) {
    flush();
    target.toolCalling(tool, arguments);
  }

  @Override
  public synchronized void toolCalled(ToolCallRecord call) {
    target.toolCalled(call);
  }

  /** Passes on what is held (the reply, or a step of it, ended). */
  synchronized void flush() {
    if (done < line.length()) {
      emit(line.length(), '\0');
    }
    line.setLength(0);
    done = 0;
  }

  private int nextSpace() {
    for (int i = done; i < line.length(); i++) {
      if (Character.isWhitespace(line.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Passes on line[done, end) and the white space after it ({@code '\0'} for none). */
  private void emit(int end, char space) {
    String text = line.substring(0, end);
    boolean lineEnds = space == '\n';
    if (inKey) {
      if (lineEnds && text.contains("-----END")) {
        inKey = false;
        target.token("[private key redacted]\n");
      }
      return;
    }
    if (lineEnds && text.contains("-----BEGIN") && text.contains("PRIVATE KEY")) {
      inKey = true;
    }
    String word = text.substring(done);
    if (!word.isEmpty()) {
      int from = Math.max(0, end - CONTEXT_CHARS);
      List<SecretFinding> findings = scanner.scan(SOURCE, text.substring(from));
      for (SecretFinding finding : findings) {
        if (finding.end() + from > done && finding.start() + from < end) {
          word = finding.redacted();
          break;
        }
      }
    }
    target.token(space == '\0' ? word : word + space);
  }
}
