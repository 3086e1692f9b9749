package dev.beca.core.agent;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The environment a command runs with: BECA's own, without the variables whose names look like
 * credentials, so that a command (or a build script it runs) cannot read BECA's API keys or the
 * user's tokens. Dropped, by name (case-insensitive):
 *
 * <ul>
 *   <li>every {@code BECA_*} variable (BECA's settings, among them {@code BECA_OPENAI_API_KEY});
 *   <li>the prefixes {@code AWS_}, {@code AZURE_}, {@code GOOGLE_APPLICATION_CREDENTIALS}, {@code
 *       OPENAI_}, {@code ANTHROPIC_}, {@code OLLAMA_}, {@code HF_}, {@code HUGGING_FACE}, {@code
 *       GH_}, {@code GITHUB_}, {@code GITLAB_}, {@code NPM_}, {@code DOCKER_}, {@code VAULT_},
 *       {@code GPG_};
 *   <li>names containing {@code TOKEN}, {@code SECRET}, {@code PASSWORD}, {@code PASSWD}, {@code
 *       PASSPHRASE}, {@code CREDENTIAL}, {@code API_KEY}, {@code APIKEY}, {@code ACCESS_KEY},
 *       {@code PRIVATE_KEY}, {@code AUTH} ({@code SSH_AUTH_SOCK} reaches the SSH agent), {@code
 *       COOKIE}, {@code SESSION};
 *   <li>names ending in {@code _KEY}, {@code _PASS} or {@code _PAT};
 *   <li>{@code SSH_AGENT_PID}, {@code KRB5CCNAME}, {@code DBUS_SESSION_BUS_ADDRESS}.
 * </ul>
 *
 * Everything else is kept: {@code PATH}, {@code HOME}, {@code JAVA_HOME}, {@code LANG}, {@code
 * LC_*}, {@code TERM}, {@code USER}, {@code MAVEN_OPTS}, {@code TZ} and the like.
 */
public final class CommandEnvironment {

  private static final List<String> PREFIXES =
      List.of(
          "BECA_",
          "AWS_",
          "AZURE_",
          "GOOGLE_APPLICATION_CREDENTIALS",
          "OPENAI_",
          "ANTHROPIC_",
          "OLLAMA_",
          "HF_",
          "HUGGING_FACE",
          "GH_",
          "GITHUB_",
          "GITLAB_",
          "NPM_",
          "DOCKER_",
          "VAULT_",
          "GPG_");

  private static final List<String> PARTS =
      List.of(
          "TOKEN",
          "SECRET",
          "PASSWORD",
          "PASSWD",
          "PASSPHRASE",
          "CREDENTIAL",
          "API_KEY",
          "APIKEY",
          "ACCESS_KEY",
          "PRIVATE_KEY",
          "AUTH",
          "COOKIE",
          "SESSION");

  private static final List<String> SUFFIXES = List.of("_KEY", "_PASS", "_PAT");

  private static final List<String> NAMES =
      List.of("SSH_AGENT_PID", "KRB5CCNAME", "DBUS_SESSION_BUS_ADDRESS");

  private CommandEnvironment() {}

  /**
   * Whether a variable's name looks like a credential, so it is dropped.
   *
   * @param name the variable's name
   * @return true when a command must not see it
   */
  public static boolean isDropped(String name) {
    String n = Objects.requireNonNull(name, "name").toUpperCase(Locale.ROOT);
    return PREFIXES.stream().anyMatch(n::startsWith)
        || PARTS.stream().anyMatch(n::contains)
        || SUFFIXES.stream().anyMatch(n::endsWith)
        || NAMES.contains(n);
  }

  /**
   * The environment without the dropped variables.
   *
   * @param environment an environment, usually {@link System#getenv()}
   * @return a new, sorted map of the variables kept
   */
  public static Map<String, String> scrub(Map<String, String> environment) {
    Map<String, String> kept = new TreeMap<>();
    Objects.requireNonNull(environment, "environment")
        .forEach(
            (name, value) -> {
              if (name != null && value != null && !isDropped(name)) {
                kept.put(name, value);
              }
            });
    return kept;
  }
}
