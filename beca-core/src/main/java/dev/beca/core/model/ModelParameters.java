package dev.beca.core.model;

import dev.beca.core.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * Sampling and loading parameters applied to every call of a model; {@code null} leaves a parameter
 * to the server's default.
 *
 * @param temperature 0 to 2; lower is more deterministic
 * @param topP nucleus sampling, over 0 up to 1
 * @param contextLength the context window to load the model with (Ollama's {@code num_ctx})
 * @param seed a fixed seed for reproducible answers
 * @param stop sequences that end the reply; empty for none
 * @param keepAlive how long the server keeps the model loaded after a call (Ollama only)
 */
public record ModelParameters(
    Double temperature,
    Double topP,
    Integer contextLength,
    Integer seed,
    List<String> stop,
    Duration keepAlive) {

  /** Nothing set: the server's defaults for everything. */
  public static final ModelParameters SERVER_DEFAULTS =
      new ModelParameters(null, null, null, null, List.of(), null);

  /**
   * Validates the ranges.
   *
   * @throws InvalidInputException naming the parameter that is out of range
   */
  public ModelParameters {
    if (temperature != null && (temperature < 0 || temperature > 2 || temperature.isNaN())) {
      throw new InvalidInputException(
          "temperature must be between 0 and 2, was " + temperature + ".", "Use e.g. 0.7.");
    }
    if (topP != null && (topP <= 0 || topP > 1 || topP.isNaN())) {
      throw new InvalidInputException(
          "top_p must be above 0 and at most 1, was " + topP + ".", "Use e.g. 0.9.");
    }
    if (contextLength != null && contextLength < 256) {
      throw new InvalidInputException(
          "context length must be at least 256 tokens, was " + contextLength + ".",
          "Use e.g. 8192.");
    }
    stop = List.copyOf(Objects.requireNonNullElse(stop, List.of()));
    if (keepAlive != null && keepAlive.isNegative()) {
      throw new InvalidInputException(
          "keep-alive must not be negative, was " + keepAlive + ".", "Use e.g. 5m.");
    }
  }

  /**
   * Sensible defaults for a model family: coding models sample cooler, every model gets an 8K
   * context (Ollama's own default of 4K truncates real conversations) and a 10-minute keep-alive.
   *
   * @param family e.g. {@code qwen2}, {@code llama}; empty when unknown
   * @param modelName the model's name, which names coding models where the family does not
   * @return the defaults
   */
  public static ModelParameters defaultsFor(String family, String modelName) {
    String text =
        (Objects.requireNonNullElse(family, "") + " " + Objects.requireNonNullElse(modelName, ""))
            .toLowerCase(Locale.ROOT);
    boolean coding = text.contains("coder") || text.contains("code") || text.contains("starcoder");
    double temperature = coding ? 0.2 : 0.7;
    return new ModelParameters(temperature, 0.9, 8192, null, List.of(), Duration.ofMinutes(10));
  }

  /** These parameters with each value of {@code overrides} that is set replacing this one's. */
  public ModelParameters overriddenBy(ModelParameters overrides) {
    return new ModelParameters(
        overrides.temperature != null ? overrides.temperature : temperature,
        overrides.topP != null ? overrides.topP : topP,
        overrides.contextLength != null ? overrides.contextLength : contextLength,
        overrides.seed != null ? overrides.seed : seed,
        overrides.stop.isEmpty() ? stop : overrides.stop,
        overrides.keepAlive != null ? overrides.keepAlive : keepAlive);
  }

  /** A text form for storage, read back by {@link #decode(String)}. */
  public String encode() {
    Properties properties = new Properties();
    if (temperature != null) properties.setProperty("temperature", temperature.toString());
    if (topP != null) properties.setProperty("top_p", topP.toString());
    if (contextLength != null) properties.setProperty("num_ctx", contextLength.toString());
    if (seed != null) properties.setProperty("seed", seed.toString());
    for (int i = 0; i < stop.size(); i++) {
      properties.setProperty("stop." + i, stop.get(i));
    }
    if (keepAlive != null) properties.setProperty("keep_alive", keepAlive.toString());
    StringWriter out = new StringWriter();
    try {
      properties.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Drop the date comment Properties writes, so equal parameters encode equally.
    return out.toString()
        .lines()
        .filter(l -> !l.startsWith("#"))
        .sorted()
        .reduce("", (a, b) -> a + b + "\n");
  }

  /**
   * Reads the text form of {@link #encode()}.
   *
   * @throws InvalidInputException when a value is malformed
   */
  public static ModelParameters decode(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(Objects.requireNonNullElse(text, "")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      List<String> stop = new java.util.ArrayList<>();
      for (int i = 0; p.getProperty("stop." + i) != null; i++) {
        stop.add(p.getProperty("stop." + i));
      }
      return new ModelParameters(
          p.getProperty("temperature") == null
              ? null
              : Double.valueOf(p.getProperty("temperature")),
          p.getProperty("top_p") == null ? null : Double.valueOf(p.getProperty("top_p")),
          p.getProperty("num_ctx") == null ? null : Integer.valueOf(p.getProperty("num_ctx")),
          p.getProperty("seed") == null ? null : Integer.valueOf(p.getProperty("seed")),
          stop,
          p.getProperty("keep_alive") == null ? null : Duration.parse(p.getProperty("keep_alive")));
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          "Stored model parameters are malformed: " + e.getMessage() + ".",
          "Set the model's parameters again with `beca models use`.");
    }
  }

  /** One line for people, e.g. {@code temperature=0.7 top_p=0.9 num_ctx=8192}. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    if (temperature != null) s.append("temperature=").append(temperature).append(' ');
    if (topP != null) s.append("top_p=").append(topP).append(' ');
    if (contextLength != null) s.append("num_ctx=").append(contextLength).append(' ');
    if (seed != null) s.append("seed=").append(seed).append(' ');
    if (!stop.isEmpty()) s.append("stop=").append(stop).append(' ');
    if (keepAlive != null) s.append("keep_alive=").append(keepAlive.toSeconds()).append("s ");
    return s.isEmpty() ? "server defaults" : s.toString().strip();
  }
}
