package dev.beca.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandEnvironmentTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "BECA_OPENAI_API_KEY",
        "BECA_DATA_DIR",
        "OPENAI_API_KEY",
        "ANTHROPIC_API_KEY",
        "OLLAMA_HOST",
        "AWS_ACCESS_KEY_ID",
        "AWS_PROFILE",
        "GITHUB_TOKEN",
        "GH_TOKEN",
        "NPM_TOKEN",
        "HF_TOKEN",
        "CI_JOB_TOKEN",
        "DB_PASSWORD",
        "MYSQL_PWD_PASSWD",
        "STRIPE_SECRET",
        "GOOGLE_APPLICATION_CREDENTIALS",
        "SSH_AUTH_SOCK",
        "SSH_AGENT_PID",
        "SIGNING_KEY",
        "my_api_key",
        "DOCKER_AUTH_CONFIG",
        "VAULT_ADDR"
      })
  void credentialLikeVariablesAreDropped(String name) {
    assertThat(CommandEnvironment.isDropped(name)).isTrue();
    assertThat(CommandEnvironment.scrub(Map.of(name, "value"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PATH",
        "HOME",
        "JAVA_HOME",
        "LANG",
        "LC_ALL",
        "TERM",
        "USER",
        "MAVEN_OPTS",
        "TZ",
        "PWD",
        "SHELL",
        "KEYBOARD"
      })
  void ordinaryVariablesAreKept(String name) {
    assertThat(CommandEnvironment.isDropped(name)).isFalse();
  }

  @Test
  void scrubKeepsTheValuesOfWhatItKeeps() {
    assertThat(
            CommandEnvironment.scrub(
                Map.of("PATH", "/usr/bin", "BECA_OPENAI_API_KEY", "sk-x", "LANG", "C.UTF-8")))
        .containsExactly(Map.entry("LANG", "C.UTF-8"), Map.entry("PATH", "/usr/bin"));
  }
}
