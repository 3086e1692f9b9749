package dev.beca.core.agent;

/**
 * A command's output as it arrives, capped: the first {@code head} characters and the last {@code
 * tail} characters are kept, the count of those dropped in between is remembered. Thread-safe.
 */
final class OutputCapture {

  private final int head;
  private final int tail;
  private final StringBuilder first = new StringBuilder();
  private final char[] ring;
  private int ringStart;
  private int ringLength;
  private long total;

  OutputCapture(int maxChars) {
    this.head = maxChars / 3;
    this.tail = maxChars - head;
    this.ring = new char[tail];
  }

  synchronized void append(char[] chars, int offset, int length) {
    total += length;
    int i = offset;
    int end = offset + length;
    while (i < end && first.length() < head) {
      first.append(chars[i++]);
    }
    for (; i < end; i++) {
      if (ringLength < tail) {
        ring[(ringStart + ringLength) % tail] = chars[i];
        ringLength++;
      } else {
        ring[ringStart] = chars[i];
        ringStart = (ringStart + 1) % tail;
      }
    }
  }

  /** All characters seen. */
  synchronized long total() {
    return total;
  }

  /** The kept text, with a note where characters were dropped. */
  synchronized String text() {
    StringBuilder text = new StringBuilder(first);
    long dropped = total - first.length() - ringLength;
    if (dropped > 0) {
      text.append(
          String.format(
              java.util.Locale.ROOT,
              "\n[... %,d characters of output dropped here ...]\n",
              dropped));
    }
    for (int k = 0; k < ringLength; k++) {
      text.append(ring[(ringStart + k) % tail]);
    }
    return text.toString();
  }

  /** How many characters were dropped. */
  synchronized long dropped() {
    return total - first.length() - ringLength;
  }
}
