package dev.beca.models;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beca.core.ModelRequestException;
import dev.beca.core.NotFoundException;
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
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An Ollama server: chat through LangChain4j's Ollama client, management over Ollama's documented
 * REST API ({@code /api/version}, {@code /api/tags}, {@code /api/show}, {@code /api/pull}, {@code
 * /api/delete}; LangChain4j has no pull). Thread-safe; chat clients are built once per model and
 * parameters.
 */
public final class OllamaModelServer implements ModelServer {

  private final String name;
  private final OllamaSettings settings;
  private final ServerHttp http;
  private final StreamingChatModels chatModels;

  /**
   * Creates the server; nothing is sent until it is used.
   *
   * @param name the name the user knows it by, e.g. {@code ollama}
   * @param settings where it is and its timeouts
   */
  public OllamaModelServer(String name, OllamaSettings settings) {
    this.name = ServerHttp.checkedName(name);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http =
        new ServerHttp(
            name,
            settings.baseUrl(),
            settings.connectTimeout(),
            settings.timeout(),
            Map.of(),
            "Start Ollama (`ollama serve`), or point BECA at another server with "
                + settings.reconfigureHint()
                + ".");
    this.chatModels =
        new StreamingChatModels(
            settings.connectTimeout(), settings.timeout(), this::client, this::advice);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String kind() {
    return "ollama";
  }

  @Override
  public String baseUrl() {
    return UrlCredentials.redact(settings.baseUrl());
  }

  /** The settings this server was built with. */
  public OllamaSettings settings() {
    return settings;
  }

  @Override
  public String version() {
    return http.get("/api/version").path("version").asText("");
  }

  @Override
  public List<ModelInfo> models() {
    List<ModelInfo> models = new ArrayList<>();
    for (JsonNode m : http.get("/api/tags").path("models")) {
      models.add(info(m, m.path("details"), Set.of()));
    }
    return models;
  }

  @Override
  public Optional<ModelInfo> model(String model) {
    String wanted = normalize(model);
    Optional<JsonNode> listed = Optional.empty();
    for (JsonNode m : http.get("/api/tags").path("models")) {
      if (normalize(m.path("name").asText("")).equals(wanted)) {
        listed = Optional.of(m);
      }
    }
    if (listed.isEmpty()) {
      return Optional.empty();
    }
    JsonNode show;
    try {
      show = http.post("/api/show", Map.of("model", listed.get().path("name").asText()));
    } catch (NotFoundException e) {
      return Optional.empty(); // removed between the two calls
    }
    Set<String> capabilities = new HashSet<>();
    show.path("capabilities").forEach(c -> capabilities.add(c.asText().toLowerCase(Locale.ROOT)));
    JsonNode details = show.has("details") ? show.get("details") : listed.get().path("details");
    return Optional.of(info(listed.get(), details, capabilities));
  }

  private ModelInfo info(JsonNode listed, JsonNode details, Set<String> capabilities) {
    Optional<Instant> modified;
    try {
      modified =
          listed.hasNonNull("modified_at")
              ? Optional.of(
                  java.time.OffsetDateTime.parse(listed.get("modified_at").asText()).toInstant())
              : Optional.empty();
    } catch (DateTimeParseException e) {
      modified = Optional.empty();
    }
    return new ModelInfo(
        name,
        listed.path("name").asText(),
        listed.path("digest").asText(""),
        listed.path("size").asLong(0),
        details.path("family").asText(""),
        details.path("parameter_size").asText(""),
        details.path("quantization_level").asText(""),
        capabilities,
        modified);
  }

  /** Ollama's name resolution: a name without a tag means {@code :latest}; case-insensitive. */
  static String normalize(String model) {
    String lower = model.strip().toLowerCase(Locale.ROOT);
    int slash = lower.lastIndexOf('/');
    return lower.indexOf(':', slash + 1) >= 0 ? lower : lower + ":latest";
  }

  @Override
  public StreamingChatModel streamingChatModel(String model, ModelParameters parameters) {
    return chatModels.get(model, parameters);
  }

  private StreamingChatModel client(String model, ModelParameters p, HttpClientBuilder httpClient) {
    OllamaStreamingChatModel.OllamaStreamingChatModelBuilder builder =
        OllamaStreamingChatModel.builder()
            .baseUrl(settings.baseUrl())
            .modelName(model)
            .temperature(p.temperature())
            .topP(p.topP())
            .numCtx(p.contextLength())
            .seed(p.seed())
            .httpClientBuilder(httpClient);
    if (!p.stop().isEmpty()) {
      builder.stop(p.stop());
    }
    if (p.keepAlive() != null) {
      builder.defaultRequestParameters(
          OllamaChatRequestParameters.builder().keepAlive((int) p.keepAlive().toSeconds()).build());
    }
    return builder.build();
  }

  private ServerAdvice advice(String model) {
    return new ServerAdvice(
        settings.baseUrl(),
        "Start Ollama (`ollama serve`) and pull a model (`ollama pull "
            + model
            + "`), or point BECA at another "
            + "server with "
            + settings.reconfigureHint()
            + ".",
        "Pull it with `beca models pull " + model + "`, or choose a model the server has.");
  }

  /** The models Ollama holds in memory now ({@code GET /api/ps}), with their memory and VRAM. */
  @Override
  public Optional<List<dev.beca.core.model.LoadedModel>> loadedModels() {
    List<dev.beca.core.model.LoadedModel> loaded = new ArrayList<>();
    for (JsonNode m : http.get("/api/ps").path("models")) {
      Optional<Instant> expires;
      try {
        expires =
            m.hasNonNull("expires_at")
                ? Optional.of(
                    java.time.OffsetDateTime.parse(m.get("expires_at").asText()).toInstant())
                : Optional.empty();
      } catch (DateTimeParseException e) {
        expires = Optional.empty();
      }
      loaded.add(
          new dev.beca.core.model.LoadedModel(
              m.path("name").asText(m.path("model").asText("")),
              m.path("size").asLong(0),
              m.path("size_vram").asLong(0),
              m.path("context_length").asInt(0),
              expires));
    }
    return Optional.of(loaded);
  }

  @Override
  public boolean managesModels() {
    return true;
  }

  @Override
  public void pull(String model, Consumer<PullProgress> progress) {
    Objects.requireNonNull(progress, "progress");
    boolean[] success = {false};
    http.postLines(
        "/api/pull",
        Map.of("model", model, "stream", true),
        line -> {
          if (line.hasNonNull("error")) {
            throw new ModelRequestException(
                "Server "
                    + name
                    + " could not pull '"
                    + model
                    + "': "
                    + line.get("error").asText()
                    + ".",
                "Check the model's name (see https://ollama.com/library) and the server's disk and network.",
                null);
          }
          String status = line.path("status").asText("");
          success[0] |= status.equals("success");
          progress.accept(
              new PullProgress(
                  status,
                  line.path("digest").asText(""),
                  line.path("total").asLong(0),
                  line.path("completed").asLong(0)));
        });
    if (!success[0]) {
      throw new ModelRequestException(
          "Server " + name + " ended the download of '" + model + "' without reporting success.",
          "Pull it again; the server resumes where it stopped.",
          null);
    }
  }

  @Override
  public void delete(String model) {
    try {
      http.delete("/api/delete", Map.of("model", model));
    } catch (NotFoundException e) {
      throw new NotFoundException(
          "Server " + name + " has no model '" + model + "' to delete.",
          "List the models with `beca models list`.");
    }
  }

  @Override
  public String toString() {
    return "OllamaModelServer[" + name + " at " + baseUrl() + "]";
  }
}
