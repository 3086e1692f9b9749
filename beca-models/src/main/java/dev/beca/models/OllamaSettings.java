package dev.beca.models;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Immutable configuration of an Ollama server and the models BECA uses on it.
 *
 * <pre>{@code
 * OllamaSettings settings = OllamaSettings.builder()
 *     .baseUrl("http://gpu-box:11434")
 *     .generalModel("llama3.2")
 *     .build();
 * }</pre>
 */
public final class OllamaSettings {

  /** Where Ollama listens unless told otherwise. */
  public static final String DEFAULT_BASE_URL = "http://localhost:11434";

  /** The general-role model unless told otherwise: small, fast and widely pulled. */
  public static final String DEFAULT_GENERAL_MODEL = "llama3.2";

  /** The coding-role model unless told otherwise. */
  public static final String DEFAULT_CODING_MODEL = "qwen2.5-coder";

  private final String baseUrl;
  private final String generalModel;
  private final String codingModel;
  private final Duration connectTimeout;
  private final Duration timeout;
  private final String reconfigureHint;

  private OllamaSettings(Builder builder) {
    this.baseUrl = builder.baseUrl;
    this.generalModel = builder.generalModel;
    this.codingModel = builder.codingModel;
    this.connectTimeout = builder.connectTimeout;
    this.timeout = builder.timeout;
    this.reconfigureHint = builder.reconfigureHint;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    return new Builder()
        .baseUrl(baseUrl)
        .generalModel(generalModel)
        .codingModel(codingModel)
        .connectTimeout(connectTimeout)
        .timeout(timeout)
        .reconfigureHint(reconfigureHint);
  }

  /** The server's base URL, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The model for conversation. */
  public String generalModel() {
    return generalModel;
  }

  /** The model for code. */
  public String codingModel() {
    return codingModel;
  }

  /** How long opening a connection may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long the server may take to start answering a request. */
  public Duration timeout() {
    return timeout;
  }

  /** How a user points BECA at another server, quoted in error messages. */
  public String reconfigureHint() {
    return reconfigureHint;
  }

  @Override
  public String toString() {
    return "OllamaSettings[baseUrl=" + baseUrl + ", generalModel=" + generalModel
        + ", codingModel=" + codingModel + ", connectTimeout=" + connectTimeout
        + ", timeout=" + timeout + "]";
  }

  /** Builds {@link OllamaSettings}; every setter fails fast with a message naming its field. */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private String generalModel = DEFAULT_GENERAL_MODEL;
    private String codingModel = DEFAULT_CODING_MODEL;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration timeout = Duration.ofMinutes(5);
    private String reconfigureHint = "the Ollama base URL setting";

    private Builder() {}

    /** The server's base URL, http or https, e.g. {@code http://localhost:11434}. */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      String trimmed = baseUrl.strip();
      URI uri;
      try {
        uri = URI.create(trimmed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("baseUrl is not a valid URL: '" + baseUrl + "'", e);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "baseUrl must be an http(s) URL with a host, like http://localhost:11434, was '" + baseUrl + "'");
      }
      this.baseUrl = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
      return this;
    }

    /** The model for conversation, e.g. {@code llama3.2} or {@code mistral:7b}. */
    public Builder generalModel(String generalModel) {
      this.generalModel = requireName(generalModel, "generalModel");
      return this;
    }

    /** The model for code, e.g. {@code qwen2.5-coder:7b}. */
    public Builder codingModel(String codingModel) {
      this.codingModel = requireName(codingModel, "codingModel");
      return this;
    }

    /** How long opening a connection may take; positive. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
      return this;
    }

    /** How long the server may take to start answering (loading a model can be slow); positive. */
    public Builder timeout(Duration timeout) {
      this.timeout = requirePositive(timeout, "timeout");
      return this;
    }

    /**
     * How a user points BECA at another server, as the embedding application exposes it, e.g.
     * {@code "--ollama-url or BECA_OLLAMA_URL"}; quoted in error messages.
     */
    public Builder reconfigureHint(String reconfigureHint) {
      if (reconfigureHint == null || reconfigureHint.isBlank()) {
        throw new IllegalArgumentException("reconfigureHint must not be blank");
      }
      this.reconfigureHint = reconfigureHint;
      return this;
    }

    /** Builds the settings. */
    public OllamaSettings build() {
      return new OllamaSettings(this);
    }

    private static String requireName(String name, String field) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(field + " must not be blank");
      }
      if (name.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(field + " must not contain spaces, was '" + name + "'");
      }
      return name;
    }

    private static Duration requirePositive(Duration duration, String field) {
      Objects.requireNonNull(duration, field);
      if (duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException(field + " must be positive, was " + duration);
      }
      return duration;
    }
  }
}
