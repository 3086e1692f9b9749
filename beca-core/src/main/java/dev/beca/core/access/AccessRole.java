package dev.beca.core.access;

import dev.beca.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a token may do, each role including the ones below it: a viewer reads; an operator also
 * chats, runs benchmarks and pulls models; an admin also approves, stops, rolls back and manages
 * tokens.
 */
public enum AccessRole {
  /** Reads: history, threads, models, benchmarks, alerts, audit, error log. */
  VIEWER,
  /** Also acts: chats, creates sessions and threads, summarises, runs benchmarks, pulls. */
  OPERATOR,
  /** Also approves, stops, rolls back, manages tokens and reads the metrics. */
  ADMIN;

  /**
   * Whether this role may do what {@code required} may.
   *
   * @param required the least role an operation needs
   * @return true when this role is that role or above it
   */
  public boolean includes(AccessRole required) {
    return compareTo(required) >= 0;
  }

  /** The role's name as written on the command line and in JSON: {@code viewer}, ... */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a role's name, ignoring case.
   *
   * @param text {@code viewer}, {@code operator} or {@code admin}
   * @return the role
   * @throws InvalidInputException naming the accepted roles
   */
  public static AccessRole parse(String text) {
    String key = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(role -> role.key().equals(key))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "There is no role '" + text + "'.",
                    "Use one of "
                        + Arrays.stream(values())
                            .map(AccessRole::key)
                            .collect(Collectors.joining(", "))
                        + "."));
  }
}
