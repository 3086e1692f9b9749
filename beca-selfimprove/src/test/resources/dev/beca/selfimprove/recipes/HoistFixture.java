package fixture;

import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

public class HoistFixture {

  static String days(List<Date> dates) {
    StringBuilder out = new StringBuilder();
    for (Date date : dates) {
      SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd");
      out.append(format.format(date)).append(';');
    }
    return out.toString();
  }

  static String localDays(List<LocalDate> dates) {
    StringBuilder out = new StringBuilder();
    for (LocalDate date : dates) {
      DateTimeFormatter formatter = DateTimeFormatter.ofPattern("dd.MM.yyyy");
      out.append(date.format(formatter)).append(';');
    }
    return out.toString();
  }

  static String configuredInLoop(List<Date> dates) {
    StringBuilder out = new StringBuilder();
    for (Date date : dates) {
      SimpleDateFormat format = new SimpleDateFormat("yyyy");
      format.setLenient(false);
      out.append(format.format(date));
    }
    return out.toString();
  }

  static int escapes(int n) {
    List<SimpleDateFormat> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SimpleDateFormat format = new SimpleDateFormat("yyyy");
      all.add(format);
    }
    return all.size();
  }

  static String perPattern(List<String> patterns, Date date) {
    StringBuilder out = new StringBuilder();
    for (String pattern : patterns) {
      SimpleDateFormat format = new SimpleDateFormat(pattern);
      out.append(format.format(date));
    }
    return out.toString();
  }

  static int dice(int n) {
    int sum = 0;
    for (int i = 0; i < n; i++) {
      Random random = new Random(42);
      sum += random.nextInt(6);
    }
    return sum;
  }

  public static String check() {
    List<Date> dates = List.of(new Date(0), new Date(86_400_000L * 400));
    return days(dates)
        + "|"
        + localDays(List.of(LocalDate.of(2020, 2, 29), LocalDate.of(1999, 12, 31)))
        + "|"
        + configuredInLoop(dates)
        + "|"
        + escapes(2)
        + "|"
        + perPattern(List.of("yyyy", "MM"), new Date(0))
        + "|"
        + dice(5);
  }
}
