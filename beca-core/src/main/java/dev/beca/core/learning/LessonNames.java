package dev.beca.core.learning;

import java.util.HashSet;
import java.util.List;
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
  // Also splits assignments such as journal_mode=WAL (for the variant rule only).
  private static final Pattern PARTS_AND_VALUES = Pattern.compile("[._/:=-]+");
  private static final Pattern CAMEL = Pattern.compile("[a-z][A-Z]");
  private static final Pattern DIGIT = Pattern.compile("\\d");
  private static final Pattern NOT_LETTER = Pattern.compile("[^a-z]");
  private static final Pattern NOT_LETTERS = Pattern.compile("[^a-z]+");
  private static final Pattern JOINED = Pattern.compile("[A-Za-z][._/-][A-Za-z]");
  private static final String EDGE = ".,;:()\"'`[]!?<>{}*";
  private static final Set<String> ABBREVIATIONS = Set.of("e.g", "i.e", "etc", "vs");

  private LessonNames() {}

  /** Whether each text names something specific that the other never mentions. */
  static boolean differ(String a, String b) {
    return !unmentioned(names(a), words(b)).isEmpty() && !unmentioned(names(b), words(a)).isEmpty();
  }

  /**
   * Whether each text names something specific the other never mentions, other than a variant of a
   * name the other text holds instead (a renamed or versioned name: {@code management.port} and
   * {@code management.server.port}, {@code Jackson2} and {@code Jackson 3}, {@code Tomcat 8.5.x}
   * and {@code 11.0.x}).
   */
  static boolean substituted(String a, String b) {
    List<Set<String>> rest = substitutions(a, b);
    return !rest.get(0).isEmpty() && !rest.get(1).isEmpty();
  }

  /**
   * For the learned merge decision: how many names the first text holds that the second neither
   * mentions nor holds a variant of, the same the other way round, and how many names of either
   * text both texts mention (each name once). Each text's names and words are found once.
   */
  static int[] counts(String a, String b) {
    Set<String> namesA = names(a);
    Set<String> namesB = names(b);
    Set<String> wordsA = words(a, PARTS_AND_VALUES);
    Set<String> wordsB = words(b, PARTS_AND_VALUES);
    Set<String> onlyA = unmentionedParts(namesA, wordsB);
    Set<String> onlyB = unmentionedParts(namesB, wordsA);
    Set<String> shared = new HashSet<>(namesA);
    shared.addAll(namesB);
    shared.removeIf(n -> !(wordsA.contains(n) && wordsB.contains(n)));
    return new int[] {
      withoutVariants(onlyA, onlyB).size(), withoutVariants(onlyB, onlyA).size(), shared.size()
    };
  }

  /** The names each text holds that the other neither mentions nor holds a variant of. */
  private static List<Set<String>> substitutions(String a, String b) {
    Set<String> onlyA = unmentionedParts(names(a), words(b, PARTS_AND_VALUES));
    Set<String> onlyB = unmentionedParts(names(b), words(a, PARTS_AND_VALUES));
    return List.of(withoutVariants(onlyA, onlyB), withoutVariants(onlyB, onlyA));
  }

  private static Set<String> withoutVariants(Set<String> names, Set<String> others) {
    Set<String> out = new HashSet<>();
    for (String n : names) {
      boolean variant = false;
      for (String m : others) {
        if (variants(n, m)) {
          variant = true;
          break;
        }
      }
      if (!variant) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * Two names that differ only in digits ({@code jackson2} / {@code jackson}), a lone number beside
   * a name with digits ({@code 3} / {@code jackson2}), or two names of which one holds the other's
   * letters ({@code applicationbuilder} / {@code springapplicationbuilder}) or that share a word
   * part of four letters or more ({@code management.port} / {@code management.server.port}).
   */
  private static boolean variants(String a, String b) {
    String lettersA = NOT_LETTER.matcher(a).replaceAll("");
    String lettersB = NOT_LETTER.matcher(b).replaceAll("");
    if (lettersA.equals(lettersB)
        || lettersA.isEmpty() && DIGIT.matcher(b).find()
        || lettersB.isEmpty() && DIGIT.matcher(a).find()
        || lettersA.length() >= 4 && lettersB.contains(lettersA)
        || lettersB.length() >= 4 && lettersA.contains(lettersB)) {
      return true;
    }
    Set<String> partsA = parts(a);
    for (String p : parts(b)) {
      if (p.length() >= 4 && partsA.contains(p)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> parts(String name) {
    Set<String> out = new HashSet<>();
    for (String p : NOT_LETTERS.split(name)) {
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  /** The names none of whose word parts (of three letters or more) the other text holds. */
  private static Set<String> unmentionedParts(Set<String> names, Set<String> words) {
    Set<String> out = new HashSet<>();
    for (String n : names) {
      boolean mentioned = words.contains(n);
      for (String part : PARTS_AND_VALUES.split(n)) {
        mentioned |= part.length() >= 3 && words.contains(fold(part));
      }
      if (!mentioned) {
        out.add(n);
      }
    }
    return out;
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
    return words(text, PARTS);
  }

  private static Set<String> words(String text, Pattern parts) {
    Set<String> words = new HashSet<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      String token = strip(m.group());
      if (token.isEmpty()) {
        continue;
      }
      words.add(fold(token));
      for (String part : parts.split(token)) {
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
