package fixture;

import java.util.List;

public class StringBuilderFixture {

  static String joined(List<String> parts) {
    String result = "";
    for (String part : parts) {
      result += part;
    }
    return result;
  }

  static String numbered(int n) {
    String out = "start:";
    for (int i = 0; i < n; i++) {
      out = out + i + ",";
    }
    String copy = out;
    return copy + out.length();
  }

  static String readInLoop(List<String> parts) {
    String result = "";
    for (String part : parts) {
      if (result.length() < 3) {
        result += part;
      }
    }
    return result;
  }

  static String fromParameter(String start, List<String> parts) {
    String result = start;
    for (String part : parts) {
      result += part;
    }
    return result;
  }

  static String chars(char[] letters, int n) {
    String result = "";
    for (int i = 0; i < n; i++) {
      result += letters;
    }
    return result.isEmpty() ? "empty" : "full";
  }

  static boolean identity(List<String> parts, String other) {
    String result = "";
    for (String part : parts) {
      result += part;
    }
    return result == other;
  }

  public static String check() {
    return joined(List.of("a", "b"))
        + "|"
        + numbered(3)
        + "|"
        + readInLoop(List.of("ab", "cd", "ef"))
        + "|"
        + fromParameter(null, List.of("x"))
        + "|"
        + chars(new char[] {'a'}, 2)
        + "|"
        + identity(List.of("a"), "a");
  }
}
