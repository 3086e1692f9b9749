package fixture;

import java.util.ArrayList; // expect: UNUSED_IMPORT
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Style shapes; {@link Set} is only named in this comment, so its import stays. */
public class StyleShapes {

  private int unused; // expect: UNUSED_PRIVATE_FIELD
  private int used;
  private static final long serialVersionUID = 1L;

  boolean words(String text) {
    Pattern word = Pattern.compile("\\w+"); // expect: CONSTANT_PATTERN_IN_METHOD
    Pattern dynamic = Pattern.compile(text);
    return word.matcher(text).matches() && dynamic.matcher(text).find();
  }

  boolean sizes(List<String> list, Map<String, String> map, String text, Sized custom) {
    boolean a = list.size() == 0; // expect: SIZE_COMPARED_WITH_ZERO
    boolean b = map.size() > 0; // expect: SIZE_COMPARED_WITH_ZERO
    boolean c = 0 != text.length(); // expect: SIZE_COMPARED_WITH_ZERO
    boolean d = custom.size() == 0;
    boolean e = list.size() > 1;
    return a && b && c && d && e && used > 0;
  }

  int boxing(int x, String digits) {
    return Integer.valueOf(x).intValue() // expect: REDUNDANT_BOXING
        + Integer.valueOf(digits).intValue() // expect: REDUNDANT_BOXING
        + Integer.valueOf(x).hashCode();
  }

  boolean positive(int x) {
    if (x > 0) { // expect: BOOLEAN_RETURN_IF
      return true;
    } else {
      return false;
    }
  }

  boolean negative(int x) {
    if (x < 0) // expect: BOOLEAN_RETURN_IF
      return true;
    return false;
  }

  boolean notThisShape(int x) {
    if (x < 0) {
      return true;
    }
    return x > 10;
  }

  interface Sized {
    int size();
  }
}
