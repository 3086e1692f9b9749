package dev.beca.selfimprove.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The lines a diff adds or changes, by file, on the new side ({@code git diff -U0}). */
public final class ChangedLines {

  private static final Pattern HUNK = Pattern.compile("^@@ -\\S+ \\+(\\d+)(?:,(\\d+))? @@");

  private ChangedLines() {}

  /**
   * Parses a diff made with {@code -U0}.
   *
   * @param diff the diff
   * @return each file (relative, {@code /} separators) with its added or changed line numbers;
   *     files only deleted from are left out
   */
  public static Map<String, Set<Integer>> of(String diff) {
    Map<String, Set<Integer>> files = new LinkedHashMap<>();
    String file = null;
    for (String line : diff.replace("\r\n", "\n").split("\n")) {
      if (line.startsWith("+++ ")) {
        String path = line.substring(4).strip();
        file = path.equals("/dev/null") ? null : path.startsWith("b/") ? path.substring(2) : path;
        continue;
      }
      Matcher m = HUNK.matcher(line);
      if (file != null && m.find()) {
        int start = Integer.parseInt(m.group(1));
        int count = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        for (int i = 0; i < count; i++) {
          files.computeIfAbsent(file, f -> new TreeSet<>()).add(start + i);
        }
      }
    }
    return files;
  }
}
