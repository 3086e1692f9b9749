package dev.beca.core.secrets;

import java.util.HashMap;
import java.util.Map;

/** Shannon entropy of strings, in bits per character. */
final class Entropy {

  private Entropy() {}

  static double shannon(CharSequence s) {
    int n = s.length();
    if (n == 0) {
      return 0;
    }
    int[] ascii = new int[128];
    Map<Character, Integer> other = null;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 128) {
        ascii[c]++;
      } else {
        if (other == null) {
          other = new HashMap<>();
        }
        other.merge(c, 1, Integer::sum);
      }
    }
    double entropy = 0;
    for (int count : ascii) {
      entropy += term(count, n);
    }
    if (other != null) {
      for (int count : other.values()) {
        entropy += term(count, n);
      }
    }
    return entropy;
  }

  /**
   * The entropy of a provider token judged on its random part too: the higher of the whole value's
   * and that of its body after the last {@code -} or {@code _}, when that body has 16 or more
   * characters. Prefixes and numeric ids (Slack's {@code xoxa-2-511111111-...} team and user ids)
   * lower the whole value's entropy without making its random part any less random.
   */
  static double ofRandomPart(String s) {
    double whole = shannon(s);
    int cut = Math.max(s.lastIndexOf('-'), s.lastIndexOf('_'));
    if (cut < 0 || s.length() - cut - 1 < 16) {
      return whole;
    }
    return Math.max(whole, shannon(s.substring(cut + 1)));
  }

  private static double term(int count, int n) {
    if (count == 0) {
      return 0;
    }
    double p = (double) count / n;
    return -p * (Math.log(p) / Math.log(2));
  }
}
