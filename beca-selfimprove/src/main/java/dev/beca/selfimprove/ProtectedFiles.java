package dev.beca.selfimprove;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The files a proposal may not change because the evaluation depends on them: build files, test
 * configuration, the benchmark's settings and anything under {@code .beca/}. A proposal touching
 * one is refused before it runs, and the engine compares their hashes before each evaluation step.
 * The user may allow some of them ({@link Builder#allow(String)}).
 *
 * <p>Patterns are globs over the path relative to the project, with {@code /} as separator: {@code
 * *} is any run of characters but {@code /}, {@code **} any run including {@code /}, {@code ?} one
 * character; {@code **}{@code /x} matches {@code x} at any depth, the top included.
 */
public final class ProtectedFiles {

  /** The default protected set. */
  public static final List<String> DEFAULT_PATTERNS =
      List.of(
          // build files
          "**/pom.xml",
          "**/build.gradle",
          "**/build.gradle.kts",
          "**/settings.gradle",
          "**/settings.gradle.kts",
          "**/gradle.properties",
          "gradle/**",
          "gradlew",
          "gradlew.bat",
          "mvnw",
          "mvnw.cmd",
          ".mvn/**",
          "**/build.xml",
          "**/Makefile",
          "**/pyproject.toml",
          "**/setup.py",
          "**/setup.cfg",
          "**/requirements*.txt",
          // test configuration
          "**/pytest.ini",
          "**/tox.ini",
          "**/noxfile.py",
          "**/conftest.py",
          "**/.coveragerc",
          "**/junit-platform.properties",
          "**/src/test/resources/**",
          // the benchmark's and linters' settings, BECA's own files, repository behaviour
          ".beca/**",
          "**/.pylintrc",
          "**/pylintrc",
          "**/.bandit",
          "**/pmd*.xml",
          "**/.gitattributes",
          ".github/**",
          ".gitlab-ci.yml");

  private final List<String> patterns;
  private final List<String> allowed;
  private final List<Pattern> compiledPatterns;
  private final List<Pattern> compiledAllowed;

  private ProtectedFiles(Builder builder) {
    this.patterns = List.copyOf(builder.patterns);
    this.allowed = List.copyOf(builder.allowed);
    this.compiledPatterns = patterns.stream().map(ProtectedFiles::glob).toList();
    this.compiledAllowed = allowed.stream().map(ProtectedFiles::glob).toList();
  }

  /** The default set, nothing allowed. */
  public static ProtectedFiles defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #DEFAULT_PATTERNS}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The protected patterns. */
  public List<String> patterns() {
    return patterns;
  }

  /** The patterns the user allowed proposals to change. */
  public List<String> allowed() {
    return allowed;
  }

  /**
   * Whether a proposal may not change a path.
   *
   * @param relativePath the path relative to the project, {@code /}-separated
   * @return true when it matches a protected pattern and no allowed one
   */
  public boolean isProtected(String relativePath) {
    String path = relativePath.replace('\\', '/');
    return compiledPatterns.stream().anyMatch(p -> p.matcher(path).matches())
        && compiledAllowed.stream().noneMatch(p -> p.matcher(path).matches());
  }

  /** The regular expression of a glob (see the class comment). */
  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        if (i + 2 < glob.length() && glob.charAt(i + 2) == '/') {
          re.append("(?:.*/)?");
          i += 2;
        } else {
          re.append(".*");
          i++;
        }
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  @Override
  public String toString() {
    return "ProtectedFiles[" + patterns.size() + " patterns, allowed=" + allowed + "]";
  }

  /** Builds {@link ProtectedFiles}; setters fail fast naming the field. */
  public static final class Builder {
    private final List<String> patterns = new ArrayList<>(DEFAULT_PATTERNS);
    private final List<String> allowed = new ArrayList<>();

    private Builder() {}

    /** Adds a protected pattern. */
    public Builder protect(String pattern) {
      patterns.add(check(pattern, "protect"));
      return this;
    }

    /** Lets proposals change the paths matching this pattern, though protected. */
    public Builder allow(String pattern) {
      allowed.add(check(pattern, "allow"));
      return this;
    }

    /** Removes every pattern, the defaults included (then add your own with {@link #protect}). */
    public Builder clearPatterns() {
      patterns.clear();
      return this;
    }

    /** The set. */
    public ProtectedFiles build() {
      return new ProtectedFiles(this);
    }

    private static String check(String pattern, String field) {
      Objects.requireNonNull(pattern, field);
      if (pattern.isBlank() || pattern.startsWith("/")) {
        throw new IllegalArgumentException(
            field + " must be a glob relative to the project, was '" + pattern + "'");
      }
      return pattern;
    }
  }
}
