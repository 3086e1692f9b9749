package dev.beca.models;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beca.core.ModelRequestException;
import dev.beca.core.model.ModelInfo;
import dev.beca.core.model.ModelParameters;
import dev.beca.core.model.ModelServer;
import dev.beca.core.model.PullProgress;
import dev.beca.core.model.ServerAdvice;
import dev.beca.core.model.UrlCredentials;
import dev.beca.models.internal.ServerHttp;
import dev.beca.models.internal.StreamingChatModels;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An OpenAI-compatible server (LM Studio, vLLM, llama.cpp's server): chat through LangChain4j's
 * OpenAI client pointed at the configured base URL over HTTP/1.1, models from {@code GET /models}.
 * These servers report neither digests nor capabilities, and models are managed in their own UI:
 * {@link #pull} and {@link #delete} are refused with advice.
 */
public final class OpenAiCompatibleModelServer implements ModelServer {

  private static final String WHEN_UNREACHABLE =
      "Start the server (in LM Studio: Developer > Start Server), or fix its URL.";

  private final String name;
  private final OpenAiCompatibleSettings settings;
  private final ServerHttp http;
  private final StreamingChatModels chatModels;

  /**
   * Creates the server; nothing is sent until it is used.
   *
   * @param name the name the user knows it by, e.g. {@code lmstudio}
   * @param settings where it is, its key and timeouts
   */
  public OpenAiCompatibleModelServer(String name, OpenAiCompatibleSettings settings) {
    this.name = ServerHttp.checkedName(name);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http =
        new ServerHttp(
            name,
            settings.baseUrl(),
            settings.connectTimeout(),
            settings.timeout(),
            settings.apiKey() == null
                ? Map.of()
                : Map.of("Authorization", "Bearer " + settings.apiKey()),
            WHEN_UNREACHABLE);
    ServerAdvice advice =
        new ServerAdvice(
            settings.baseUrl(),
            WHEN_UNREACHABLE,
            "Load or download the model in the server's own UI, or choose one `beca models list` shows.");
    this.chatModels =
        new StreamingChatModels(
            settings.connectTimeout(), settings.timeout(), this::client, model -> advice);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String kind() {
    return "openai";
  }

  @Override
  public String baseUrl() {
    return UrlCredentials.redact(settings.baseUrl());
  }

  /** OpenAI's API has no version endpoint: listing the models is the liveness check. */
  @Override
  public String version() {
    http.get("/models");
    return "";
  }

  @Override
  public List<ModelInfo> models() {
    List<ModelInfo> models = new ArrayList<>();
    for (JsonNode m : http.get("/models").path("data")) {
      models.add(
          new ModelInfo(
              name, m.path("id").asText(), "", 0, "", "", "", Set.of(), Optional.empty()));
    }
    return models;
  }

  @Override
  public Optional<ModelInfo> model(String model) {
    return models().stream().filter(m -> m.name().equals(model)).findFirst();
  }

  @Override
  public StreamingChatModel streamingChatModel(String model, ModelParameters parameters) {
    return chatModels.get(model, parameters);
  }

  private StreamingChatModel client(String model, ModelParameters p, HttpClientBuilder httpClient) {
    OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder builder =
        OpenAiStreamingChatModel.builder()
            .baseUrl(settings.baseUrl())
            .apiKey(settings.apiKey())
            .modelName(model)
            .temperature(p.temperature())
            .topP(p.topP())
            .seed(p.seed())
            .httpClientBuilder(httpClient);
    if (!p.stop().isEmpty()) {
      builder.stop(p.stop());
    }
    return builder.build();
  }

  @Override
  public boolean managesModels() {
    return false;
  }

  @Override
  public void pull(String model, Consumer<PullProgress> progress) {
    throw unsupported("download");
  }

  @Override
  public void delete(String model) {
    throw unsupported("delete");
  }

  private ModelRequestException unsupported(String what) {
    return new ModelRequestException(
        "Server " + name + " speaks the OpenAI-compatible API, which cannot " + what + " models.",
        "Use the server's own tools (LM Studio: the Discover tab or `lms get`).",
        null);
  }

  @Override
  public String toString() {
    return "OpenAiCompatibleModelServer[" + name + " at " + baseUrl() + "]";
  }
}
