package dev.beca.models;

import dev.beca.core.model.UrlCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What the settings of every model server reached over HTTP share: where the server is and how long
 * it may take. {@link OllamaSettings} and {@link OpenAiCompatibleSettings} extend it, and their
 * builders extend {@link Builder}, so the shared setters return the concrete builder and chain with
 * its own.
 */
abstract class HttpServerSettings {

  private final String baseUrl;
  private final Duration connectTimeout;
  private final Duration timeout;

  HttpServerSettings(Builder<?> builder) {
    this.baseUrl = builder.baseUrl;
    this.connectTimeout = builder.connectTimeout;
    this.timeout = builder.timeout;
  }

  /**
   * The server's base URL, without a trailing slash; credentials in it are kept for connecting, so
   * show it only through {@link UrlCredentials#redact}.
   */
  public String baseUrl() {
    return baseUrl;
  }

  /** How long opening a connection may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long the server may take to start answering a request. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * The shared part of the settings' builders; every setter fails fast with a message naming its
   * field.
   *
   * @param <B> the concrete builder, returned by every setter
   */
  abstract static class Builder<B extends Builder<B>> {
    private final String defaultBaseUrl;
    private String baseUrl;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration timeout = Duration.ofMinutes(5);

    /**
     * A builder with the default timeouts.
     *
     * @param defaultBaseUrl where the server listens unless told otherwise; also the example quoted
     *     when a base URL is refused
     */
    Builder(String defaultBaseUrl) {
      this.defaultBaseUrl = defaultBaseUrl;
      this.baseUrl = defaultBaseUrl;
    }

    /**
     * The server's base URL, http or https, e.g. {@code http://localhost:11434} for Ollama or
     * {@code http://localhost:1234/v1} (with the API version path) for an OpenAI-compatible server;
     * a trailing slash is dropped.
     */
    public B baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      String trimmed = baseUrl.strip();
      URI uri;
      try {
        uri = URI.create(trimmed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "baseUrl is not a valid URL: '" + UrlCredentials.redact(baseUrl) + "'", e);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "baseUrl must be an http(s) URL with a host, like "
                + defaultBaseUrl
                + ", was '"
                + UrlCredentials.redact(baseUrl)
                + "'");
      }
      this.baseUrl = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
      return self();
    }

    /** How long opening a connection may take; positive. */
    public B connectTimeout(Duration connectTimeout) {
      this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
      return self();
    }

    /** How long the server may take to start answering (loading a model can be slow); positive. */
    public B timeout(Duration timeout) {
      this.timeout = requirePositive(timeout, "timeout");
      return self();
    }

    /** Takes over the shared settings of {@code settings}, for {@code toBuilder()}. */
    B from(HttpServerSettings settings) {
      this.baseUrl = settings.baseUrl;
      this.connectTimeout = settings.connectTimeout;
      this.timeout = settings.timeout;
      return self();
    }

    @SuppressWarnings("unchecked") // B is the concrete builder: each one extends Builder<itself>
    private B self() {
      return (B) this;
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
