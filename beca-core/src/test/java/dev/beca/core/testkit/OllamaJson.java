package dev.beca.core.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JSON, time and hashing helpers shared by the loopback Ollama server (not part of the API). */
final class OllamaJson {

  /**
   * One mapper for the whole fixture: thread-safe once configured, and it is never reconfigured.
   */
  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  // A Go duration such as "5m", "1h30m", "250ms" or "-1s", as keep_alive accepts it.
  private static final Pattern GO_DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private OllamaJson() {}

  /** Returns an empty object node. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Serialises a node on one line, as every NDJSON record must be. */
  static String line(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + node, e);
    }
  }

  /** Returns Ollama's error body, {@code {"error":"..."}}. */
  static String error(String message) {
    return line(object().put("error", message));
  }

  /**
   * Formats a time like Go's {@code time.RFC3339Nano}, which Ollama uses for every timestamp:
   * nanosecond precision with trailing zeros trimmed, and no fraction at all when it is zero.
   */
  static String rfc3339(Instant instant) {
    String fraction = "";
    int nanos = instant.getNano();
    if (nanos != 0) {
      String digits = String.format("%09d", nanos);
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      fraction = "." + digits.substring(0, end);
    }
    return SECONDS.format(instant) + fraction + "Z";
  }

  /** Returns the lower-case hex SHA-256 of a text, used for deterministic digests. */
  static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Reads Ollama's {@code keep_alive}: a number of seconds or a Go duration string; a negative
   * value means "keep loaded forever". Returns {@code null} when absent or unreadable, so the
   * caller applies Ollama's default of five minutes.
   */
  static Duration keepAlive(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isNumber()) {
      return Duration.ofMillis(Math.round(node.asDouble() * 1000));
    }
    String text = node.asText().trim();
    boolean negative = text.startsWith("-");
    String body = negative ? text.substring(1) : text;
    if (body.matches("\\d+")) {
      // Ollama treats a bare number in a string as seconds.
      Duration seconds = Duration.ofSeconds(Long.parseLong(body));
      return negative ? seconds.negated() : seconds;
    }
    Matcher matcher = GO_DURATION_PART.matcher(body);
    Duration total = Duration.ZERO;
    int consumed = 0;
    while (matcher.find()) {
      if (matcher.start() != consumed) {
        return null;
      }
      consumed = matcher.end();
      double amount = Double.parseDouble(matcher.group(1));
      long nanosPerUnit =
          switch (matcher.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      total = total.plusNanos(Math.round(amount * nanosPerUnit));
    }
    if (consumed == 0 || consumed != body.length()) {
      return null;
    }
    return negative ? total.negated() : total;
  }
}
