package fixture;

import java.util.List;
import java.util.regex.Pattern;

public class PatternFixture {

  private static final int LIMIT = 3;

  static boolean isWord(String text) {
    Pattern word = Pattern.compile("\\w+");
    return word.matcher(text).matches();
  }

  static int countDigits(List<String> items) {
    int count = 0;
    for (String item : items) {
      if (Pattern.compile("[0-9]+", Pattern.CASE_INSENSITIVE).matcher(item).find()) {
        count++;
      }
    }
    return Math.min(count, LIMIT);
  }

  static boolean dynamic(String regex, String text) {
    return Pattern.compile(regex).matcher(text).find();
  }

  static boolean invalid(boolean run) {
    if (run) {
      return Pattern.compile("[unclosed").matcher("x").find();
    }
    return false;
  }

  class Inner {
    boolean inner(String text) {
      return Pattern.compile("a+").matcher(text).find();
    }
  }

  interface Words {
    default boolean word(String text) {
      return Pattern.compile("\\w").matcher(text).find();
    }
  }

  public static String check() {
    return isWord("abc")
        + "|"
        + isWord("a b")
        + "|"
        + countDigits(List.of("a1", "b", "22"))
        + "|"
        + dynamic("b", "abc")
        + "|"
        + invalid(false)
        + "|"
        + new PatternFixture().new Inner().inner("caa")
        + "|"
        + new Words() {}.word("-");
  }
}
