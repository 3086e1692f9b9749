package dev.beca.core.assistant;

import dev.beca.core.secrets.SecretFinding;
import dev.beca.core.secrets.SecretScanner;

/**
 * Passes a reply's text on to a listener with secrets redacted, word by word as it streams: each
 * word is held until the white space after it arrives, then scanned with the end of the line before
 * it (for assignments such as {@code token = ...}) and shown as it is or as its redacted form. The
 * lines of a private key block (after its BEGIN line, up to its END line) are not shown at all.
 * Tool events pass straight through, after any held text.
 *
 * <p>Why words: a token the scanner recognises is one word, and a word is a small delay; the stored
 * reply is redacted whole by the store, this only guards the screen. Linear in the reply: only
 * {@link #CONTEXT_CHARS} of a line are kept, and words shorter than {@link #MIN_SCANNED_CHARS} (too
 * short to be a credential) are not scanned.
 */
final class RedactingListener implements TurnListener {

  /** How much of the line before a word is scanned with it. */
  private static final int CONTEXT_CHARS = 200;

  /** Words shorter than this are shown without a scan. */
  private static final int MIN_SCANNED_CHARS = 8;

  private static final String SOURCE = "reply";

  private final TurnListener target;
  private final SecretScanner scanner;
  private final StringBuilder context = new StringBuilder(); // the end of the line passed on
  private final StringBuilder line = new StringBuilder(); // the current line, up to a marker's use
  private final StringBuilder word = new StringBuilder(); // held
  private boolean inKey;

  RedactingListener(TurnListener target, SecretScanner scanner) {
    this.target = target;
    this.scanner = scanner;
  }

  @Override
  public synchronized void token(String piece) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < piece.length(); i++) {
      char c = piece.charAt(i);
      if (Character.isWhitespace(c)) {
        emit(c, out);
      } else {
        word.append(c);
      }
    }
    if (out.length() > 0) {
      target.token(out.toString());
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

  @Override
  public void outputTokens(int count) {
    target.outputTokens(count);
  }

  /** Passes on what is held (the reply, or a step of it, ended). */
  synchronized void flush() {
    StringBuilder out = new StringBuilder();
    if (word.length() > 0) {
      emit('\0', out);
    }
    if (out.length() > 0) {
      target.token(out.toString());
    }
    context.setLength(0);
    line.setLength(0);
  }

  /** Passes the held word and the white space after it ({@code '\0'} for none) into {@code out}. */
  private void emit(char space, StringBuilder out) {
    boolean lineEnds = space == '\n';
    if (line.length() < CONTEXT_CHARS) {
      line.append(word).append(space == '\0' ? "" : String.valueOf(space));
    }
    if (inKey) {
      if (lineEnds && line.indexOf("-----END") >= 0) {
        inKey = false;
        out.append("[private key redacted]\n");
      }
    } else {
      if (lineEnds && line.indexOf("-----BEGIN") >= 0 && line.indexOf("PRIVATE KEY") >= 0) {
        inKey = true;
      }
      out.append(shown()).append(space == '\0' ? "" : String.valueOf(space));
    }
    context.append(word);
    if (space != '\0') {
      context.append(space);
    }
    if (context.length() > CONTEXT_CHARS) {
      context.delete(0, context.length() - CONTEXT_CHARS);
    }
    word.setLength(0);
    if (lineEnds) {
      context.setLength(0);
      line.setLength(0);
    }
  }

  /** The held word as it may be shown. */
  private String shown() {
    String held = word.toString();
    if (held.length() < MIN_SCANNED_CHARS) {
      return held;
    }
    int from = context.length();
    String text = context + held;
    for (SecretFinding finding : scanner.scan(SOURCE, text)) {
      if (finding.end() > from && finding.start() < text.length()) {
        return finding.redacted();
      }
    }
    return held;
  }
}
