package fixture;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Shapes inside and outside loops; each expected issue is marked on its line. */
public class LoopShapes {

  interface OrderRepository {
    Object findById(long id);

    List<Object> findAllByIds(List<Long> ids);
  }

  private OrderRepository orderRepository;

  String concatenateInLoop(List<String> parts) {
    String result = "";
    for (String part : parts) {
      result += part; // expect: STRING_CONCAT_IN_LOOP
    }
    String other = "";
    for (int i = 0; i < 3; i++) {
      other = other + i + ","; // expect: STRING_CONCAT_IN_LOOP
    }
    String once = "a";
    once += "b";
    StringBuilder builder = new StringBuilder();
    for (String part : parts) {
      builder.append(part);
    }
    return result + other + once + builder;
  }

  int integersNotStrings(List<Integer> numbers) {
    int total = 0;
    for (int number : numbers) { // expect: BOXED_ARITHMETIC_IN_LOOP
      total += number;
    }
    return total;
  }

  long boxedAccumulator(List<Integer> numbers) {
    Long sum = 0L;
    for (int i = 0; i < numbers.size(); i++) {
      sum += i; // expect: BOXED_ARITHMETIC_IN_LOOP
    }
    int plain = 0;
    for (Integer number : numbers) { // expect: BOXED_ARITHMETIC_IN_LOOP
      plain += number;
    }
    return sum + plain;
  }

  int regexInLoop(List<String> lines) {
    int count = 0;
    for (String line : lines) {
      if (line.matches("[a-z]+")) { // expect: REGEX_IN_LOOP
        count++;
      }
      count += line.split("\\s+").length; // expect: REGEX_IN_LOOP
      count += line.split(",").length;
      count += line.replaceAll("x+", "y").length(); // expect: REGEX_IN_LOOP
      count += Pattern.compile("a*b").matcher(line).groupCount(); // expect: REGEX_IN_LOOP
    }
    return count + lines.get(0).split("\\s+").length;
  }

  String formatInLoop(List<Date> dates) {
    StringBuilder out = new StringBuilder();
    for (Date date : dates) {
      SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd"); // expect: EXPENSIVE_OBJECT_IN_LOOP
      out.append(format.format(date));
    }
    SimpleDateFormat once = new SimpleDateFormat("HH:mm");
    return out.append(once.format(new Date())).toString();
  }

  int nPlusOne(List<Long> ids) {
    int found = 0;
    for (Long id : ids) {
      if (orderRepository.findById(id) != null) { // expect: N_PLUS_ONE_CALL
        found++;
      }
      found += java.nio.file.Files.readAllBytes(java.nio.file.Path.of(id.toString())).length;
    }
    return found + orderRepository.findAllByIds(ids).size();
  }

  int lookups(Map<String, Integer> counts, String key) {
    int total = 0;
    if (counts.containsKey(key)) { // expect: CONTAINS_KEY_THEN_GET
      total += counts.get(key);
    }
    if (counts.containsKey(key)) {
      total += counts.get("other");
    }
    return total + (counts.containsKey(key) ? counts.get(key) : 0); // expect: CONTAINS_KEY_THEN_GET
  }
}
