package dev.beca.core.model;

import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One configured model server (Ollama, LM Studio, vLLM, ...) reached over its own protocol.
 * Implementations translate every client error into a {@link dev.beca.core.BecaException} and are
 * thread-safe.
 */
public interface ModelServer {

  /** The name the user gave this server, e.g. {@code ollama} or {@code lmstudio}; unique. */
  String name();

  /** The protocol, e.g. {@code ollama} or {@code openai}. */
  String kind();

  /**
   * The base URL as configured, for display: credentials in it are {@linkplain UrlCredentials
   * redacted} (the server itself connects with them).
   */
  String baseUrl();

  /**
   * The server's version, as a cheap liveness check.
   *
   * @return the version, or an empty string when the protocol has none but the server answered
   * @throws dev.beca.core.ModelUnavailableException when it does not answer
   */
  String version();

  /**
   * The models the server has.
   *
   * @return the models with the details the server reports
   */
  List<ModelInfo> models();

  /**
   * One model's details, including its capabilities where the server reports them.
   *
   * @param name the model's name
   * @return the model, empty when the server does not have it
   */
  Optional<ModelInfo> model(String name);

  /**
   * A streaming chat model. Errors reach the handler as BECA exceptions. Cheap to call repeatedly
   * for the same arguments.
   *
   * @param name the model's name
   * @param parameters the parameters to apply to every call
   * @return the model
   */
  StreamingChatModel streamingChatModel(String name, ModelParameters parameters);

  /** Whether {@link #pull} and {@link #delete} are supported. */
  boolean managesModels();

  /**
   * Downloads a model, reporting progress as it goes; returns when it is installed.
   *
   * @param name the model's name
   * @param progress receives each progress report, on the calling thread
   * @throws dev.beca.core.ModelRequestException when the server refuses (unknown model, error in
   *     the stream, or pulling unsupported)
   */
  void pull(String name, Consumer<PullProgress> progress);

  /**
   * Deletes a model from the server.
   *
   * @param name the model's name
   * @throws dev.beca.core.NotFoundException when the server has no such model
   */
  void delete(String name);

  /**
   * The models the server holds in memory now, with their memory (Ollama's {@code GET /api/ps}).
   *
   * @return the models, or empty when the protocol does not report them (the default)
   * @throws dev.beca.core.ModelUnavailableException when the server does not answer
   */
  default Optional<List<LoadedModel>> loadedModels() {
    return Optional.empty();
  }
}
