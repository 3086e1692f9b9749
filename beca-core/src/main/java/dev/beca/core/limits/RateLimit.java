package dev.beca.core.limits;

/**
 * The limit of one operation.
 *
 * @param perMinute the most operations a minute, 0 for no such limit
 * @param perHour the most operations an hour, 0 for no such limit
 */
public record RateLimit(int perMinute, int perHour) {

  /** Checks the components. */
  public RateLimit {
    if (perMinute < 0 || perHour < 0) {
      throw new IllegalArgumentException(
          "perMinute and perHour must be 0 (no limit) or more, were "
              + perMinute
              + " and "
              + perHour);
    }
  }

  /** The limit in words: {@code "at most 20 commands a minute and 200 an hour"}. */
  public String describe(LimitedOperation operation) {
    StringBuilder text = new StringBuilder("at most ");
    if (perMinute > 0) {
      text.append(perMinute).append(' ').append(operation.plural()).append(" a minute");
      if (perHour > 0) {
        text.append(" and ").append(perHour).append(" an hour");
      }
    } else {
      text.append(perHour).append(' ').append(operation.plural()).append(" an hour");
    }
    return text.toString();
  }
}
