package dev.beca.core.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of the part of TOML that BECA's default rule file uses, producing the same maps, lists,
 * strings, numbers and booleans as Jackson's {@code TomlMapper} (a test compares both on the file):
 * comments, {@code key = value} with bare keys, {@code [table]} and {@code [[array.of.tables]]}
 * headers (dotted, the last element of an array of tables being the parent), basic, literal and
 * multi-line strings, integers, floats, booleans and (multi-line) arrays.
 *
 * <p>Why: every BECA process that stores or logs text scans it with the default rules, and reading
 * them with Jackson's TOML module loaded about 480 classes and took most of the rules' set-up (a
 * probe timing parse and compilation apart; docs/performance.md, start-up). User rule files keep
 * going through Jackson, which reads all of TOML; this reader throws {@link
 * IllegalArgumentException} on anything outside its subset.
 */
final class SimpleToml {

  private final String text;
  private int pos;

  private SimpleToml(String text) {
    this.text = text;
  }

  /** Parses the text into nested maps and lists, as Jackson's TOML mapper does. */
  static Map<String, Object> parse(String text) {
    return new SimpleToml(text).document();
  }

  private Map<String, Object> document() {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> current = root;
    while (true) {
      skipBlankAndComments();
      if (pos >= text.length()) {
        return root;
      }
      char c = text.charAt(pos);
      if (c == '[') {
        boolean array = text.startsWith("[[", pos);
        pos += array ? 2 : 1;
        int end = text.indexOf(array ? "]]" : "]", pos);
        if (end < 0) {
          throw error("unclosed table header");
        }
        String[] path = text.substring(pos, end).strip().split("\\.");
        pos = end + (array ? 2 : 1);
        current = table(root, path, array);
        endOfLine();
      } else {
        String key = key();
        skipSpaces();
        expect('=');
        skipSpaces();
        Object value = value();
        if (current.put(key, value) != null) {
          throw error("duplicate key " + key);
        }
        endOfLine();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> table(Map<String, Object> root, String[] path, boolean array) {
    Map<String, Object> parent = root;
    for (int i = 0; i < path.length - 1; i++) {
      Object child = parent.computeIfAbsent(path[i].strip(), k -> new LinkedHashMap<>());
      if (child instanceof List<?> list && !list.isEmpty()) {
        child = list.get(list.size() - 1);
      }
      if (!(child instanceof Map<?, ?>)) {
        throw error("'" + path[i] + "' is not a table");
      }
      parent = (Map<String, Object>) child;
    }
    String last = path[path.length - 1].strip();
    Map<String, Object> table = new LinkedHashMap<>();
    if (array) {
      Object existing = parent.computeIfAbsent(last, k -> new ArrayList<>());
      if (!(existing instanceof List<?>)) {
        throw error("'" + last + "' is not an array of tables");
      }
      ((List<Object>) existing).add(table);
    } else if (parent.putIfAbsent(last, table) != null) {
      throw error("table '" + last + "' defined twice");
    }
    return table;
  }

  private String key() {
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos))
            || text.charAt(pos) == '_'
            || text.charAt(pos) == '-')) {
      pos++;
    }
    if (start == pos) {
      throw error("a bare key expected");
    }
    return text.substring(start, pos);
  }

  private Object value() {
    if (pos >= text.length()) {
      throw error("a value expected");
    }
    char c = text.charAt(pos);
    if (text.startsWith("'''", pos)) {
      return multiLine("'''", false);
    }
    if (text.startsWith("\"\"\"", pos)) {
      return multiLine("\"\"\"", true);
    }
    if (c == '\'') {
      int end = text.indexOf('\'', pos + 1);
      int newline = text.indexOf('\n', pos + 1);
      if (end < 0 || (newline >= 0 && newline < end)) {
        throw error("unclosed literal string");
      }
      String s = text.substring(pos + 1, end);
      pos = end + 1;
      return s;
    }
    if (c == '"') {
      pos++;
      return basic("\"");
    }
    if (c == '[') {
      pos++;
      List<Object> list = new ArrayList<>();
      while (true) {
        skipBlankAndComments();
        if (pos < text.length() && text.charAt(pos) == ']') {
          pos++;
          return list;
        }
        list.add(value());
        skipBlankAndComments();
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
        } else if (pos >= text.length() || text.charAt(pos) != ']') {
          throw error("',' or ']' expected in an array");
        }
      }
    }
    if (text.startsWith("true", pos)) {
      pos += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return Boolean.FALSE;
    }
    return number();
  }

  private String multiLine(String quote, boolean escapes) {
    pos += 3;
    // A newline right after the opening quotes is not part of the string.
    if (text.startsWith("\r\n", pos)) {
      pos += 2;
    } else if (pos < text.length() && text.charAt(pos) == '\n') {
      pos++;
    }
    if (escapes) {
      return basic(quote);
    }
    int end = text.indexOf(quote, pos);
    if (end < 0) {
      throw error("unclosed multi-line string");
    }
    String s = text.substring(pos, end);
    pos = end + 3;
    return s;
  }

  private String basic(String quote) {
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unclosed string");
      }
      if (text.startsWith(quote, pos)) {
        pos += quote.length();
        return out.toString();
      }
      char c = text.charAt(pos++);
      if (c == '\n' && quote.length() == 1) {
        throw error("newline in a basic string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'b' -> out.append('\b');
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'f' -> out.append('\f');
        case 'r' -> out.append('\r');
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case 'u', 'U' -> {
          int digits = e == 'u' ? 4 : 8;
          out.appendCodePoint(Integer.parseInt(text.substring(pos, pos + digits), 16));
          pos += digits;
        }
        default -> throw error("unsupported escape \\" + e);
      }
    }
  }

  private Object number() {
    int start = pos;
    while (pos < text.length() && "+-0123456789._eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    String s = text.substring(start, pos).replace("_", "");
    if (s.isEmpty()) {
      throw error("a value expected");
    }
    try {
      if (s.indexOf('.') >= 0 || s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
        return new java.math.BigDecimal(s); // as Jackson's TOML parser reads floats
      }
      long value = Long.parseLong(s);
      return value == (int) value ? (Object) (int) value : (Object) value;
    } catch (NumberFormatException e) {
      throw error("not a number: " + s);
    }
  }

  private void skipSpaces() {
    while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
      pos++;
    }
  }

  private void skipBlankAndComments() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else {
        return;
      }
    }
  }

  private void endOfLine() {
    skipSpaces();
    if (pos < text.length() && text.charAt(pos) == '#') {
      while (pos < text.length() && text.charAt(pos) != '\n') {
        pos++;
      }
    }
    if (pos < text.length() && text.charAt(pos) == '\r') {
      pos++;
    }
    if (pos < text.length() && text.charAt(pos) != '\n') {
      throw error("end of line expected");
    }
  }

  private void expect(char c) {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("'" + c + "' expected");
    }
    pos++;
  }

  private IllegalArgumentException error(String what) {
    int line = 1;
    for (int i = 0; i < Math.min(pos, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return new IllegalArgumentException(what + " at line " + line);
  }
}
