package dev.beca.core.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The structural checks of {@link SecretCheck}. */
final class SecretChecks {

  private static final ObjectMapper JSON = new ObjectMapper();
  // Bounded, anchored, no nested quantifiers: safe with java.util.regex on short secrets.
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final List<String> PLACEHOLDER_WORDS =
      List.of(
          "example",
          "changeme",
          "change_me",
          "change-me",
          "placeholder",
          "your_",
          "your-",
          "yourkey",
          "yourpass",
          "yoursecret",
          "xxxx",
          "####",
          "redacted",
          "sample",
          "insert",
          "replace",
          "todo",
          "fixme",
          "dummy",
          "fake",
          "mock",
          "...",
          "\u2026",
          "token-",
          "-token",
          "secret-",
          "-secret",
          "password-",
          "-password");

  /**
   * Placeholder words that can sit inside a random token body without making it a stand-in (see
   * {@link #withoutBuriedWords}); {@code example}, {@code xxxx} and the others always count.
   */
  private static final List<String> BURIABLE_WORDS =
      List.of("fake", "mock", "dummy", "sample", "todo", "fixme");

  /** The shortest random body left around a buried placeholder word. */
  private static final int MIN_RANDOM_BODY = 12;

  /** The usual stand-in passwords: password2, testpass123, changeit, secret1, token, apikey. */
  private static final Pattern STAND_IN =
      Pattern.compile(
          "(?i)(?:test|my|demo|dummy|default|user|admin)?(?:pass(?:word|wd)?|secret|pwd|changeit|admin|letmein|qwerty|token|api_?key|key)[0-9]{0,4}!?");

  /** camelCase or PascalCase words without digits: a variable or a type name, not a value. */
  private static final Pattern CAMEL_WORDS = Pattern.compile("[A-Za-z][a-z]+(?:[A-Z][a-z]+)+");

  /**
   * Marks of a value filled in later: a template variable, an environment lookup, a format
   * directive.
   */
  private static final List<String> TEMPLATE_MARKS =
      List.of(
          "<",
          ">",
          "${",
          "{{",
          "}}",
          "%(",
          "#{",
          "{",
          "}",
          "os.environ",
          "getenv",
          "process.env",
          "env(",
          SecretFingerprints.MASK);

  private static final List<String> SEQUENCES =
      List.of(
          "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ",
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
      case NOT_PLACEHOLDER -> !isTemplate(secret) && !isPlaceholder(secret);
      case NOT_TEMPLATE -> !isTemplate(secret);
      case WIF -> isWif(secret);
      case BASIC_AUTH -> basicAuthPassword(secret) != null;
      case BASE64_PRIVATE_KEY -> isBase64PrivateKey(secret);
    };
  }

  /**
   * The value whose look decides a finding's confidence: the password of a Basic-auth header's
   * {@code user:password}, otherwise the secret itself.
   */
  static String valueToJudge(SecretCheck check, String secret) {
    return check == SecretCheck.BASIC_AUTH ? basicAuthPassword(secret) : secret;
  }

  /**
   * Whether a provider-shaped value looks made up: the whole value, or its body after the last
   * {@code -} or {@code _} (as in {@code xoxe.xoxp-1-RANDOMSTRINGHERE}), looks like a placeholder.
   * Placeholder words buried in a random body are left out first ({@link #withoutBuriedWords}).
   */
  static boolean looksMadeUp(String original) {
    String value = withoutBuriedWords(original);
    if (isStandIn(value, false)) {
      return true;
    }
    int cut = Math.max(value.lastIndexOf('-'), value.lastIndexOf('_'));
    if (cut < 0 || value.length() - cut <= 8) {
      return false;
    }
    // The body after a separator (xoxe.xoxp-1-RANDOMSTRINGHERE): upper case words are a stand-in.
    String body = value.substring(cut + 1);
    return isStandIn(body, false) || body.chars().allMatch(c -> c >= 'A' && c <= 'Z');
  }

  /**
   * The value without the placeholder words buried in it, when what is left is random: a word such
   * as {@code fake} inside a long body of mixed case letters and digits ({@code
   * xoxb-123456789012-Xw937qtWSXJss1lFaKe}) does not make a provider token made up, the random
   * characters around it decide. Otherwise (the word is a large part of the value, or what is left
   * is not random in all three of upper case, lower case and digits) the value is returned as it
   * is, and its words count.
   */
  static String withoutBuriedWords(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    StringBuilder left = new StringBuilder(value.length());
    int removed = 0;
    int i = 0;
    while (i < value.length()) {
      String word = buriableWordAt(lower, i);
      if (word == null) {
        left.append(value.charAt(i++));
      } else {
        removed += word.length();
        i += word.length();
      }
    }
    if (removed == 0 || removed * 4 > value.length()) {
      return value;
    }
    String rest = left.toString();
    int cut = Math.max(rest.lastIndexOf('-'), rest.lastIndexOf('_'));
    String body = rest.substring(cut + 1);
    boolean random =
        body.length() >= MIN_RANDOM_BODY
            && body.chars().anyMatch(c -> c >= 'A' && c <= 'Z')
            && body.chars().anyMatch(c -> c >= 'a' && c <= 'z')
            && body.chars().anyMatch(c -> c >= '0' && c <= '9');
    return random ? rest : value;
  }

  private static String buriableWordAt(String lower, int at) {
    for (String word : BURIABLE_WORDS) {
      if (lower.startsWith(word, at)) {
        return word;
      }
    }
    return null;
  }

  /**
   * Whether base64 text starts with an encoded PEM private key's BEGIN line: the first 100
   * characters (whole groups of four) decode to {@code -----BEGIN}, then {@code PRIVATE KEY} before
   * the line ends.
   */
  static boolean isBase64PrivateKey(String secret) {
    int length = Math.min(secret.length(), 100) / 4 * 4;
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(secret.substring(0, length)), StandardCharsets.ISO_8859_1);
      int lineEnd = decoded.indexOf('\n');
      String firstLine = lineEnd < 0 ? decoded : decoded.substring(0, lineEnd);
      return firstLine.startsWith("-----BEGIN ") && firstLine.contains("PRIVATE KEY");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The password of base64 {@code user:password}, or null when it does not decode to one. */
  private static String basicAuthPassword(String secret) {
    try {
      String decoded = new String(Base64.getDecoder().decode(secret), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 || colon == decoded.length() - 1 || isTemplate(decoded.substring(colon + 1))
          ? null
          : decoded.substring(colon + 1);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  /**
   * Base58check with 33 or 34 payload bytes (version, key, optional compression flag) and a valid
   * checksum.
   */
  static boolean isWif(String secret) {
    BigInteger value = BigInteger.ZERO;
    BigInteger base = BigInteger.valueOf(58);
    for (int i = 0; i < secret.length(); i++) {
      int digit = BASE58.indexOf(secret.charAt(i));
      if (digit < 0) {
        return false;
      }
      value = value.multiply(base).add(BigInteger.valueOf(digit));
    }
    byte[] raw = value.toByteArray();
    int skip = raw.length > 1 && raw[0] == 0 ? 1 : 0; // BigInteger's sign byte
    int length = raw.length - skip;
    if (length != 37 && length != 38) {
      return false;
    }
    byte[] payload = Arrays.copyOfRange(raw, skip, raw.length - 4);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] check = sha.digest(sha.digest(payload));
      for (int i = 0; i < 4; i++) {
        if (check[i] != raw[raw.length - 4 + i]) {
          return false;
        }
      }
      return length == 37 || payload[33] == 1;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Whether a value is a template to be filled in later rather than a value: {@code ${VAR}}, {@code
   * {{var}}}, {@code {VAR}}, {@code <your-key>}, {@code os.environ[...]}, {@code $VAR}, {@code
   * %(name)s}, or a call such as {@code get_password()}.
   */
  static boolean isTemplate(String secret) {
    String lower = secret.toLowerCase(Locale.ROOT);
    for (String mark : TEMPLATE_MARKS) {
      if (lower.contains(mark)) {
        return true;
      }
    }
    char first = secret.charAt(0);
    boolean bracketed = first == '[' && secret.charAt(secret.length() - 1) == ']';
    char last = secret.charAt(secret.length() - 1);
    boolean filtered =
        first == '@'
            && last == '@'
            && secret.length() > 2; // Maven resource filtering: @db.password@
    return bracketed || filtered || first == '$' || secret.indexOf('(') >= 0;
  }

  /**
   * Whether a value with {@code ascending} pairs of neighbours ({@code c+1} after {@code c}) is a
   * run through an alphabet, e.g. {@code -_0123456789abcdefghijklmnopqrstuvwxyzABCDEF...}.
   */
  private static boolean isAlphabetRun(String s) {
    if (s.length() < 16) {
      return false;
    }
    int ascending = 0;
    for (int i = 1; i < s.length(); i++) {
      int step = s.charAt(i) - s.charAt(i - 1);
      if (step == 1 || step == -1) {
        ascending++;
      }
    }
    return ascending * 2 >= s.length();
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

  /**
   * Three base64url parts; header and payload are JSON objects, the header names an algorithm. Or
   * an encrypted token in JWE compact form (RFC 7516): five base64url parts (header, encrypted key,
   * which is empty for direct encryption, initialisation vector, ciphertext, tag) whose header is a
   * JSON object naming {@code alg} and {@code enc}.
   */
  static boolean isJwt(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length == 5) {
      return isJwe(parts);
    }
    if (parts.length == 2) {
      parts = new String[] {parts[0], parts[1], ""}; // an unsigned token (alg none)
    }
    if (parts.length != 3 || parts[0].length() > MAX_JWT_PART || parts[1].length() > MAX_JWT_PART) {
      return false;
    }
    try {
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      Base64.getUrlDecoder().decode(parts[2]);
      return header != null
          && header.isObject()
          && header.has("alg")
          && payload != null
          && payload.isObject();
    } catch (IllegalArgumentException | IOException e) {
      return false;
    }
  }

  private static boolean isJwe(String[] parts) {
    if (parts[0].length() > MAX_JWT_PART) {
      return false;
    }
    try {
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      for (int i = 1; i < parts.length; i++) {
        Base64.getUrlDecoder().decode(parts[i]);
      }
      return header != null && header.isObject() && header.has("alg") && header.has("enc");
    } catch (IllegalArgumentException | IOException e) {
      return false;
    }
  }

  /**
   * detect-secrets-style heuristics for values that only look like secrets: placeholder words,
   * UUIDs, repeated characters, keyboard and alphabet runs, identifiers made of words.
   */
  static boolean isPlaceholder(String secret) {
    return isStandIn(secret, true)
        || UUID.matcher(secret).matches()
        || secret.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '-');
  }

  /**
   * The heuristics that still hold when a value sits where a provider's format or a credential
   * header puts it. A UUID is then a credential (npm's legacy tokens, many API keys), and upper
   * case letters alone are an alphabet (AWS key ids are base32: about 4 % of real ones have no
   * digit), so neither makes such a value look made up; an upper case identifier with separators
   * (MY_TOKEN_VALUE) still does. With {@code bareWordsAreNames} false (a credential's place), a
   * single lower case word is not taken for a name either.
   */
  private static boolean isStandIn(String secret, boolean bareWordsAreNames) {
    String lower = secret.toLowerCase(Locale.ROOT);
    for (String word : PLACEHOLDER_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    if (isAlphabetRun(secret)
        || CAMEL_WORDS.matcher(secret).matches()
        || STAND_IN.matcher(secret).matches()) {
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
    // Words and identifiers (my_setting_name, CONFIG.VALUE) rather than random characters. Where
    // a rule's shape already says "credential" (a URL's password, a provider's token), one bare
    // lower case word (nonprod, hunter) is a plausible weak password, not a name: only words joined
    // by separators count there.
    boolean lowerCaseWords =
        secret.chars().allMatch(c -> (c >= 'a' && c <= 'z') || c == '_' || c == '.' || c == '-');
    boolean joined = secret.chars().anyMatch(c -> c == '_' || c == '.' || c == '-');
    return (lowerCaseWords && (bareWordsAreNames || joined))
        || (secret.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '-')
            && secret.chars().anyMatch(c -> c == '_' || c == '.' || c == '-'));
  }
}
