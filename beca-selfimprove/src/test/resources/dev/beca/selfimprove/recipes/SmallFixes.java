package fixture;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Names {@link Set} in this comment only, so its import stays. */
public class SmallFixes {

  private int unusedCounter = 0;
  private final List<String> names = new ArrayList<>();

  /** A constant nothing reads. */
  private static final String UNUSED_NAME = "x" + "y";

  private Object reflected = null;

  @SuppressWarnings("unused")
  private static class KeptForReflection {
    private static final int KEPT = 1;
  }

  static boolean emptyList(List<String> list) {
    return list.size() == 0;
  }

  static boolean someEntries(Map<String, String> map) {
    return map.size() > 0;
  }

  static boolean someText(String text) {
    return 0 != text.length();
  }

  static int unbox(int x) {
    return Integer.valueOf(x).intValue() + 1;
  }

  static int parse(String digits) {
    return Integer.valueOf(digits).intValue();
  }

  static int fromChar(char c) {
    return Integer.valueOf(c).intValue();
  }

  static boolean positive(int x) {
    if (x > 0) {
      return true;
    } else {
      return false;
    }
  }

  static boolean notNegative(int x) {
    if (x < 0) return false;
    return true;
  }

  static Boolean boxedFlag(Boolean flag) {
    if (flag) {
      return true;
    }
    return false;
  }

  static boolean commented(int x) {
    if (x > 0) {
      // the reason
      return true;
    }
    return false;
  }

  public static String check() {
    SmallFixes fixes = new SmallFixes();
    fixes.names.add("n");
    return emptyList(List.of())
        + "|"
        + someEntries(Map.of("a", "b"))
        + "|"
        + someText("")
        + "|"
        + unbox(41)
        + "|"
        + parse("17")
        + "|"
        + fromChar('A')
        + "|"
        + positive(1)
        + positive(-1)
        + "|"
        + notNegative(-3)
        + notNegative(3)
        + "|"
        + boxedFlag(true)
        + "|"
        + commented(2)
        + "|"
        + fixes.names
        + "|"
        + "reflected".length();
  }
}
