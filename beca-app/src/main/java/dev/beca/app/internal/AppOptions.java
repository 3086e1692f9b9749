package dev.beca.app.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.limits.RateLimits;
import dev.beca.models.OllamaSettings;
import dev.beca.models.ResilienceSettings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options every command shares. Each can also come from an environment variable; the option wins
 * over the variable, the variable over the default.
 */
public final class AppOptions {

  /** Environment variable naming the data directory. */
  public static final String DATA_DIR_ENV = "BECA_DATA_DIR";

  /** Environment variable naming the Ollama base URL. */
  public static final String OLLAMA_URL_ENV = "BECA_OLLAMA_URL";

  /** Environment variable naming the general model. */
  public static final String MODEL_ENV = "BECA_MODEL";

  /** Environment variable naming an OpenAI-compatible server's base URL (LM Studio, vLLM). */
  public static final String OPENAI_URL_ENV = "BECA_OPENAI_URL";

  /** Environment variable holding the OpenAI-compatible server's API key, if it needs one. */
  public static final String OPENAI_KEY_ENV = "BECA_OPENAI_API_KEY";

  /** Environment variable listing fallback models, {@code SERVER/MODEL} separated by commas. */
  public static final String FALLBACK_ENV = "BECA_FALLBACK";

  /** Environment variable of the first-token timeout in seconds. */
  public static final String FIRST_TOKEN_TIMEOUT_ENV = "BECA_FIRST_TOKEN_TIMEOUT";

  /** Environment variable of the stall (inactivity) timeout in seconds. */
  public static final String STALL_TIMEOUT_ENV = "BECA_STALL_TIMEOUT";

  /** Environment variable of the whole-reply timeout in seconds. */
  public static final String REPLY_TIMEOUT_ENV = "BECA_REPLY_TIMEOUT";

  /** Environment variable for the rate limits of costly operations. */
  public static final String RATE_LIMITS_ENV = "BECA_RATE_LIMITS";

  /** The rate limits unless an option or the environment gives others. */
  public static final String DEFAULT_RATE_LIMITS =
      "command=30/min,600/h; model_call=60/min,1200/h; benchmark_run=6/min,60/h;"
          + " model_pull=2/min,20/h; improvement_run=2/min,12/h";

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where BECA keeps its database and logs (env " + DATA_DIR_ENV + ", default ~/.beca).")
  Path dataDir;

  @Option(
      names = "--ollama-url",
      paramLabel = "URL",
      description =
          "Base URL of the Ollama server (env "
              + OLLAMA_URL_ENV
              + ", default "
              + OllamaSettings.DEFAULT_BASE_URL
              + ").")
  String ollamaUrl;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "NAME",
      description =
          "Model for conversation (env "
              + MODEL_ENV
              + ", default "
              + OllamaSettings.DEFAULT_GENERAL_MODEL
              + ").")
  String model;

  @Option(
      names = "--openai-url",
      paramLabel = "URL",
      description =
          "Base URL of an OpenAI-compatible server, added as server 'openai', e.g. LM Studio's "
              + "http://localhost:1234/v1 (env "
              + OPENAI_URL_ENV
              + "; API key from env "
              + OPENAI_KEY_ENV
              + ").")
  String openAiUrl;

  @Option(
      names = "--fallback",
      paramLabel = "SERVER/MODEL",
      split = ",",
      description =
          "Models to fall back to, in order, when a role's model fails before answering "
              + "(env "
              + FALLBACK_ENV
              + ", comma-separated). The coding role always falls back to the general model first.")
  java.util.List<String> fallbacks;

  @Option(
      names = "--first-token-timeout",
      paramLabel = "SECONDS",
      description =
          "How long a model may take before the first piece of its reply; then the call counts as failed "
              + "and is retried or moved to a fallback (env "
              + FIRST_TOKEN_TIMEOUT_ENV
              + ", default 120).")
  String firstTokenTimeout;

  @Option(
      names = "--stall-timeout",
      paramLabel = "SECONDS",
      description =
          "How long a reply may pause between pieces (env " + STALL_TIMEOUT_ENV + ", default 60).")
  String stallTimeout;

  @Option(
      names = "--reply-timeout",
      paramLabel = "SECONDS",
      description = "Longest time for a whole reply (env " + REPLY_TIMEOUT_ENV + ", default 600).")
  String replyTimeout;

  @Option(
      names = "--rate-limits",
      paramLabel = "SPEC",
      description =
          "Limits of costly operations per minute and hour, e.g. \"command=20/min,200/h; "
              + "model_call=60/min; benchmark_run=4/h\"; \"none\" for none (env "
              + RATE_LIMITS_ENV
              + ", default \""
              + DEFAULT_RATE_LIMITS
              + "\").")
  String rateLimits;

  /**
   * The rate limits: option, else environment, else {@link #DEFAULT_RATE_LIMITS}; {@code none}
   * means no limits.
   *
   * @throws InvalidInputException naming the part that is wrong
   */
  public RateLimits rateLimits(Map<String, String> env) {
    String spec = rateLimits;
    if (spec == null) {
      String fromEnv = env.get(RATE_LIMITS_ENV);
      spec = fromEnv == null || fromEnv.isBlank() ? DEFAULT_RATE_LIMITS : fromEnv;
    }
    return spec.strip().equalsIgnoreCase("none") ? RateLimits.unlimited() : RateLimits.parse(spec);
  }

  /**
   * The data directory: option, else environment, else {@code ~/.beca}. An empty environment
   * variable counts as unset.
   *
   * @throws InvalidInputException when {@code --data-dir} is given empty or blank (it would
   *     silently mean the current directory)
   */
  public Path dataDir(Map<String, String> env) {
    if (dataDir != null) {
      if (dataDir.toString().isBlank()) {
        throw new InvalidInputException(
            "--data-dir is empty.",
            "Give a folder, e.g. --data-dir ~/.beca, or leave the option out to use "
                + DATA_DIR_ENV
                + " or ~/.beca.");
      }
      return dataDir;
    }
    String fromEnv = env.get(DATA_DIR_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return Path.of(System.getProperty("user.home"), ".beca");
  }

  /**
   * The Ollama settings from options and environment.
   *
   * @throws IllegalArgumentException when a value is invalid, naming it
   */
  public OllamaSettings ollama(Map<String, String> env) {
    OllamaSettings.Builder builder =
        OllamaSettings.builder().reconfigureHint("--ollama-url or " + OLLAMA_URL_ENV);
    String url = firstSet(ollamaUrl, env.get(OLLAMA_URL_ENV));
    if (url != null) {
      builder.baseUrl(url);
    }
    String name = firstSet(model, env.get(MODEL_ENV));
    if (name != null) {
      builder.generalModel(name);
    }
    return builder.build();
  }

  /** The general model named by {@code --model} or {@value #MODEL_ENV}, if any. */
  public java.util.Optional<String> modelOverride(Map<String, String> env) {
    return java.util.Optional.ofNullable(firstSet(model, env.get(MODEL_ENV)));
  }

  /** The OpenAI-compatible server's base URL, if one is configured. */
  public java.util.Optional<String> openAiUrl(Map<String, String> env) {
    return java.util.Optional.ofNullable(firstSet(openAiUrl, env.get(OPENAI_URL_ENV)));
  }

  /** The fallback models as {@code SERVER/MODEL} strings, option first, else environment. */
  public java.util.List<String> fallbacks(Map<String, String> env) {
    if (fallbacks != null && !fallbacks.isEmpty()) {
      return fallbacks;
    }
    String fromEnv = env.get(FALLBACK_ENV);
    return fromEnv == null || fromEnv.isBlank()
        ? java.util.List.of()
        : java.util.Arrays.stream(fromEnv.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
  }

  /**
   * The model-call timeouts from options and environment, on BECA's other resilience defaults.
   *
   * @throws IllegalArgumentException when a value is not a positive whole number of seconds, naming
   *     it
   */
  public ResilienceSettings resilience(Map<String, String> env) {
    ResilienceSettings.Builder builder = ResilienceSettings.builder();
    seconds("--first-token-timeout", firstTokenTimeout, FIRST_TOKEN_TIMEOUT_ENV, env)
        .ifPresent(builder::firstTokenTimeout);
    seconds("--stall-timeout", stallTimeout, STALL_TIMEOUT_ENV, env)
        .ifPresent(builder::inactivityTimeout);
    seconds("--reply-timeout", replyTimeout, REPLY_TIMEOUT_ENV, env)
        .ifPresent(builder::totalTimeout);
    return builder.build();
  }

  private static java.util.Optional<java.time.Duration> seconds(
      String option, String value, String envName, Map<String, String> env) {
    String text = firstSet(value, env.get(envName));
    if (text == null) {
      return java.util.Optional.empty();
    }
    try {
      long seconds = Long.parseLong(text.strip());
      if (seconds > 0) {
        return java.util.Optional.of(java.time.Duration.ofSeconds(seconds));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        option
            + " (env "
            + envName
            + ") must be a positive whole number of seconds, was '"
            + text
            + "'");
  }

  private static String firstSet(String option, String env) {
    if (option != null) {
      return option;
    }
    return env == null || env.isBlank() ? null : env;
  }
}
