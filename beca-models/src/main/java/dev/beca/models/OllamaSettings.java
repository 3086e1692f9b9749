package dev.beca.models;

import dev.beca.core.model.UrlCredentials;

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
public final class OllamaSettings extends HttpServerSettings {

  /** Where Ollama listens unless told otherwise. */
  public static final String DEFAULT_BASE_URL = "http://localhost:11434";

  /** The general-role model unless told otherwise: small, fast and widely pulled. */
  public static final String DEFAULT_GENERAL_MODEL = "llama3.2";

  /** The coding-role model unless told otherwise. */
  public static final String DEFAULT_CODING_MODEL = "qwen2.5-coder";

  private final String generalModel;
  private final String codingModel;
  private final String reconfigureHint;

  private OllamaSettings(Builder builder) {
    super(builder);
    this.generalModel = builder.generalModel;
    this.codingModel = builder.codingModel;
    this.reconfigureHint = builder.reconfigureHint;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    return new Builder()
        .from(this)
        .generalModel(generalModel)
        .codingModel(codingModel)
        .reconfigureHint(reconfigureHint);
  }

  /** The model for conversation. */
  public String generalModel() {
    return generalModel;
  }

  /** The model for code. */
  public String codingModel() {
    return codingModel;
  }

  /** How a user points BECA at another server, quoted in error messages. */
  public String reconfigureHint() {
    return reconfigureHint;
  }

  @Override
  public String toString() {
    return "OllamaSettings[baseUrl="
        + UrlCredentials.redact(baseUrl())
        + ", generalModel="
        + generalModel
        + ", codingModel="
        + codingModel
        + ", connectTimeout="
        + connectTimeout()
        + ", timeout="
        + timeout()
        + "]";
  }

  /**
   * Builds {@link OllamaSettings}; every setter fails fast with a message naming its field. The
   * base URL and timeouts are set as for every HTTP model server.
   */
  public static final class Builder extends HttpServerSettings.Builder<Builder> {
    private String generalModel = DEFAULT_GENERAL_MODEL;
    private String codingModel = DEFAULT_CODING_MODEL;
    private String reconfigureHint = "the Ollama base URL setting";

    private Builder() {
      super(DEFAULT_BASE_URL);
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
  }
}
