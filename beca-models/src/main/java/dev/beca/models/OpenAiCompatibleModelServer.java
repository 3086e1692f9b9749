package dev.beca.models;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beca.core.ModelRequestException;
import dev.beca.core.model.ModelInfo;
import dev.beca.core.model.ModelParameters;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelServer;
import dev.beca.core.model.PullProgress;
import dev.beca.core.model.ServerAdvice;
import dev.beca.models.internal.AuditingHttpClientBuilder;
import dev.beca.models.internal.ServerHttp;
import dev.beca.models.internal.TranslatingStreamingChatModel;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An OpenAI-compatible server (LM Studio, vLLM, llama.cpp's server): chat through LangChain4j's
 * OpenAI client pointed at the configured base URL over HTTP/1.1, models from {@code GET /models}.
 * These servers report neither digests nor capabilities, and models are managed in their own UI:
 * {@link #pull} and {@link #delete} are refused with advice.
 */
public final class OpenAiCompatibleModelServer implements ModelServer {

  private final String name;
  private final OpenAiCompatibleSettings settings;
  private final ServerHttp http;
  private final Map<ChatKey, StreamingChatModel> chatModels = new ConcurrentHashMap<>();

  /** A built client per model and parameters; records compare by value, cheaply, on every call. */
  private record ChatKey(String model, ModelParameters parameters) {}

  /**
   * Creates the server; nothing is sent until it is used.
   *
   * @param name the name the user knows it by, e.g. {@code lmstudio}
   * @param settings where it is, its key and timeouts
   */
  public OpenAiCompatibleModelServer(String name, OpenAiCompatibleSettings settings) {
    if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("name must be letters, digits, '.', '_' or '-', was '" + name + "'");
    }
    this.name = name;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = new ServerHttp(name, settings.baseUrl(), settings.connectTimeout(), settings.timeout(),
        settings.apiKey() == null ? Map.of() : Map.of("Authorization", "Bearer " + settings.apiKey()),
        "Start the server (in LM Studio: Developer > Start Server), or fix its URL.");
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
    return settings.baseUrl();
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
      models.add(new ModelInfo(name, m.path("id").asText(), "", 0, "", "", "", Set.of(), Optional.empty()));
    }
    return models;
  }

  @Override
  public Optional<ModelInfo> model(String model) {
    return models().stream().filter(m -> m.name().equals(model)).findFirst();
  }

  @Override
  public StreamingChatModel streamingChatModel(String model, ModelParameters parameters) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(parameters, "parameters");
    return chatModels.computeIfAbsent(new ChatKey(model, parameters), k -> build(model, parameters));
  }

  private StreamingChatModel build(String model, ModelParameters p) {
    OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder builder = OpenAiStreamingChatModel.builder()
        .baseUrl(settings.baseUrl())
        .apiKey(settings.apiKey())
        .modelName(model)
        .temperature(p.temperature())
        .topP(p.topP())
        .seed(p.seed())
        .httpClientBuilder(new AuditingHttpClientBuilder(
            JdkHttpClient.builder()
                // LM Studio answers HTTP/1.1 only; the JDK's h2c upgrade attempt confuses it.
                .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1))
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.timeout())));
    if (!p.stop().isEmpty()) {
      builder.stop(p.stop());
    }
    ModelRef ref = new ModelRef(ModelRole.GENERAL, model);
    return new TranslatingStreamingChatModel(builder.build(), ref, new ServerAdvice(
        settings.baseUrl(),
        "Start the server (in LM Studio: Developer > Start Server), or fix its URL.",
        "Load or download the model in the server's own UI, or choose one `beca models list` shows."));
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
        "Use the server's own tools (LM Studio: the Discover tab or `lms get`).", null);
  }

  @Override
  public String toString() {
    return "OpenAiCompatibleModelServer[" + name + " at " + settings.baseUrl() + "]";
  }
}
