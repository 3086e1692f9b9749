package dev.beca.core.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A model installed on (or pullable from) the {@link OllamaLoopbackServer}: what {@code /api/tags},
 * {@code /api/show} and {@code /api/ps} report about it, and whether {@code /api/chat} accepts
 * tools for it. Immutable; the {@code with...} methods return changed copies.
 *
 * @param name the name as {@code /api/tags} shows it; normalised, so {@code llama3.2} is stored as
 *     {@code llama3.2:latest}
 * @param digest the manifest digest, 64 lower-case hex digits (a {@code sha256:} prefix is
 *     stripped)
 * @param size the size on disk in bytes
 * @param modifiedAt when the model was last pulled or created
 * @param details format, family, parameter size and quantisation
 * @param capabilities what the model can do, e.g. {@code completion}, {@code tools}, {@code
 *     thinking}, {@code vision}, {@code embedding}
 * @param template the prompt template {@code /api/show} reports
 * @param parameters the Modelfile parameters {@code /api/show} reports, one per line
 * @param contextLength the context length the model was trained for ({@code
 *     <family>.context_length} in {@code model_info})
 */
public record OllamaModelSpec(
    String name,
    String digest,
    long size,
    Instant modifiedAt,
    Details details,
    List<String> capabilities,
    String template,
    String parameters,
    int contextLength) {

  /** Capability of models that generate text; without it {@code /api/chat} refuses the model. */
  public static final String COMPLETION = "completion";

  /** Capability of models that accept tools; without it a chat with tools gets HTTP 400. */
  public static final String TOOLS = "tools";

  /** Capability of models that can return their reasoning separately. */
  public static final String THINKING = "thinking";

  /** Capability of embedding models. */
  public static final String EMBEDDING = "embedding";

  // A fixed date keeps listings deterministic; tests that care set their own.
  private static final Instant DEFAULT_MODIFIED_AT =
      Instant.parse("2025-01-15T10:20:30.123456789Z");

  /**
   * Validates and normalises the fields.
   *
   * @param name see the record component
   * @param digest see the record component
   * @param size see the record component
   * @param modifiedAt see the record component
   * @param details see the record component
   * @param capabilities see the record component
   * @param template see the record component
   * @param parameters see the record component
   * @param contextLength see the record component
   */
  public OllamaModelSpec {
    name = OllamaNames.normalize(name);
    digest = normalizeDigest(digest);
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
    Objects.requireNonNull(modifiedAt, "modifiedAt");
    Objects.requireNonNull(details, "details");
    capabilities = List.copyOf(capabilities);
    template = Objects.requireNonNullElse(template, "");
    parameters = Objects.requireNonNullElse(parameters, "");
    if (contextLength <= 0) {
      throw new IllegalArgumentException("contextLength must be positive: " + contextLength);
    }
  }

  /**
   * Returns a plausible model of the given name: a digest derived from the name, about 2 GB, a
   * family guessed from the name, {@code Q4_K_M} quantisation and the capabilities {@code
   * completion} and {@code tools}.
   *
   * @param name a model name; {@code llama3.2} becomes {@code llama3.2:latest}
   * @return the model
   */
  public static OllamaModelSpec of(String name) {
    String normalized = OllamaNames.normalize(name);
    String family = familyOf(normalized);
    return new OllamaModelSpec(
        normalized,
        OllamaJson.sha256Hex("manifest:" + normalized),
        2_019_393_189L,
        DEFAULT_MODIFIED_AT,
        new Details("", "gguf", family, List.of(family), "3.2B", "Q4_K_M"),
        List.of(COMPLETION, TOOLS),
        "{{- range .Messages }}{{ .Role }}: {{ .Content }}\n{{ end }}assistant: ",
        "stop                           \"<|eot_id|>\"",
        131_072);
  }

  /**
   * Returns a copy with another digest, as after {@code ollama pull} fetched a new version.
   *
   * @param newDigest 64 hex digits, optionally prefixed by {@code sha256:}
   * @return the changed copy
   */
  public OllamaModelSpec withDigest(String newDigest) {
    return new OllamaModelSpec(
        name,
        newDigest,
        size,
        modifiedAt,
        details,
        capabilities,
        template,
        parameters,
        contextLength);
  }

  /**
   * Returns a copy whose digest is derived from a label, for tests that only need "some other
   * digest".
   *
   * @param label any text
   * @return the changed copy
   */
  public OllamaModelSpec withDigestOf(String label) {
    return withDigest(OllamaJson.sha256Hex(label));
  }

  /**
   * Returns a copy with another size.
   *
   * @param newSize bytes on disk
   * @return the changed copy
   */
  public OllamaModelSpec withSize(long newSize) {
    return new OllamaModelSpec(
        name,
        digest,
        newSize,
        modifiedAt,
        details,
        capabilities,
        template,
        parameters,
        contextLength);
  }

  /**
   * Returns a copy with another modification time.
   *
   * @param newModifiedAt when the model was last pulled
   * @return the changed copy
   */
  public OllamaModelSpec withModifiedAt(Instant newModifiedAt) {
    return new OllamaModelSpec(
        name,
        digest,
        size,
        newModifiedAt,
        details,
        capabilities,
        template,
        parameters,
        contextLength);
  }

  /**
   * Returns a copy with other details.
   *
   * @param newDetails format, family, parameter size, quantisation
   * @return the changed copy
   */
  public OllamaModelSpec withDetails(Details newDetails) {
    return new OllamaModelSpec(
        name,
        digest,
        size,
        modifiedAt,
        newDetails,
        capabilities,
        template,
        parameters,
        contextLength);
  }

  /**
   * Returns a copy with other capabilities, e.g. {@code withCapabilities("completion")} for a model
   * that refuses tools.
   *
   * @param newCapabilities the capabilities, replacing the current ones
   * @return the changed copy
   */
  public OllamaModelSpec withCapabilities(String... newCapabilities) {
    return new OllamaModelSpec(
        name,
        digest,
        size,
        modifiedAt,
        details,
        List.of(newCapabilities),
        template,
        parameters,
        contextLength);
  }

  /**
   * Returns a copy with another prompt template.
   *
   * @param newTemplate the Go template text
   * @return the changed copy
   */
  public OllamaModelSpec withTemplate(String newTemplate) {
    return new OllamaModelSpec(
        name,
        digest,
        size,
        modifiedAt,
        details,
        capabilities,
        newTemplate,
        parameters,
        contextLength);
  }

  /**
   * Returns a copy with other Modelfile parameters.
   *
   * @param newParameters one {@code key value} per line
   * @return the changed copy
   */
  public OllamaModelSpec withParameters(String newParameters) {
    return new OllamaModelSpec(
        name,
        digest,
        size,
        modifiedAt,
        details,
        capabilities,
        template,
        newParameters,
        contextLength);
  }

  /**
   * Returns a copy with another trained context length.
   *
   * @param newContextLength tokens
   * @return the changed copy
   */
  public OllamaModelSpec withContextLength(int newContextLength) {
    return new OllamaModelSpec(
        name,
        digest,
        size,
        modifiedAt,
        details,
        capabilities,
        template,
        parameters,
        newContextLength);
  }

  /**
   * Tells whether the model has a capability.
   *
   * @param capability e.g. {@link #TOOLS}
   * @return {@code true} when listed
   */
  public boolean hasCapability(String capability) {
    return capabilities.contains(capability);
  }

  /**
   * The {@code details} object Ollama reports for a model.
   *
   * @param parentModel the model this one was created from, usually empty
   * @param format the weights' file format, e.g. {@code gguf}
   * @param family the architecture family, e.g. {@code llama}
   * @param families all families, e.g. {@code [llama]}
   * @param parameterSize e.g. {@code 3.2B}
   * @param quantizationLevel e.g. {@code Q4_K_M}
   */
  public record Details(
      String parentModel,
      String format,
      String family,
      List<String> families,
      String parameterSize,
      String quantizationLevel) {

    /**
     * Replaces {@code null} by empty values, as Go's zero values would serialise.
     *
     * @param parentModel see the record component
     * @param format see the record component
     * @param family see the record component
     * @param families see the record component
     * @param parameterSize see the record component
     * @param quantizationLevel see the record component
     */
    public Details {
      parentModel = Objects.requireNonNullElse(parentModel, "");
      format = Objects.requireNonNullElse(format, "");
      family = Objects.requireNonNullElse(family, "");
      families = families == null ? List.of() : List.copyOf(families);
      parameterSize = Objects.requireNonNullElse(parameterSize, "");
      quantizationLevel = Objects.requireNonNullElse(quantizationLevel, "");
    }

    /**
     * Returns the details of a GGUF model of one family.
     *
     * @param family e.g. {@code qwen2}
     * @param parameterSize e.g. {@code 7.6B}
     * @param quantizationLevel e.g. {@code Q4_K_M}
     * @return the details
     */
    public static Details of(String family, String parameterSize, String quantizationLevel) {
      return new Details("", "gguf", family, List.of(family), parameterSize, quantizationLevel);
    }
  }

  private static String normalizeDigest(String digest) {
    Objects.requireNonNull(digest, "digest");
    String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
    hex = hex.toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("digest must be 64 hex digits: " + digest);
    }
    return hex;
  }

  // "llama3.2:latest" -> "llama", "qwen2.5-coder:7b" -> "qwen", "me/phi:1" -> "phi".
  private static String familyOf(String normalizedName) {
    String base = normalizedName.substring(normalizedName.lastIndexOf('/') + 1);
    base = base.substring(0, base.indexOf(':'));
    int end = 0;
    while (end < base.length() && Character.isLetter(base.charAt(end))) {
      end++;
    }
    return end == 0
        ? base.toLowerCase(Locale.ROOT)
        : base.substring(0, end).toLowerCase(Locale.ROOT);
  }
}
