package dev.beca.benchmark.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment tools run in: the caller's, minus variables that make tools behave differently
 * from a developer's run (CI markers, injected JVM or Python options, tool settings).
 */
public final class ControlledEnvironment {

  /** Variables removed by exact name. */
  static final List<String> REMOVED =
      List.of(
          "CI",
          "CONTINUOUS_INTEGRATION",
          "BUILD_ID",
          "BUILD_NUMBER",
          "BUILD_URL",
          "TF_BUILD",
          "TEAMCITY_VERSION",
          "BUILDKITE",
          "DRONE",
          "JAVA_TOOL_OPTIONS",
          "_JAVA_OPTIONS",
          "JDK_JAVA_OPTIONS",
          "MAVEN_OPTS",
          "MAVEN_ARGS",
          "MAVEN_CONFIG",
          "PYTHONPATH",
          "PYTHONSTARTUP",
          "PYTHONHOME",
          "PYTHONWARNINGS",
          "PYTEST_ADDOPTS",
          "PYTEST_PLUGINS",
          "PYLINTRC",
          "VIRTUAL_ENV_DISABLE_PROMPT");

  /** Variables removed by prefix. */
  static final List<String> REMOVED_PREFIXES =
      List.of(
          "GITHUB_",
          "GITLAB_",
          "CI_",
          "TRAVIS",
          "CIRCLE",
          "JENKINS_",
          "BUILDKITE_",
          "APPVEYOR",
          "BITBUCKET_",
          "CODEBUILD_",
          "COVERAGE_",
          "BANDIT_",
          "SUREFIRE_",
          "BECA_");

  private ControlledEnvironment() {}

  /**
   * The controlled environment derived from another one.
   *
   * @param inherited usually {@link System#getenv()}
   * @return a new mutable, sorted map
   */
  public static Map<String, String> from(Map<String, String> inherited) {
    Map<String, String> env = new TreeMap<>();
    inherited.forEach(
        (name, value) -> {
          if (!REMOVED.contains(name) && REMOVED_PREFIXES.stream().noneMatch(name::startsWith)) {
            env.put(name, value);
          }
        });
    // Tools must not write byte code or caches into the project.
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    return env;
  }
}
