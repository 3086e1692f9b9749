package dev.beca.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.ModelRequestException;
import dev.beca.core.ModelUnavailableException;
import dev.beca.core.NotFoundException;
import dev.beca.core.model.ModelInfo;
import dev.beca.core.model.PullProgress;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaModelSpec;
import dev.beca.core.testkit.OllamaPullReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ollama's management API through {@link OllamaModelServer}, over real sockets. */
class OllamaModelServerTest {

  private OllamaLoopbackServer ollama;
  private OllamaModelServer server;

  @BeforeEach
  void start() {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
    server =
        new OllamaModelServer(
            "ollama",
            OllamaSettings.builder()
                .baseUrl(ollama.baseUrl())
                .timeout(Duration.ofSeconds(5))
                .build());
  }

  @AfterEach
  void stop() {
    ollama.close();
  }

  @Test
  void reportsTheServersVersion() {
    assertThat(server.version()).isEqualTo(OllamaLoopbackServer.DEFAULT_VERSION);
  }

  @Test
  void listsModelsWithTheirDetails() {
    OllamaModelSpec spec = ollama.model("llama3.2").orElseThrow();

    assertThat(server.models())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.server()).isEqualTo("ollama");
              assertThat(m.name()).isEqualTo("llama3.2:latest");
              assertThat(m.digest()).isEqualTo(spec.digest());
              assertThat(m.sizeBytes()).isEqualTo(spec.size());
              assertThat(m.family()).isEqualTo(spec.details().family());
              assertThat(m.parameterSize()).isEqualTo("3.2B");
              assertThat(m.quantization()).isEqualTo("Q4_K_M");
              assertThat(m.modifiedAt()).isPresent();
            });
  }

  @Test
  void describesOneModelWithCapabilitiesResolvingTheLatestTag() {
    ollama.addModel(
        OllamaModelSpec.of("nomic-embed-text").withCapabilities(OllamaModelSpec.EMBEDDING));

    ModelInfo llama = server.model("llama3.2").orElseThrow();
    ModelInfo embed = server.model("nomic-embed-text:latest").orElseThrow();

    assertThat(llama.name()).isEqualTo("llama3.2:latest");
    assertThat(llama.capabilities()).contains("completion", "tools");
    assertThat(embed.hasCapability("completion")).isFalse();
    assertThat(server.model("no-such-model")).isEmpty();
  }

  @Test
  void pullStreamsProgressAndInstallsTheModel() {
    ollama.addPullable(OllamaModelSpec.of("qwen2.5-coder:7b"));
    List<PullProgress> progress = new ArrayList<>();

    server.pull("qwen2.5-coder:7b", progress::add);

    assertThat(progress).first().extracting(PullProgress::status).isEqualTo("pulling manifest");
    assertThat(progress).last().extracting(PullProgress::status).isEqualTo("success");
    assertThat(progress).anySatisfy(p -> assertThat(p.fraction()).isBetween(0.0, 1.0).isPositive());
    assertThat(server.model("qwen2.5-coder:7b")).isPresent();
  }

  @Test
  void errorInsideThePullStreamIsReportedClearlyAfterTheProgressBeforeIt() {
    ollama.addPullable(OllamaModelSpec.of("mistral"));
    ollama.enqueuePull(OllamaPullReply.failingAfter(3, "max retries exceeded: unexpected EOF"));
    List<PullProgress> progress = new ArrayList<>();

    assertThatThrownBy(() -> server.pull("mistral", progress::add))
        .isInstanceOf(ModelRequestException.class)
        .hasMessageContaining("could not pull 'mistral'")
        .hasMessageContaining("max retries exceeded: unexpected EOF");
    assertThat(progress).hasSize(3);
    assertThat(server.model("mistral")).isEmpty();
  }

  @Test
  void pullOfAnUnknownModelFailsWithTheServersReason() {
    assertThatThrownBy(() -> server.pull("no-such-model", p -> {}))
        .isInstanceOf(ModelRequestException.class)
        .hasMessageContaining("file does not exist");
  }

  @Test
  void deleteRemovesTheModelAndReportsAMissingOne() {
    server.delete("llama3.2");

    assertThat(ollama.models()).isEmpty();
    assertThatThrownBy(() -> server.delete("llama3.2"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no model 'llama3.2'");
  }

  @Test
  void serverDownIsRetriableAndSaysWhatToDo() {
    OllamaModelServer down =
        new OllamaModelServer(
            "ollama",
            OllamaSettings.builder()
                .baseUrl(OllamaLoopbackServer.unusedLoopbackUrl())
                .reconfigureHint("--ollama-url")
                .build());

    assertThatThrownBy(down::models)
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("No model server answers at")
        .hasMessageContaining("ollama serve");
  }

  @Test
  void serverErrorOnListingIsRetriable() {
    ollama.failNext("/api/tags", 500, "boom");

    assertThatThrownBy(server::models)
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("boom");
  }
}
