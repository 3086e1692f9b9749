package dev.beca.core.limits;

import java.util.Locale;

/** A costly operation whose rate {@link RateLimits} can limit. */
public enum LimitedOperation {
  /** One call of a model through the role gateway (its retries and fallbacks included). */
  MODEL_CALL("model calls"),
  /** One command the assistant runs ({@code run_command}). */
  COMMAND("commands"),
  /** One run of the code benchmark. */
  BENCHMARK_RUN("benchmark runs"),
  /** One download of a model onto a model server ({@code POST /models/pull}). */
  MODEL_PULL("model pulls"),
  /** One self-improvement cycle started (over the HTTP API). */
  IMPROVEMENT_RUN("improvement runs");

  private final String plural;

  LimitedOperation(String plural) {
    this.plural = plural;
  }

  /** The name in words, plural ({@code "model calls"}), for messages. */
  public String plural() {
    return plural;
  }

  /** The name in specifications and settings: {@code model_call}, {@code command}, ... */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
