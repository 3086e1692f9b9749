package dev.beca.models;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Immutable configuration of an OpenAI-compatible server: LM Studio, vLLM, llama.cpp's server.
 *
 * <pre>{@code
 * OpenAiCompatibleSettings lmStudio = OpenAiCompatibleSettings.builder()
 *     .baseUrl("http://localhost:1234/v1")
 *     .build();
 * }</pre>
 */
public final class OpenAiCompatibleSettings {

  /** LM Studio's default address. */
  public static final String DEFAULT_BASE_URL = "http://localhost:1234/v1";

  private final String baseUrl;
  private final String apiKey;
  private final Duration connectTimeout;
  private final Duration timeout;

  private OpenAiCompatibleSettings(Builder builder) {
    this.baseUrl = builder.baseUrl;
    this.apiKey = builder.apiKey;
    this.connectTimeout = builder.connectTimeout;
    this.timeout = builder.timeout;
  }

  /** A builder with the defaults (LM Studio on localhost, no API key). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder builder = new Builder().baseUrl(baseUrl).connectTimeout(connectTimeout).timeout(timeout);
    builder.apiKey = apiKey;
    return builder;
  }

  /** The base URL including {@code /v1}, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The API key, or {@code null} when the server needs none (LM Studio, local vLLM). */
  public String apiKey() {
    return apiKey;
  }

  /** How long opening a connection may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long the server may take to start answering a request. */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    // Never the key itself.
    return "OpenAiCompatibleSettings[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "set")
        + ", connectTimeout=" + connectTimeout + ", timeout=" + timeout + "]";
  }

  /** Builds {@link OpenAiCompatibleSettings}; every setter fails fast naming its field. */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration timeout = Duration.ofMinutes(5);

    private Builder() {}

    /** The base URL including the API version path, e.g. {@code http://localhost:1234/v1}. */
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
            "baseUrl must be an http(s) URL with a host, like http://localhost:1234/v1, was '" + baseUrl + "'");
      }
      this.baseUrl = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
      return this;
    }

    /** The API key sent as a bearer token; blank for none. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
      return this;
    }

    /** How long opening a connection may take; positive. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /** How long the server may take to start answering; positive. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** Builds the settings. */
    public OpenAiCompatibleSettings build() {
      return new OpenAiCompatibleSettings(this);
    }

    private static Duration positive(Duration duration, String field) {
      Objects.requireNonNull(duration, field);
      if (duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException(field + " must be positive, was " + duration);
      }
      return duration;
    }
  }
}
