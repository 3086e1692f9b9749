package dev.beca.app.internal;

import dev.beca.core.model.ModelRole;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.beca.models.FallbackStep;
import dev.beca.models.ModelManager;
import dev.beca.models.OllamaModelServer;
import dev.beca.models.OllamaSettings;
import dev.beca.models.OpenAiCompatibleModelServer;
import dev.beca.models.OpenAiCompatibleSettings;
import dev.beca.models.ResilienceSettings;
import java.time.Duration;
import java.util.Map;

/** Builds the {@link ModelManager} the commands share from the options and environment. */
final class ModelSetup {

  /** The name of the Ollama server. */
  static final String OLLAMA = "ollama";

  /** The name of the OpenAI-compatible server, when one is configured. */
  static final String OPENAI = "openai";

  private ModelSetup() {}

  /**
   * Wires the servers, the knowledge base's model stores, the defaults and the fallback chains.
   *
   * @throws IllegalArgumentException when an option is invalid, naming it
   */
  static ModelManager manager(
      AppOptions options, Map<String, String> env, SqliteKnowledgeBase knowledgeBase) {
    OllamaSettings ollama = options.ollama(env);
    ResilienceSettings resilience = options.resilience(env);
    // The HTTP client's timeout covers the wait for the response headers, which a model server
    // sends with the first token: it must not cut the first-token timeout short (management calls
    // such as the health check wait as long).
    Duration httpTimeout = max(ollama.timeout(), resilience.firstTokenTimeout());
    ollama = ollama.toBuilder().timeout(httpTimeout).build();
    ModelManager.Builder builder =
        ModelManager.builder()
            .server(new OllamaModelServer(OLLAMA, ollama))
            .versions(knowledgeBase.modelVersions())
            .errors(knowledgeBase.modelErrors())
            .resilience(resilience)
            .rateLimits(options.rateLimits(env))
            .defaultModel(ModelRole.GENERAL, OLLAMA, ollama.generalModel())
            // The coding role falls back to whatever the general role uses.
            .fallback(ModelRole.CODING, FallbackStep.activeModelOf(ModelRole.GENERAL));
    options
        .openAiUrl(env)
        .ifPresent(
            url ->
                builder.server(
                    new OpenAiCompatibleModelServer(
                        OPENAI,
                        OpenAiCompatibleSettings.builder()
                            .baseUrl(url)
                            .apiKey(env.get(AppOptions.OPENAI_KEY_ENV))
                            .timeout(httpTimeout)
                            .build())));
    options
        .modelOverride(env)
        .ifPresent(model -> builder.override(ModelRole.GENERAL, OLLAMA, model));
    for (String fallback : options.fallbacks(env)) {
      int slash = fallback.indexOf('/');
      if (slash <= 0 || slash == fallback.length() - 1) {
        throw new IllegalArgumentException(
            "--fallback must be SERVER/MODEL, e.g. openai/qwen2.5-7b-instruct, was '"
                + fallback
                + "'");
      }
      FallbackStep step =
          FallbackStep.model(fallback.substring(0, slash), fallback.substring(slash + 1));
      builder.fallback(ModelRole.GENERAL, step).fallback(ModelRole.CODING, step);
    }
    try {
      return builder.build();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("--fallback names " + e.getMessage(), e);
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
