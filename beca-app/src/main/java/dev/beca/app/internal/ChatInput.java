package dev.beca.app.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits what the user types or pipes into {@code beca chat} into entries: one typed line (a
 * message or a slash command), one multi-line message, or a refusal.
 *
 * <ul>
 *   <li>Each line is one entry, except:
 *   <li><b>Bracketed paste</b>: text between the terminal's paste markers {@code ESC[200~} and
 *       {@code ESC[201~} (sent by terminals once the chat turns the mode on) is part of one message
 *       with the rest of the line it was pasted into, however many lines it has; it is never a
 *       command.
 *   <li><b>A block</b>: a line {@code /paste} opens one message, a line {@code /end} closes it; the
 *       lines between are kept as they are, slash commands included. {@code /paste WORD} closes at
 *       a line {@code WORD} instead, for text that holds a line {@code /end}.
 *   <li><b>A PEM block</b>: a line (or a pasted text or block) that ends with a header such as
 *       {@code -----BEGIN RSA PRIVATE KEY-----} is joined with the lines after it up to the line
 *       holding {@code -----END } (or a line {@code /end}), so that key material typed or piped
 *       line by line is one message, which the secret scanner redacts, rather than body lines sent
 *       in clear.
 * </ul>
 *
 * <p>Refused, never sent: an entry longer than the message limit (its text is not kept in memory
 * beyond the limit), and one holding the start of a private key without its end (the scanner could
 * not recognise the key, so its body would be stored in clear). Lines may end with LF, CR LF or CR.
 * Not thread-safe.
 */
final class ChatInput {

  /** What {@link #next} read. */
  sealed interface Entry permits Line, Block, Refused {
    /** The number of the entry's first line of input, from 1. */
    int firstLine();
  }

  /**
   * One typed line, stripped: a message, or a slash command when it starts with {@code /}.
   *
   * @param text the line without surrounding white space; may be empty
   * @param firstLine its line number
   */
  record Line(String text, int firstLine) implements Entry {}

  /**
   * A multi-line message, always sent as text.
   *
   * @param text the message, without leading and trailing blank lines or trailing white space
   * @param firstLine the number of its first line of input
   * @param lines how many lines of input it took
   * @param unclosed why it ended at the end of the input rather than at its closing line, or {@code
   *     null} when it was closed
   */
  record Block(String text, int firstLine, int lines, String unclosed) implements Entry {}

  /**
   * Input that is not sent or stored.
   *
   * @param problem why, as one sentence
   * @param remedy what to do instead
   * @param firstLine the number of its first line of input
   * @param lines how many lines of input it took
   */
  record Refused(String problem, String remedy, int firstLine, int lines) implements Entry {}

  static final String PASTE_START = "\u001b[200~";
  static final String PASTE_END = "\u001b[201~";
  private static final String PASTE_COMMAND = "/paste";
  private static final String DEFAULT_END = "/end";
  private static final Pattern PEM_HEADER =
      Pattern.compile("-----BEGIN ([A-Z0-9 _-]{1,100})-----$");
  private static final Pattern PRIVATE_KEY_BEGIN =
      Pattern.compile("-----BEGIN [A-Z0-9 _-]{0,100}PRIVATE KEY(?: BLOCK)?-----");
  private static final Pattern PRIVATE_KEY_END =
      Pattern.compile("-----END [A-Z0-9 _-]{0,100}PRIVATE KEY(?: BLOCK)?-----");

  /**
   * A run of base64 as long as this after a private key header is key material (no word is as
   * long).
   */
  private static final Pattern KEY_MATERIAL = Pattern.compile("[A-Za-z0-9+/=]{40,}");

  private final Reader in;
  private final int maxChars;
  private final Runnable continuation;
  private int lineNumber;
  private boolean ended;
  private int pushedBack = -1;

  /**
   * Reads from {@code in}.
   *
   * @param in the input; read character by character, so pass a buffered reader
   * @param maxChars the longest message; longer entries are refused
   * @param continuation called before each further line of a block or PEM block is read (shows a
   *     continuation prompt at a terminal)
   */
  ChatInput(Reader in, int maxChars, Runnable continuation) {
    this.in = Objects.requireNonNull(in, "in");
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be positive, was " + maxChars);
    }
    this.maxChars = maxChars;
    this.continuation = Objects.requireNonNull(continuation, "continuation");
  }

  /**
   * Reads one line as typed, for a question asked during a turn (such as an approval), with paste
   * markers taken out.
   *
   * @return the line, or {@code null} at the end of the input
   * @throws IOException when the input cannot be read
   */
  String answerLine() throws IOException {
    RawLine line = readLine();
    return line == null ? null : withoutMarkers(line.text());
  }

  /**
   * Reads the next entry.
   *
   * @return the entry, or {@code null} at the end of the input
   * @throws IOException when the input cannot be read
   */
  Entry next() throws IOException {
    RawLine first = readLine();
    if (first == null) {
      return null;
    }
    int start = lineNumber;
    if (first.text().contains(PASTE_START) || first.text().contains(PASTE_END)) {
      return pasted(first, start);
    }
    String stripped = first.text().strip();
    if (stripped.equals(PASTE_COMMAND) || stripped.startsWith(PASTE_COMMAND + " ")) {
      String end = stripped.substring(PASTE_COMMAND.length()).strip();
      return block(end.isEmpty() ? DEFAULT_END : end, start);
    }
    if (first.overflow() || stripped.length() > maxChars) {
      return tooLong(first.length(), start, 1);
    }
    if (PEM_HEADER.matcher(stripped).find()) {
      Text text = new Text();
      text.append(first.text());
      return pem(text, start, 1);
    }
    return guarded(new Line(stripped, start));
  }

  /** Lines between paste markers, with what was typed around them, as one message. */
  private Entry pasted(RawLine first, int start) throws IOException {
    Text text = new Text();
    boolean inPaste = false;
    RawLine line = first;
    int lines = 0;
    while (true) {
      lines++;
      String rest = line.text();
      while (true) {
        int marker = rest.indexOf(inPaste ? PASTE_END : PASTE_START);
        int stray = rest.indexOf(inPaste ? PASTE_START : PASTE_END);
        if (marker < 0 && stray < 0) {
          break;
        }
        if (marker < 0 || stray >= 0 && stray < marker) {
          // A marker out of order (a second start, a lone end): dropped, it holds no text.
          text.append(rest.substring(0, stray));
          rest = rest.substring(stray + PASTE_START.length());
          continue;
        }
        text.append(rest.substring(0, marker));
        rest = rest.substring(marker + PASTE_START.length());
        inPaste = !inPaste;
      }
      text.append(rest);
      text.overflow(line);
      if (!inPaste) {
        return message(text, start, lines, null);
      }
      text.append("\n");
      line = readLine();
      if (line == null) {
        return message(
            text,
            start,
            lines,
            "the pasted text did not end with the terminal's end-of-paste marker");
      }
    }
  }

  /** Lines up to a line {@code end}, as one message. */
  private Entry block(String end, int start) throws IOException {
    Text text = new Text();
    int lines = 1;
    while (true) {
      continuation.run();
      RawLine line = readLine();
      if (line == null) {
        return message(text, start, lines, "the /paste block was not closed with a line " + end);
      }
      lines++;
      String content = withoutMarkers(line.text());
      if (content.strip().equals(end)) {
        return message(text, start, lines, null);
      }
      if (lines > 2) {
        text.append("\n");
      }
      text.append(content);
      text.overflow(line);
    }
  }

  /**
   * A message whose last line is a PEM header, joined with the lines after it up to a line holding
   * {@code -----END }, so that key material never arrives as lines of its own.
   */
  private Entry pem(Text text, int start, int lines) throws IOException {
    while (true) {
      continuation.run();
      RawLine line = readLine();
      if (line == null) {
        return finished(text, start, lines, "the input ended before the PEM block's -----END line");
      }
      lines++;
      String content = withoutMarkers(line.text());
      if (content.strip().equals(DEFAULT_END)) {
        return finished(text, start, lines, null);
      }
      text.append("\n");
      text.append(content);
      text.overflow(line);
      if (content.contains("-----END ")) {
        return message(
            text, start, lines, null); // which goes on if the line also opens another block
      }
    }
  }

  /** A message read whole; continued as a PEM block when it ends with a PEM header. */
  private Entry message(Text text, int start, int lines, String unclosed) throws IOException {
    if (PEM_HEADER.matcher(text.lastNonBlankLine().strip()).find()) {
      if (text.length <= maxChars) {
        text.keep(text.builder.toString().stripTrailing().length());
      }
      return pem(text, start, lines);
    }
    return finished(text, start, lines, unclosed);
  }

  private Entry finished(Text text, int start, int lines, String unclosed) {
    if (text.length > maxChars) {
      return tooLong(text.length, start, lines);
    }
    return guarded(new Block(trimBlankLines(text.builder.toString()), start, lines, unclosed));
  }

  /**
   * Refuses an entry in which a private key header is followed by key material without the key's
   * end line before the next header: the scanner recognises a key by both ends, so such a body
   * would be stored in clear.
   */
  private static Entry guarded(Entry entry) {
    String text = entry instanceof Line line ? line.text() : ((Block) entry).text();
    Matcher begin = PRIVATE_KEY_BEGIN.matcher(text);
    while (begin.find()) {
      int next = text.indexOf("-----BEGIN", begin.end());
      int until = next < 0 ? text.length() : next;
      if (!PRIVATE_KEY_END.matcher(text).region(begin.end(), until).find()
          && KEY_MATERIAL.matcher(text).region(begin.end(), until).find()) {
        return new Refused(
            "The input holds the start of a private key (-----BEGIN ... PRIVATE KEY-----) without its end line; "
                + "it was not sent or stored, because only a whole key can be recognised and redacted.",
            "Paste the whole key including its -----END line (it is stored redacted), or better, leave it out.",
            entry.firstLine(),
            entry instanceof Block block ? block.lines() : 1);
      }
    }
    return entry;
  }

  private Refused tooLong(long length, int start, int lines) {
    return new Refused(
        "Your message has "
            + length
            + " characters, more than the limit of "
            + maxChars
            + " for one message; it was not sent or stored.",
        "Split it into smaller messages.",
        start,
        lines);
  }

  /**
   * A line of a block with the terminal's paste markers taken out (a paste into a block is text).
   */
  private static String withoutMarkers(String line) {
    return line.replace(PASTE_START, "").replace(PASTE_END, "");
  }

  private static String trimBlankLines(String text) {
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        start = i + 1;
      } else if (!Character.isWhitespace(c)) {
        break;
      }
    }
    return text.substring(Math.min(start, text.length())).stripTrailing();
  }

  /**
   * One line of input, without its line end.
   *
   * @param text its characters: at most {@code maxChars + 1} of its content, with every paste
   *     marker in it (markers past the kept content are kept too, for the paste to end where it
   *     does)
   * @param length how many characters of content (markers aside) it had in all
   * @param kept how many of them {@code text} holds
   */
  private record RawLine(String text, long length, int kept) {
    boolean overflow() {
      return length > kept;
    }
  }

  /** A message being assembled; keeps at most one character more than the limit. */
  private final class Text {
    private final StringBuilder builder = new StringBuilder();
    private long length;
    private final StringBuilder line = new StringBuilder(); // the last line, up to the limit
    private String lastNonBlank = "";

    /** Appends a line break or a piece of a line. */
    void append(String part) {
      if (part.equals("\n")) {
        if (!line.toString().isBlank()) {
          lastNonBlank = line.toString();
        }
        line.setLength(0);
      } else if (line.length() <= maxChars) {
        line.append(part, 0, Math.min(part.length(), maxChars + 1 - line.length()));
      }
      length += part.length();
      int room = maxChars + 1 - builder.length();
      if (room > 0) {
        builder.append(part, 0, Math.min(room, part.length()));
      }
    }

    /** The last line that is not blank, as far as it was kept. */
    String lastNonBlankLine() {
      return line.toString().isBlank() ? lastNonBlank : line.toString();
    }

    /**
     * Keeps only the first {@code chars} characters (all of them held, as the text is within the
     * limit).
     */
    void keep(int chars) {
      builder.setLength(chars);
      length = chars;
    }

    /** Counts the characters of {@code line} that were not kept. */
    void overflow(RawLine line) {
      length += line.length() - line.kept();
    }
  }

  private RawLine readLine() throws IOException {
    if (ended) {
      return null;
    }
    StringBuilder line = new StringBuilder();
    int marker = 0; // how many characters of a paste marker were just read
    long length = 0;
    int kept = 0;
    boolean any = false;
    while (true) {
      int c = pushedBack >= 0 ? pushedBack : in.read();
      pushedBack = -1;
      if (c < 0) {
        ended = true;
        if (!any) {
          return null;
        }
        break;
      }
      any = true;
      if (c == '\n') {
        break;
      }
      if (c == '\r') {
        int after = in.read();
        if (after != '\n' && after >= 0) {
          pushedBack = after;
        }
        if (after < 0) {
          ended = true;
        }
        break;
      }
      length++;
      marker = markerProgress(marker, (char) c);
      if (kept <= maxChars || marker > 0) {
        // Past the limit only a marker's characters are kept, so that a paste ends where it does.
        line.append((char) c);
        kept++;
      }
      if (marker == PASTE_START.length()) {
        kept -= PASTE_START.length();
        length -= PASTE_START.length();
        marker = 0;
      }
    }
    lineNumber++;
    return new RawLine(line.toString(), length, kept);
  }

  /**
   * How much of a paste marker ({@code ESC [ 2 0 0 ~} or {@code ESC [ 2 0 1 ~}) ends with {@code
   * c}.
   */
  private static int markerProgress(int progress, char c) {
    if (c == '\u001b') {
      return 1;
    }
    boolean next =
        switch (progress) {
          case 1 -> c == '[';
          case 2 -> c == '2';
          case 3 -> c == '0';
          case 4 -> c == '0' || c == '1';
          case 5 -> c == '~';
          default -> false;
        };
    return next ? progress + 1 : 0;
  }
}
