package fixture;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

public class MapLookupFixture {

  static int counted(String[] words) {
    Map<String, Integer> counts = new HashMap<>();
    for (String word : words) {
      counts.merge(word, 1, Integer::sum);
    }
    int total = 0;
    for (String word : words) {
      if (counts.containsKey(word)) {
        total += counts.get(word) * 10;
      } else {
        total -= 1;
      }
    }
    return total;
  }

  static String labelled(Map<String, String> labels, String key) {
    return labels.containsKey(key) ? labels.get(key) : "none";
  }

  static String labelledOrNull(Map<String, String> labels, String key) {
    return labels.containsKey(key) ? labels.get(key) : null;
  }

  static int numericDefault(Map<String, Integer> numbers, String key) {
    return numbers.containsKey(key) ? numbers.get(key) : 0;
  }

  static int parameterMap(Map<String, Integer> numbers, String key) {
    int result = 0;
    if (numbers.containsKey(key)) {
      result = 1 + (numbers.get(key) == null ? 0 : 5);
    }
    return result;
  }

  static String nullablePut(String key, String value) {
    Map<String, String> map = new HashMap<>();
    map.put(key, value);
    if (map.containsKey(key)) {
      return "has " + map.get(key);
    }
    return "none";
  }

  static String supplied(String key) {
    Map<String, Supplier<String>> suppliers = new HashMap<>();
    suppliers.put("a", () -> "A");
    suppliers.put("b", String::new);
    if (suppliers.containsKey(key)) {
      return suppliers.get(key).get();
    }
    return "none";
  }

  public static String check() {
    Map<String, String> labels = new HashMap<>();
    labels.put("a", "A");
    labels.put("n", null);
    Map<String, Integer> numbers = new HashMap<>();
    numbers.put("one", 1);
    numbers.put("nil", null);
    return counted(new String[] {"a", "b", "a"})
        + "|"
        + labelled(labels, "a")
        + labelled(labels, "n")
        + labelled(labels, "z")
        + "|"
        + labelledOrNull(labels, "z")
        + "|"
        + numericDefault(numbers, "one")
        + "|"
        + parameterMap(numbers, "nil")
        + "|"
        + nullablePut("k", null)
        + "|"
        + supplied("a")
        + supplied("b")
        + supplied("z");
  }
}
