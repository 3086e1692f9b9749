package dev.beca.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Both kinds of model server take only names that fit configuration keys and commands. */
class ModelServerNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"ollama", "lm-studio", "gpu_box.2"})
  void acceptsLettersDigitsDotsDashesAndUnderscores(String name) {
    assertThat(new OllamaModelServer(name, OllamaSettings.builder().build()).name())
        .isEqualTo(name);
    assertThat(
            new OpenAiCompatibleModelServer(name, OpenAiCompatibleSettings.builder().build())
                .name())
        .isEqualTo(name);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "my server", "a/b", "x=y"})
  void refusesOtherNamesWithTheRuleInTheMessage(String name) {
    assertThatThrownBy(() -> new OllamaModelServer(name, OllamaSettings.builder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letters, digits");
    assertThatThrownBy(
            () -> new OpenAiCompatibleModelServer(name, OpenAiCompatibleSettings.builder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letters, digits");
  }
}
