package dev.beca.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The builders of {@link OllamaSettings} and {@link OpenAiCompatibleSettings}: defaults, checks
 * with messages naming the field, copies, and setters that chain in any order.
 */
class ServerSettingsTest {

  @Test
  void defaultsPointAtTheLocalServerWithFiveSecondsToConnectAndFiveMinutesToAnswer() {
    OllamaSettings ollama = OllamaSettings.builder().build();
    OpenAiCompatibleSettings openAi = OpenAiCompatibleSettings.builder().build();

    assertThat(ollama.baseUrl()).isEqualTo("http://localhost:11434");
    assertThat(ollama.generalModel()).isEqualTo("llama3.2");
    assertThat(ollama.codingModel()).isEqualTo("qwen2.5-coder");
    assertThat(ollama.reconfigureHint()).isEqualTo("the Ollama base URL setting");
    assertThat(openAi.baseUrl()).isEqualTo("http://localhost:1234/v1");
    assertThat(openAi.apiKey()).isNull();
    for (Duration connect : new Duration[] {ollama.connectTimeout(), openAi.connectTimeout()}) {
      assertThat(connect).isEqualTo(Duration.ofSeconds(5));
    }
    for (Duration answer : new Duration[] {ollama.timeout(), openAi.timeout()}) {
      assertThat(answer).isEqualTo(Duration.ofMinutes(5));
    }
  }

  @Test
  void baseUrlIsStrippedAndLosesItsTrailingSlash() {
    assertThat(OllamaSettings.builder().baseUrl("  http://gpu-box:11434/ ").build().baseUrl())
        .isEqualTo("http://gpu-box:11434");
    assertThat(
            OpenAiCompatibleSettings.builder().baseUrl("https://vllm.local/v1/").build().baseUrl())
        .isEqualTo("https://vllm.local/v1");
  }

  @Test
  void baseUrlThatIsNotHttpWithAHostIsRefusedWithTheServersDefaultAsExample() {
    assertThatThrownBy(() -> OllamaSettings.builder().baseUrl("ftp://gpu-box"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "baseUrl must be an http(s) URL with a host, like http://localhost:11434, was 'ftp://gpu-box'");
    assertThatThrownBy(() -> OpenAiCompatibleSettings.builder().baseUrl("localhost:1234"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "baseUrl must be an http(s) URL with a host, like http://localhost:1234/v1, was 'localhost:1234'");
    assertThatThrownBy(() -> OpenAiCompatibleSettings.builder().baseUrl("http://a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl is not a valid URL: 'http://a b'");
    assertThatThrownBy(() -> OllamaSettings.builder().baseUrl(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("baseUrl");
  }

  @Test
  void timeoutsMustBePositiveAndTheMessageNamesTheField() {
    assertThatThrownBy(() -> OllamaSettings.builder().connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectTimeout must be positive, was PT0S");
    assertThatThrownBy(() -> OpenAiCompatibleSettings.builder().timeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, was PT-1S");
    assertThatThrownBy(() -> OpenAiCompatibleSettings.builder().connectTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("connectTimeout");
  }

  @Test
  void ollamaModelNamesAndHintMustNotBeBlank() {
    assertThatThrownBy(() -> OllamaSettings.builder().generalModel(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("generalModel must not be blank");
    assertThatThrownBy(() -> OllamaSettings.builder().codingModel("qwen coder"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("codingModel must not contain spaces, was 'qwen coder'");
    assertThatThrownBy(() -> OllamaSettings.builder().reconfigureHint(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reconfigureHint must not be blank");
  }

  @Test
  void blankApiKeyMeansNoneAndAGivenOneIsStripped() {
    assertThat(OpenAiCompatibleSettings.builder().apiKey("  ").build().apiKey()).isNull();
    assertThat(OpenAiCompatibleSettings.builder().apiKey(" sk-1 ").build().apiKey())
        .isEqualTo("sk-1");
  }

  @Test
  void sharedAndOwnSettersChainInAnyOrderAndToBuilderKeepsEverySetting() {
    OllamaSettings ollama =
        OllamaSettings.builder()
            .reconfigureHint("--ollama-url")
            .baseUrl("http://gpu-box:11434")
            .generalModel("mistral:7b")
            .timeout(Duration.ofSeconds(30))
            .codingModel("qwen2.5-coder:7b")
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    OpenAiCompatibleSettings openAi =
        OpenAiCompatibleSettings.builder()
            .timeout(Duration.ofSeconds(40))
            .apiKey("sk-1")
            .baseUrl("http://vllm:8000/v1")
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    OllamaSettings ollamaCopy = ollama.toBuilder().build();
    OpenAiCompatibleSettings openAiCopy = openAi.toBuilder().build();

    assertThat(ollamaCopy.toString())
        .isEqualTo(ollama.toString())
        .isEqualTo(
            "OllamaSettings[baseUrl=http://gpu-box:11434, generalModel=mistral:7b, "
                + "codingModel=qwen2.5-coder:7b, connectTimeout=PT2S, timeout=PT30S]");
    assertThat(ollamaCopy.reconfigureHint()).isEqualTo("--ollama-url");
    assertThat(openAiCopy.toString())
        .isEqualTo(openAi.toString())
        .isEqualTo(
            "OpenAiCompatibleSettings[baseUrl=http://vllm:8000/v1, apiKey=set, connectTimeout=PT3S, "
                + "timeout=PT40S]");
    assertThat(openAiCopy.apiKey()).isEqualTo("sk-1");
  }
}
