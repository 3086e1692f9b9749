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

  private static double term(int count, int n) {
    if (count == 0) {
      return 0;
    }
    double p = (double) count / n;
    return -p * (Math.log(p) / Math.log(2));
  }
}
