package dev.beca.core.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The structural checks of {@link SecretCheck}. */
final class SecretChecks {

  private static final ObjectMapper JSON = new ObjectMapper();
  // Bounded, anchored, no nested quantifiers: safe with java.util.regex on short secrets.
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
  private static final List<String> PLACEHOLDER_WORDS =
      List.of("example", "changeme", "change_me", "change-me", "placeholder", "your_", "your-", "yourkey",
          "yourpass", "yoursecret", "xxxx", "****", "redacted", "sample", "insert", "replace", "todo",
          "fixme", "dummy_", "fake_", "<", ">", "${", "{{", "}}", "%(", "#{");
  private static final List<String> SEQUENCES =
      List.of("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ",
          "ZYXWVUTSRQPONMLKJIHGFEDCBAZYXWVUTSRQPONMLKJIHGFEDCBA",
          "01234567890123456789012345678901234567890123456789",
          "98765432109876543210987654321098765432109876543210",
          "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
          "QWERTYUIOPASDFGHJKLZXCVBNMQWERTYUIOPASDFGHJKLZXCVBNM",
          "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  private static final int MAX_JWT_PART = 64 * 1024;

  private SecretChecks() {}

  static boolean passes(SecretCheck check, String secret) {
    return switch (check) {
      case NONE -> true;
      case JWT -> isJwt(secret);
      case NOT_PLACEHOLDER -> !isPlaceholder(secret);
    };
  }

  /** Whether the string uses at most two different characters ({@code aaaa}, {@code abab}). */
  private static boolean fewDistinctChars(String s) {
    char first = s.charAt(0);
    char second = first;
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != first) {
        if (second == first) {
          second = c;
        } else if (c != second) {
          return false;
        }
      }
    }
    return true;
  }

  /** Three base64url parts; header and payload are JSON objects, the header names an algorithm. */
  static boolean isJwt(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[0].length() > MAX_JWT_PART || parts[1].length() > MAX_JWT_PART) {
      return false;
    }
    try {
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      Base64.getUrlDecoder().decode(parts[2]);
      return header != null && header.isObject() && header.has("alg") && payload != null && payload.isObject();
    } catch (IllegalArgumentException | IOException e) {
      return false;
    }
  }

  /** detect-secrets-style heuristics for values that only look like secrets. */
  static boolean isPlaceholder(String secret) {
    String lower = secret.toLowerCase(Locale.ROOT);
    for (String word : PLACEHOLDER_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    char first = secret.charAt(0);
    if (first == '$' || first == '%' || first == '@' || secret.indexOf('(') >= 0) {
      return true; // a variable, a format directive or a call: an indirect reference
    }
    if (UUID.matcher(secret).matches()) {
      return true;
    }
    if (fewDistinctChars(secret)) {
      return true;
    }
    String upper = secret.toUpperCase(Locale.ROOT);
    for (String sequence : SEQUENCES) {
      if (sequence.contains(upper)) {
        return true;
      }
    }
    // Words and identifiers (my_setting_name, CONFIG.VALUE) rather than random characters.
    return secret.chars().allMatch(c -> (c >= 'a' && c <= 'z') || c == '_' || c == '.' || c == '-')
        || secret.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '-');
  }
}
