package dev.beca.models;

import dev.beca.core.model.UrlCredentials;

/**
 * Immutable configuration of an OpenAI-compatible server: LM Studio, vLLM, llama.cpp's server. Its
 * base URL includes the API version path, e.g. {@code http://localhost:1234/v1}.
 *
 * <pre>{@code
 * OpenAiCompatibleSettings lmStudio = OpenAiCompatibleSettings.builder()
 *     .baseUrl("http://localhost:1234/v1")
 *     .build();
 * }</pre>
 */
public final class OpenAiCompatibleSettings extends HttpServerSettings {

  /** LM Studio's default address. */
  public static final String DEFAULT_BASE_URL = "http://localhost:1234/v1";

  private final String apiKey;

  private OpenAiCompatibleSettings(Builder builder) {
    super(builder);
    this.apiKey = builder.apiKey;
  }

  /** A builder with the defaults (LM Studio on localhost, no API key). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    return new Builder().from(this).apiKey(apiKey);
  }

  /** The API key, or {@code null} when the server needs none (LM Studio, local vLLM). */
  public String apiKey() {
    return apiKey;
  }

  @Override
  public String toString() {
    // Never the key itself.
    return "OpenAiCompatibleSettings[baseUrl="
        + UrlCredentials.redact(baseUrl())
        + ", apiKey="
        + (apiKey == null ? "none" : "set")
        + ", connectTimeout="
        + connectTimeout()
        + ", timeout="
        + timeout()
        + "]";
  }

  /**
   * Builds {@link OpenAiCompatibleSettings}; every setter fails fast naming its field. The base URL
   * and timeouts are set as for every HTTP model server.
   */
  public static final class Builder extends HttpServerSettings.Builder<Builder> {
    private String apiKey;

    private Builder() {
      super(DEFAULT_BASE_URL);
    }

    /** The API key sent as a bearer token; blank for none. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
      return this;
    }

    /** Builds the settings. */
    public OpenAiCompatibleSettings build() {
      return new OpenAiCompatibleSettings(this);
    }
  }
}
