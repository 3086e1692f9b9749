package dev.beca.core.learning;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The specific things a lesson names — identifiers ({@code server.port}, {@code
 * logback-spring.xml}, {@code MongoClient}), versions and numbers, all-capital words ({@code MVC})
 * and capitalised words inside a sentence (Jetty, Graphite) — for the merge decision of {@link
 * LessonMatcher}: two lessons that each name something the other never mentions are about different
 * things, however similar the rest of their words.
 */
final class LessonNames {

  private static final Pattern TOKEN = Pattern.compile("\\S+");
  private static final Pattern PARTS = Pattern.compile("[._/:-]+");
  private static final Pattern CAMEL = Pattern.compile("[a-z][A-Z]");
  private static final Pattern DIGIT = Pattern.compile("\\d");
  private static final Pattern JOINED = Pattern.compile("[A-Za-z][._/-][A-Za-z]");
  private static final String EDGE = ".,;:()\"'`[]!?<>{}*";
  private static final Set<String> ABBREVIATIONS = Set.of("e.g", "i.e", "etc", "vs");

  private LessonNames() {}

  /** Whether each text names something specific that the other never mentions. */
  static boolean differ(String a, String b) {
    return !unmentioned(names(a), words(b)).isEmpty() && !unmentioned(names(b), words(a)).isEmpty();
  }

  private static Set<String> unmentioned(Set<String> names, Set<String> words) {
    Set<String> out = new HashSet<>(names);
    out.removeAll(words);
    return out;
  }

  /** The specific names of a text, folded (lower case, no leading @, no plural s). */
  static Set<String> names(String text) {
    Set<String> names = new HashSet<>();
    boolean sentenceStart = true;
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      String raw = m.group();
      String token = strip(raw);
      while (token.startsWith("@")) {
        token = token.substring(1);
      }
      boolean first = sentenceStart;
      sentenceStart =
          raw.endsWith(".") || raw.endsWith("!") || raw.endsWith("?") || raw.endsWith(":");
      if (token.isEmpty() || ABBREVIATIONS.contains(token.toLowerCase(Locale.ROOT))) {
        continue;
      }
      boolean specific =
          CAMEL.matcher(token).find()
              || DIGIT.matcher(token).find()
              || JOINED.matcher(token).find()
              || token.length() > 1
                  && token.equals(token.toUpperCase(Locale.ROOT))
                  && !token.equals(token.toLowerCase(Locale.ROOT))
              || !first && Character.isUpperCase(token.charAt(0));
      if (specific) {
        names.add(fold(token));
      }
    }
    return names;
  }

  /** Every word of a text, folded, and the parts of joined words ({@code server.port}: both). */
  static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      String token = strip(m.group());
      if (token.isEmpty()) {
        continue;
      }
      words.add(fold(token));
      for (String part : PARTS.split(token)) {
        if (!part.isEmpty()) {
          words.add(fold(part));
        }
      }
    }
    return words;
  }

  private static String strip(String raw) {
    int from = 0;
    int to = raw.length();
    while (from < to && EDGE.indexOf(raw.charAt(from)) >= 0) {
      from++;
    }
    while (to > from && EDGE.indexOf(raw.charAt(to - 1)) >= 0) {
      to--;
    }
    return raw.substring(from, to);
  }

  private static String fold(String token) {
    String t = token.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    while (t.startsWith("@")) {
      t = t.substring(1);
    }
    if (t.endsWith("'s")) {
      t = t.substring(0, t.length() - 2);
    }
    if (t.length() > 3 && t.endsWith("s") && !t.endsWith("ss")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }
}
