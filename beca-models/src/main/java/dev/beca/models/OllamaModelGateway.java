package dev.beca.models;

import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ServerAdvice;
import dev.beca.models.internal.StreamingChatModels;
import dev.beca.models.internal.TranslatingStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ModelGateway} backed by one Ollama server, with one model per role as configured in
 * {@link OllamaSettings}. Thread-safe; the clients are created once.
 *
 * <p>Errors reach callers as BECA exceptions whose message says what failed and what to do:
 * start Ollama, pull the model, or point BECA at another server.
 */
public final class OllamaModelGateway implements ModelGateway {

  private final OllamaSettings settings;
  private final Map<ModelRole, ModelRef> refs = new EnumMap<>(ModelRole.class);
  private final Map<ModelRole, StreamingChatModel> models = new EnumMap<>(ModelRole.class);

  /**
   * Creates the gateway; no request is sent until a model is used.
   *
   * @param settings the server and models
   */
  public OllamaModelGateway(OllamaSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    refs.put(ModelRole.GENERAL, new ModelRef(ModelRole.GENERAL, settings.generalModel()));
    refs.put(ModelRole.CODING, new ModelRef(ModelRole.CODING, settings.codingModel()));
    for (ModelRef ref : refs.values()) {
      models.put(ref.role(), new TranslatingStreamingChatModel(client(ref), ref, advice(ref)));
    }
  }

  /** The settings this gateway was built with. */
  public OllamaSettings settings() {
    return settings;
  }

  @Override
  public ModelRef model(ModelRole role) {
    return refs.get(Objects.requireNonNull(role, "role"));
  }

  @Override
  public StreamingChatModel streamingChatModel(ModelRole role) {
    return models.get(Objects.requireNonNull(role, "role"));
  }

  private StreamingChatModel client(ModelRef ref) {
    return OllamaStreamingChatModel.builder()
        .baseUrl(settings.baseUrl())
        .modelName(ref.name())
        // Timeouts go on the HTTP client only: the model builder's timeout() would override both.
        .httpClientBuilder(StreamingChatModels.jdkHttpClient(settings.connectTimeout(), settings.timeout()))
        .build();
  }

  private ServerAdvice advice(ModelRef ref) {
    return new ServerAdvice(
        settings.baseUrl(),
        "Start Ollama (`ollama serve`) and pull a model (`ollama pull " + ref.name()
            + "`), or point BECA at another server with " + settings.reconfigureHint() + ".",
        "Pull it with `ollama pull " + ref.name() + "`, or choose a model the server has.");
  }
}
