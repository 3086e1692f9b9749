package dev.beca.models.internal;

import dev.beca.core.model.ModelParameters;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ServerAdvice;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The streaming chat models of one model server, built on first use and kept, one per model and
 * parameters. Each talks to the server through {@link #jdkHttpClient} with the server's timeouts,
 * counts the stream lines its client fails to process ({@link AuditingHttpClientBuilder}) and
 * translates its failures into BECA's exceptions with the server's advice ({@link
 * TranslatingStreamingChatModel}). Thread-safe.
 */
public final class StreamingChatModels {

  /** Builds a provider's LangChain4j model; called once per model and parameters. */
  @FunctionalInterface
  public interface Factory {

    /**
     * Builds the provider's model.
     *
     * @param model the model's name
     * @param parameters the parameters to apply to every call
     * @param httpClient the HTTP client to give the provider's builder; it carries the timeouts, so
     *     the model builder's own {@code timeout()}, which would override both, stays unset
     * @return the provider's model
     */
    StreamingChatModel create(
        String model, ModelParameters parameters, HttpClientBuilder httpClient);
  }

  /** Records compare by value, cheaply, on every call. */
  private record Key(String model, ModelParameters parameters) {}

  private final Duration connectTimeout;
  private final Duration timeout;
  private final Factory factory;
  private final Function<String, ServerAdvice> advice;
  private final Map<Key, StreamingChatModel> models = new ConcurrentHashMap<>();

  /**
   * Creates the cache; nothing is built until a model is asked for.
   *
   * @param connectTimeout how long opening a connection may take
   * @param timeout how long the server may take to start answering
   * @param factory builds the provider's model
   * @param advice what to tell the user when the server fails, for a model's name
   */
  public StreamingChatModels(
      Duration connectTimeout,
      Duration timeout,
      Factory factory,
      Function<String, ServerAdvice> advice) {
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.advice = Objects.requireNonNull(advice, "advice");
  }

  /**
   * A JDK HTTP client for LangChain4j that speaks HTTP/1.1 only, with these timeouts. Local model
   * servers (Ollama, LM Studio) answer HTTP/1.1 only; the JDK's h2c upgrade attempt confuses them.
   *
   * @param connectTimeout how long opening a connection may take
   * @param readTimeout how long a read may wait
   * @return the client's builder
   */
  public static HttpClientBuilder jdkHttpClient(Duration connectTimeout, Duration readTimeout) {
    return JdkHttpClient.builder()
        .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1))
        .connectTimeout(connectTimeout)
        .readTimeout(readTimeout);
  }

  /**
   * The model for these arguments, built on the first call and the same afterwards.
   *
   * @param model the model's name
   * @param parameters the parameters to apply to every call
   * @return the model, translating its failures
   */
  public StreamingChatModel get(String model, ModelParameters parameters) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(parameters, "parameters");
    return models.computeIfAbsent(new Key(model, parameters), k -> build(model, parameters));
  }

  private StreamingChatModel build(String model, ModelParameters parameters) {
    StreamingChatModel client =
        factory.create(
            model,
            parameters,
            new AuditingHttpClientBuilder(jdkHttpClient(connectTimeout, timeout)));
    // The role is not known here; ModelFailures only uses the model's name in its messages.
    ModelRef ref = new ModelRef(ModelRole.GENERAL, model);
    return new TranslatingStreamingChatModel(client, ref, advice.apply(model));
  }
}
