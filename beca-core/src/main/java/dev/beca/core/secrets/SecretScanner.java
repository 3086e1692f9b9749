package dev.beca.core.secrets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds secrets in text. Implementations are thread-safe, never return or log the secrets they
 * find, and take time linear in the input: hostile text (long lines, binary data, crafted patterns)
 * must neither hang nor crash them.
 */
public interface SecretScanner {

  /**
   * Scans a text.
   *
   * @param source what the text is (a file path, or a field such as {@code message:USER}); used in
   *     locations and for path-restricted rules and allowlists
   * @param text the text
   * @return the findings in order of position; overlapping findings are reported once
   */
  List<SecretFinding> scan(String source, String text);

  /**
   * Replaces every secret in a text by its redacted form.
   *
   * @param source what the text is, as for {@link #scan}
   * @param text the text
   * @return the redacted text and what was replaced
   */
  default Redaction redact(String source, String text) {
    List<SecretFinding> findings = new ArrayList<>(scan(source, text));
    if (findings.isEmpty()) {
      return new Redaction(text, List.of());
    }
    findings.sort(Comparator.comparingInt(SecretFinding::start));
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    List<SecretFinding> replaced = new ArrayList<>();
    for (SecretFinding finding : findings) {
      if (finding.start() < at) {
        continue; // overlaps a secret already replaced
      }
      out.append(text, at, finding.start()).append(finding.redacted());
      at = finding.end();
      replaced.add(finding);
    }
    out.append(text, at, text.length());
    return new Redaction(out.toString(), replaced);
  }

  /**
   * The stock scanner with BECA's default rules; shared, thread-safe. The first call starts
   * compiling the rules on a background thread and returns at once; the first scan waits for it.
   */
  static SecretScanner standard() {
    return BackgroundStandardScanner.INSTANCE;
  }
}
