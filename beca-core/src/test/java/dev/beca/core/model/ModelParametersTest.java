package dev.beca.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelParametersTest {

  @Test
  void encodeAndDecodeRoundTripEveryField() {
    ModelParameters p =
        new ModelParameters(
            0.3, 0.8, 16384, 42, List.of("</s>", "x=y\n#z"), Duration.ofSeconds(90));

    assertThat(ModelParameters.decode(p.encode())).isEqualTo(p);
    assertThat(ModelParameters.decode(ModelParameters.SERVER_DEFAULTS.encode()))
        .isEqualTo(ModelParameters.SERVER_DEFAULTS);
  }

  @Test
  void codingModelsSampleCoolerThanGeneralOnes() {
    assertThat(ModelParameters.defaultsFor("qwen2", "qwen2.5-coder:7b").temperature())
        .isEqualTo(0.2);
    assertThat(ModelParameters.defaultsFor("llama", "llama3.2:latest").temperature())
        .isEqualTo(0.7);
    assertThat(ModelParameters.defaultsFor("", "x").contextLength()).isEqualTo(8192);
  }

  @Test
  void overridesReplaceOnlyWhatTheySet() {
    ModelParameters base = ModelParameters.defaultsFor("llama", "llama3.2");
    ModelParameters merged =
        base.overriddenBy(new ModelParameters(0.1, null, null, 7, List.of(), null));

    assertThat(merged)
        .isEqualTo(new ModelParameters(0.1, 0.9, 8192, 7, List.of(), Duration.ofMinutes(10)));
  }

  @Test
  void outOfRangeValuesAreRejectedNamingTheParameter() {
    assertThatThrownBy(() -> new ModelParameters(3.0, null, null, null, List.of(), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("temperature");
    assertThatThrownBy(() -> new ModelParameters(null, 0.0, null, null, List.of(), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("top_p");
    assertThatThrownBy(() -> new ModelParameters(null, null, 10, null, List.of(), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("context length");
  }

  @Test
  void malformedStoredParametersAreReportedClearly() {
    assertThatThrownBy(() -> ModelParameters.decode("temperature=hot\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("malformed");
  }
}
