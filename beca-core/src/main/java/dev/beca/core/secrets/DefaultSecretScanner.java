package dev.beca.core.secrets;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The stock {@link SecretScanner}: runs a {@link SecretRuleSet} with RE2/J, linear in the input.
 *
 * <p>One pass of a keyword automaton over the text finds, for each rule, the lines holding one of
 * its keywords; only those lines are matched against the rule's regex (rules without keywords try
 * every line), and only when they hold a run of token characters as long as the rule's {@link
 * SecretRule#minTokenLength()}. A line containing {@code beca:allow} or {@code gitleaks:allow} is
 * skipped. A match is reported when its secret reaches the rule's entropy, passes its check, is not
 * exempted by an allowlist and is not accepted by the baseline.
 *
 * <pre>{@code
 * SecretScanner scanner = DefaultSecretScanner.builder()
 *     .rules(SecretRuleSet.defaults().plus(SecretRuleSet.load(Path.of("team-rules.toml"))))
 *     .baseline(SecretBaseline.load(Path.of(".beca-baseline")))
 *     .build();
 * }</pre>
 */
public final class DefaultSecretScanner implements SecretScanner {

  /** Marks a line whose secrets are deliberately there (BECA's and gitleaks' spelling). */
  public static final List<String> ALLOW_MARKERS = List.of("beca:allow", "gitleaks:allow");

  /** How far from a keyword a keyword-anchored match may reach, in characters. */
  public static final int ANCHORED_WINDOW = 1_024;

  private static final class Holder {
    static final DefaultSecretScanner STANDARD = builder().build();
  }

  private final SecretRuleSet ruleSet;
  private final SecretBaseline baseline;
  private final List<CompiledRule> rules;
  private final List<CompiledAllowlist> globalAllowlists;
  private final KeywordIndex keywords;

  /** Group index in the keyword automaton of the allow markers. */
  private final int allowGroup;

  /** Which keyword groups need the offsets of their keywords (keyword-anchored rules). */
  private final boolean[] anchored;

  private DefaultSecretScanner(Builder builder) {
    this.ruleSet = builder.rules;
    this.baseline = builder.baseline;
    this.rules = new ArrayList<>();
    List<List<String>> keywordGroups = new ArrayList<>();
    for (SecretRule rule : ruleSet.rules()) {
      CompiledRule compiled = new CompiledRule(rule, rules.size());
      rules.add(compiled);
      keywordGroups.add(compiled.anyLine ? List.of() : rule.keywords());
    }
    this.globalAllowlists = ruleSet.allowlists().stream().map(CompiledAllowlist::new).toList();
    this.allowGroup = keywordGroups.size();
    keywordGroups.add(ALLOW_MARKERS);
    this.keywords = KeywordIndex.build(keywordGroups);
    this.anchored = new boolean[keywordGroups.size()];
    for (CompiledRule rule : rules) {
      anchored[rule.index] = rule.rule.keywordAnchored();
    }
  }

  /** The shared scanner with BECA's default rules and no baseline. */
  public static DefaultSecretScanner standard() {
    return Holder.STANDARD;
  }

  /** A builder, starting from the default rules and an empty baseline. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this scanner's settings. */
  public Builder toBuilder() {
    return new Builder().rules(ruleSet).baseline(baseline);
  }

  /** The rules this scanner runs. */
  public SecretRuleSet rules() {
    return ruleSet;
  }

  @Override
  public List<SecretFinding> scan(String source, String text) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      return List.of();
    }
    int[] lineStarts = lineStarts(text);
    int lineCount = lineStarts.length;
    int[] longestRun = new int[lineCount];
    int[][] keywordStarts = new int[anchored.length][];
    int[][] linesPerRule =
        keywords.linesPerGroup(text, lineCount, longestRun, anchored, keywordStarts);
    boolean[] allowedLine = new boolean[lineCount];
    for (int line : linesPerRule[allowGroup]) {
      allowedLine[line] = true;
    }
    List<Candidate> candidates = new ArrayList<>();
    // One matcher per rule and scan, reset for each line: creating RE2/J matchers is costly, and
    // matchers kept beyond the scan would keep the text (and its secrets) reachable.
    Matcher[] matchers = new Matcher[rules.size()];
    for (CompiledRule rule : rules) {
      if (!rule.appliesTo(source) || rule.exemptsWholeSource(source)) {
        continue;
      }
      if (rule.rule.keywordAnchored()) {
        matchAtKeywords(
            rule,
            matchers,
            source,
            text,
            keywordStarts[rule.index],
            lineStarts,
            longestRun,
            allowedLine,
            candidates);
        continue;
      }
      if (rule.rule.multiline()) {
        if (rule.anyLine || linesPerRule[rule.index].length > 0) {
          match(
              rule,
              matchers,
              source,
              text,
              new Slice(text, 0, text.length()),
              lineStarts,
              allowedLine,
              candidates);
        }
        continue;
      }
      int minRun = rule.rule.minTokenLength();
      if (rule.anyLine) {
        for (int line = 0; line < lineCount; line++) {
          if (longestRun[line] >= minRun) {
            matchLine(rule, matchers, source, text, line, lineStarts, allowedLine, candidates);
          }
        }
      } else {
        for (int line : linesPerRule[rule.index]) {
          if (longestRun[line] >= minRun) {
            matchLine(rule, matchers, source, text, line, lineStarts, allowedLine, candidates);
          }
        }
      }
    }
    return resolveOverlaps(candidates);
  }

  /** Tries the regex anchored at each keyword occurrence, up to the end of its line. */
  private void matchAtKeywords(
      CompiledRule rule,
      Matcher[] matchers,
      String source,
      String text,
      int[] starts,
      int[] lineStarts,
      int[] longestRun,
      boolean[] allowedLine,
      List<Candidate> candidates) {
    int coveredUntil = -1;
    for (int start : starts) {
      if (start < coveredUntil) {
        continue; // inside the previous match
      }
      int line = lineOf(lineStarts, start);
      int minRun = rule.rule.minTokenLength();
      if (allowedLine[line] || longestRun[line] < minRun) {
        continue;
      }
      int end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length();
      if (minRun > 0 && !KeywordIndex.hasRunNear(text, start, end, minRun)) {
        continue;
      }
      if (end > start && text.charAt(end - 1) == '\r') {
        end--;
      }
      // The window is capped so that a long line full of keywords cannot take quadratic time.
      boolean capped = end > start + ANCHORED_WINDOW;
      Slice input = new Slice(text, start, capped ? start + ANCHORED_WINDOW : end);
      Matcher matcher = matcher(rule, matchers, input);
      // A match reaching a capped window's edge may need the rest of the line ($, a closing quote).
      if (matcher.lookingAt() && !(capped && matcher.end() == input.length())) {
        coveredUntil = start + matcher.end();
        accept(rule, source, text, input, matcher, lineStarts, allowedLine, candidates);
      }
    }
  }

  private void matchLine(
      CompiledRule rule,
      Matcher[] matchers,
      String source,
      String text,
      int line,
      int[] lineStarts,
      boolean[] allowedLine,
      List<Candidate> candidates) {
    if (allowedLine[line]) {
      return;
    }
    int start = lineStarts[line];
    int end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    if (end <= start) {
      return;
    }
    match(
        rule,
        matchers,
        source,
        text,
        new Slice(text, start, end),
        lineStarts,
        allowedLine,
        candidates);
  }

  private void match(
      CompiledRule rule,
      Matcher[] matchers,
      String source,
      String text,
      Slice input,
      int[] lineStarts,
      boolean[] allowedLine,
      List<Candidate> candidates) {
    Matcher matcher = matcher(rule, matchers, input);
    int from = 0;
    while (from <= input.length() && matcher.find(from)) {
      int matchStart = matcher.start();
      int matchEnd = matcher.end();
      from = matchEnd > matchStart ? matchEnd : matchStart + 1;
      accept(rule, source, text, input, matcher, lineStarts, allowedLine, candidates);
    }
  }

  private static Matcher matcher(CompiledRule rule, Matcher[] matchers, CharSequence input) {
    Matcher matcher = matchers[rule.index];
    if (matcher == null) {
      matcher = rule.regex.matcher(input);
      matchers[rule.index] = matcher;
      return matcher;
    }
    return matcher.reset(input);
  }

  /** Checks one match (entropy, check, allowlists, baseline) and records it as a candidate. */
  private void accept(
      CompiledRule rule,
      String source,
      String text,
      Slice input,
      Matcher matcher,
      int[] lineStarts,
      boolean[] allowedLine,
      List<Candidate> candidates) {
    int matchStart = matcher.start();
    int matchEnd = matcher.end();
    int group = secretGroup(rule, matcher);
    if (group < 0) {
      return;
    }
    int secretStart = input.offset + matcher.start(group);
    int secretEnd = input.offset + matcher.end(group);
    String secret = text.substring(secretStart, secretEnd);
    int line = lineOf(lineStarts, secretStart);
    if (allowedLine[line]) {
      return; // a multi-line match starting on an allowed line
    }
    if (!SecretChecks.passes(rule.rule.check(), secret)) {
      return;
    }
    Confidence confidence = rule.rule.confidence();
    boolean distinctive =
        rule.rule.check() == SecretCheck.NOT_TEMPLATE
            || rule.rule.check() == SecretCheck.BASIC_AUTH;
    boolean lowEntropy =
        rule.rule.entropy() > 0
            && (distinctive ? Entropy.ofRandomPart(secret) : Entropy.shannon(secret))
                < rule.rule.entropy();
    if (distinctive) {
      // A distinctive match is reported even when its value looks made up, at low confidence.
      if (lowEntropy
          || SecretChecks.looksMadeUp(SecretChecks.valueToJudge(rule.rule.check(), secret))) {
        confidence = Confidence.LOW;
      }
    } else if (lowEntropy) {
      return;
    }
    int lineEnd = text.indexOf('\n', secretStart);
    String lineText = text.substring(lineStarts[line], lineEnd < 0 ? text.length() : lineEnd);
    String matchText = input.subSequence(matchStart, matchEnd).toString();
    Boolean byRule = allowed(rule.allowlists, source, secret, matchText, lineText);
    if (Boolean.TRUE.equals(byRule)) {
      return;
    }
    Boolean byGlobal = allowed(globalAllowlists, source, secret, matchText, lineText);
    if (Boolean.TRUE.equals(byGlobal)) {
      return;
    }
    if (byRule != null || byGlobal != null) {
      confidence = Confidence.LOW; // an allowlist with lowerConfidence = true applies
    }
    String fingerprint = SecretFingerprints.of(secret);
    if (baseline.fingerprints().contains(fingerprint)) {
      return;
    }
    SecretLocation location =
        new SecretLocation(source, line + 1, secretStart - lineStarts[line] + 1);
    candidates.add(
        new Candidate(
            rule.index,
            new SecretFinding(
                rule.rule.id(),
                rule.rule.description(),
                rule.rule.severity(),
                confidence,
                location,
                SecretFingerprints.redact(secret),
                fingerprint,
                secretStart,
                secretEnd)));
  }

  /** The configured group, else (as gitleaks) the first non-empty group, else the whole match. */
  private static int secretGroup(CompiledRule rule, Matcher matcher) {
    int configured = rule.rule.secretGroup();
    if (configured > 0) {
      return matcher.start(configured) >= 0 && matcher.end(configured) > matcher.start(configured)
          ? configured
          : -1;
    }
    for (int g = 1; g <= matcher.groupCount(); g++) {
      if (matcher.start(g) >= 0 && matcher.end(g) > matcher.start(g)) {
        return g;
      }
    }
    return matcher.end() > matcher.start() ? 0 : -1;
  }

  /**
   * {@code true} when an allowlist drops the match, {@code false} when none drops it but one with
   * {@code lowerConfidence} applies, {@code null} when none applies.
   */
  private static Boolean allowed(
      List<CompiledAllowlist> allowlists, String source, String secret, String match, String line) {
    Boolean result = null;
    for (CompiledAllowlist allowlist : allowlists) {
      if (allowlist.allows(source, secret, match, line)) {
        if (!allowlist.allowlist.lowersConfidence()) {
          return true;
        }
        result = false;
      }
    }
    return result;
  }

  /** Earlier rules win overlaps; the result is ordered by position. */
  private static List<SecretFinding> resolveOverlaps(List<Candidate> candidates) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    candidates.sort(
        Comparator.comparingInt(Candidate::priority)
            .thenComparingInt(c -> c.finding.start())
            .thenComparing(c -> -(c.finding.end() - c.finding.start())));
    TreeMap<Integer, SecretFinding> accepted = new TreeMap<>();
    for (Candidate candidate : candidates) {
      SecretFinding f = candidate.finding;
      Map.Entry<Integer, SecretFinding> before = accepted.floorEntry(f.start());
      Map.Entry<Integer, SecretFinding> after = accepted.ceilingEntry(f.start());
      boolean overlaps =
          (before != null && before.getValue().end() > f.start())
              || (after != null && after.getKey() < f.end());
      if (!overlaps) {
        accepted.put(f.start(), f);
      }
    }
    return List.copyOf(accepted.values());
  }

  private static int[] lineStarts(String text) {
    int count = 1;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      count++;
    }
    int[] starts = new int[count];
    int n = 1;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      starts[n++] = i + 1;
    }
    return starts;
  }

  private static int lineOf(int[] lineStarts, int offset) {
    int found = Arrays.binarySearch(lineStarts, offset);
    return found >= 0 ? found : -found - 2;
  }

  private record Candidate(int priority, SecretFinding finding) {}

  /** A window on a string, so lines are matched without being copied. */
  private static final class Slice implements CharSequence {
    final String text;
    final int offset;
    final int length;

    Slice(String text, int start, int end) {
      this.text = text;
      this.offset = start;
      this.length = end - start;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      return text.charAt(offset + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.substring(offset + start, offset + end);
    }

    @Override
    public String toString() {
      return text.substring(offset, offset + length);
    }
  }

  private static final class CompiledRule {
    final SecretRule rule;
    final int index;
    final Pattern regex;
    final Pattern path;
    final List<CompiledAllowlist> allowlists;

    /** No usable keyword: every line is tried. */
    final boolean anyLine;

    CompiledRule(SecretRule rule, int index) {
      this.rule = rule;
      this.index = index;
      String where = "rule '" + rule.id() + "'";
      // Anchored rules get an explicit ^: RE2/J stops an anchored match early only when the
      // pattern itself starts at the beginning of the text, not when lookingAt() anchors it.
      this.regex =
          SecretRuleSet.compile(
              rule.keywordAnchored() ? "^(?:" + rule.regex() + ")" : rule.regex(),
              "the scanner's rules",
              where + " regex");
      this.path =
          rule.path().isEmpty()
              ? null
              : SecretRuleSet.compile(rule.path(), "the scanner's rules", where + " path");
      this.allowlists = rule.allowlists().stream().map(CompiledAllowlist::new).toList();
      this.anyLine =
          rule.keywords().isEmpty()
              || rule.keywords().stream().anyMatch(k -> !k.chars().allMatch(c -> c < 128));
    }

    boolean appliesTo(String source) {
      return path == null || path.matcher(source).find();
    }

    /** Whether an allowlist with only paths exempts the source, so the rule need not run at all. */
    boolean exemptsWholeSource(String source) {
      for (CompiledAllowlist list : allowlists) {
        if (list.regexes.isEmpty()
            && !list.allowlist.lowersConfidence()
            && list.stopWords.isEmpty()
            && !list.paths.isEmpty()
            && list.paths.stream().anyMatch(p -> p.matcher(source).find())) {
          return true;
        }
      }
      return false;
    }
  }

  private static final class CompiledAllowlist {
    final RuleAllowlist allowlist;
    final List<Pattern> regexes;
    final List<Pattern> paths;
    final List<String> stopWords;

    CompiledAllowlist(RuleAllowlist allowlist) {
      this.allowlist = allowlist;
      String where = "allowlist '" + allowlist.description() + "'";
      this.regexes =
          allowlist.regexes().stream()
              .map(r -> SecretRuleSet.compile(r, "the scanner's rules", where))
              .toList();
      this.paths =
          allowlist.paths().stream()
              .map(r -> SecretRuleSet.compile(r, "the scanner's rules", where))
              .toList();
      this.stopWords = allowlist.stopWords().stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
    }

    boolean allows(String source, String secret, String match, String line) {
      if (allowlist.isEmpty()) {
        return false;
      }
      String target =
          switch (allowlist.target()) {
            case SECRET -> secret;
            case MATCH -> match;
            case LINE -> line;
          };
      Boolean byRegex =
          regexes.isEmpty() ? null : regexes.stream().anyMatch(p -> p.matcher(target).find());
      Boolean byPath =
          paths.isEmpty() ? null : paths.stream().anyMatch(p -> p.matcher(source).find());
      Boolean byStopWord = null;
      if (!stopWords.isEmpty()) {
        String lower = secret.toLowerCase(Locale.ROOT);
        byStopWord = stopWords.stream().anyMatch(lower::contains);
      }
      if (allowlist.requireAll()) {
        return !Boolean.FALSE.equals(byRegex)
            && !Boolean.FALSE.equals(byPath)
            && !Boolean.FALSE.equals(byStopWord);
      }
      return Boolean.TRUE.equals(byRegex)
          || Boolean.TRUE.equals(byPath)
          || Boolean.TRUE.equals(byStopWord);
    }
  }

  /** Configures a {@link DefaultSecretScanner}. */
  public static final class Builder {
    private SecretRuleSet rules;
    private SecretBaseline baseline = SecretBaseline.EMPTY;

    private Builder() {}

    /** The rules to run; {@link SecretRuleSet#defaults()} when not set. */
    public Builder rules(SecretRuleSet rules) {
      this.rules = Objects.requireNonNull(rules, "rules");
      return this;
    }

    /** Findings to accept; empty by default. */
    public Builder baseline(SecretBaseline baseline) {
      this.baseline = Objects.requireNonNull(baseline, "baseline");
      return this;
    }

    /**
     * Compiles the rules into a scanner.
     *
     * @throws dev.beca.core.InvalidInputException when a regex does not compile, naming the rule
     */
    public DefaultSecretScanner build() {
      if (rules == null) {
        rules = SecretRuleSet.defaults();
      }
      return new DefaultSecretScanner(this);
    }
  }
}
