package dev.beca.core.secrets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An Aho-Corasick automaton over lower-case ASCII keywords: one pass over a text tells which groups
 * (rules) have a keyword on which line. Linear in the text, whatever the keywords.
 */
final class KeywordIndex {

  private static final int ALPHABET = 128;

  /** The base64 and url-safe base64 alphabet, of which secrets are mostly made. */
  private static final boolean[] TOKEN = new boolean[ALPHABET];

  /** ASCII lower-casing as a table. */
  private static final char[] FOLD = new char[ALPHABET];

  static {
    for (char c :
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-".toCharArray()) {
      TOKEN[c] = true;
    }
    for (char c = 0; c < ALPHABET; c++) {
      FOLD[c] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
  }

  /** Transition table: state * ALPHABET + char. */
  private final int[] next;

  /** For each state, the groups whose keyword ends there (including through failure links). */
  private final int[][] groupsAt;

  /** For each state, the lengths of those keywords, parallel to {@link #groupsAt}. */
  private final int[][] lengthsAt;

  /** For each state, whether a keyword ends there: most states have none. */
  private final boolean[] hasOutput;

  private final int groupCount;

  private KeywordIndex(int[] next, int[][] groupsAt, int[][] lengthsAt, int groupCount) {
    this.next = next;
    this.groupsAt = groupsAt;
    this.lengthsAt = lengthsAt;
    this.hasOutput = new boolean[groupsAt.length];
    for (int s = 0; s < groupsAt.length; s++) {
      hasOutput[s] = groupsAt[s].length > 0;
    }
    this.groupCount = groupCount;
  }

  /**
   * Builds the automaton.
   *
   * @param keywordsByGroup for each group, its ASCII lower-case keywords
   */
  static KeywordIndex build(List<List<String>> keywordsByGroup) {
    List<int[]> trie = new ArrayList<>();
    List<List<long[]>> out = new ArrayList<>();
    trie.add(newRow());
    out.add(new ArrayList<>());
    for (int group = 0; group < keywordsByGroup.size(); group++) {
      for (String keyword : keywordsByGroup.get(group)) {
        int state = 0;
        for (int i = 0; i < keyword.length(); i++) {
          char c = keyword.charAt(i);
          if (c >= ALPHABET) {
            throw new IllegalArgumentException("keyword is not ASCII: " + keyword);
          }
          if (trie.get(state)[c] < 0) {
            trie.get(state)[c] = trie.size();
            trie.add(newRow());
            out.add(new ArrayList<>());
          }
          state = trie.get(state)[c];
        }
        out.get(state).add(new long[] {group, keyword.length()});
      }
    }
    int states = trie.size();
    int[] fail = new int[states];
    int[] next = new int[states * ALPHABET];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < ALPHABET; c++) {
      int child = trie.get(0)[c];
      if (child < 0) {
        next[c] = 0;
      } else {
        next[c] = child;
        fail[child] = 0;
        queue.add(child);
      }
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      out.get(state).addAll(out.get(fail[state]));
      for (int c = 0; c < ALPHABET; c++) {
        int child = trie.get(state)[c];
        if (child < 0) {
          next[state * ALPHABET + c] = next[fail[state] * ALPHABET + c];
        } else {
          next[state * ALPHABET + c] = child;
          fail[child] = next[fail[state] * ALPHABET + c];
          queue.add(child);
        }
      }
    }
    int[][] groupsAt = new int[states][];
    int[][] lengthsAt = new int[states][];
    for (int s = 0; s < states; s++) {
      List<long[]> pairs = out.get(s);
      groupsAt[s] = pairs.stream().mapToInt(p -> (int) p[0]).toArray();
      lengthsAt[s] = pairs.stream().mapToInt(p -> (int) p[1]).toArray();
    }
    return new KeywordIndex(next, groupsAt, lengthsAt, keywordsByGroup.size());
  }

  private static int[] newRow() {
    int[] row = new int[ALPHABET];
    Arrays.fill(row, -1);
    return row;
  }

  /** How far after a keyword a token run must start for {@link #hasRunNear}. */
  static final int RUN_NEAR = 64;

  /**
   * Whether a run of at least {@code minRun} token characters starts within {@link #RUN_NEAR}
   * characters of {@code start} (and before {@code end}): a cheap test before an anchored regex.
   */
  static boolean hasRunNear(CharSequence text, int start, int end, int minRun) {
    int run = 0;
    int limit = Math.min(end, start + RUN_NEAR + minRun);
    for (int i = start; i < limit; i++) {
      char c = text.charAt(i);
      if (c < ALPHABET && TOKEN[c]) {
        if (++run >= minRun) {
          return true;
        }
      } else {
        run = 0;
      }
    }
    return false;
  }

  /**
   * Finds, for each group, the lines that contain one of its keywords (ASCII case ignored).
   *
   * @param text the text
   * @param lineCount how many lines the text has
   * @param anchored which groups need the start offsets of their keywords
   * @param starts filled, for each anchored group, with the increasing start offsets of its
   *     keywords
   * @param longestRun filled with, for each line, its longest run of {@code [A-Za-z0-9+/=_-]}
   * @return for each group, the increasing 0-based line numbers; empty arrays for groups with no
   *     hit
   */
  int[][] linesPerGroup(
      String text, int lineCount, int[] longestRun, boolean[] anchored, int[][] starts) {
    int[][] lines = new int[groupCount][];
    int[] sizes = new int[groupCount];
    int[] startSizes = new int[groupCount];
    int state = 0;
    int line = 0;
    int run = 0;
    int longest = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= ALPHABET) {
        if (run > longest) {
          longest = run;
        }
        run = 0;
        state = 0;
        continue;
      }
      if (TOKEN[c]) {
        run++;
      } else {
        if (run > longest) {
          longest = run;
        }
        run = 0;
        if (c == '\n') {
          longestRun[line] = longest;
          longest = 0;
          line++;
          state = 0;
          continue;
        }
      }
      state = next[state * ALPHABET + FOLD[c]];
      if (!hasOutput[state]) {
        continue;
      }
      int[] groups = groupsAt[state];
      for (int k = 0; k < groups.length; k++) {
        int g = groups[k];
        if (anchored[g]) {
          int n = startSizes[g];
          if (starts[g] == null) {
            starts[g] = new int[8];
          } else if (n == starts[g].length) {
            starts[g] = Arrays.copyOf(starts[g], n * 2);
          }
          starts[g][n] = i - lengthsAt[state][k] + 1;
          startSizes[g] = n + 1;
        }
        int size = sizes[g];
        if (size > 0 && lines[g][size - 1] == line) {
          continue;
        }
        if (lines[g] == null) {
          lines[g] = new int[4];
        } else if (size == lines[g].length) {
          lines[g] = Arrays.copyOf(lines[g], Math.min(lineCount, size * 2) + 1);
        }
        lines[g][size] = line;
        sizes[g] = size + 1;
      }
    }
    longestRun[line] = Math.max(longest, run);
    for (int g = 0; g < groupCount; g++) {
      lines[g] = lines[g] == null ? new int[0] : Arrays.copyOf(lines[g], sizes[g]);
      if (anchored[g]) {
        starts[g] = starts[g] == null ? new int[0] : Arrays.copyOf(starts[g], startSizes[g]);
      }
    }
    return lines;
  }
}
