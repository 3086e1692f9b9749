package dev.beca.core.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A model as its server describes it.
 *
 * @param server the name of the configured server that has it
 * @param name the model's full name on that server, e.g. {@code llama3.2:latest}
 * @param digest the server's content digest (empty when the server reports none, as
 *     OpenAI-compatible servers do)
 * @param sizeBytes bytes on disk, 0 when unknown
 * @param family the model family, e.g. {@code llama}; empty when unknown
 * @param parameterSize e.g. {@code 3.2B}; empty when unknown
 * @param quantization e.g. {@code Q4_K_M}; empty when unknown
 * @param capabilities what the server says the model can do ({@code completion}, {@code tools},
 *     ...); empty when the server does not say
 * @param modifiedAt when the server last changed the model, if known
 */
public record ModelInfo(
    String server,
    String name,
    String digest,
    long sizeBytes,
    String family,
    String parameterSize,
    String quantization,
    Set<String> capabilities,
    Optional<Instant> modifiedAt) {

  /** Capability of models that accept tool specifications. */
  public static final String TOOLS = "tools";

  /** Checks and normalises the fields. */
  public ModelInfo {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(name, "name");
    digest = Objects.requireNonNullElse(digest, "");
    family = Objects.requireNonNullElse(family, "");
    parameterSize = Objects.requireNonNullElse(parameterSize, "");
    quantization = Objects.requireNonNullElse(quantization, "");
    capabilities = Set.copyOf(capabilities);
    Objects.requireNonNull(modifiedAt, "modifiedAt");
  }

  /** Whether the server reports capabilities at all; when not, nothing can be refused for them. */
  public boolean capabilitiesKnown() {
    return !capabilities.isEmpty();
  }

  /** Whether the server reports the capability (case-insensitive). */
  public boolean hasCapability(String capability) {
    return capabilities.contains(capability.toLowerCase(Locale.ROOT));
  }
}
