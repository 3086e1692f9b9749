package dev.beca.models;

import dev.beca.core.model.ModelRole;
import java.time.Duration;
import java.util.Objects;

/**
 * What trying a model with a short prompt found.
 *
 * @param server the server's name
 * @param model the model's name
 * @param role the role it was tried for
 * @param passed whether it has what the role needs and answered
 * @param timeToFirstToken latency until the first piece of the answer, zero when none came
 * @param tokensPerSecond generation speed after the first token; 0 when unknown
 * @param reply what it answered, possibly empty
 * @param problem why it failed and what to do, empty when it passed
 */
public record ModelTestResult(
    String server,
    String model,
    ModelRole role,
    boolean passed,
    Duration timeToFirstToken,
    double tokensPerSecond,
    String reply,
    String problem) {

  /** Checks that no component is missing. */
  public ModelTestResult {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
    reply = Objects.requireNonNullElse(reply, "");
    problem = Objects.requireNonNullElse(problem, "");
  }

  /**
   * One line, stored as the version's notes, e.g. {@code pass: first token 120 ms, 35.2 tokens/s}.
   */
  public String summary() {
    String figures =
        "first token "
            + timeToFirstToken.toMillis()
            + " ms, "
            + String.format(java.util.Locale.ROOT, "%.1f", tokensPerSecond)
            + " tokens/s";
    return passed ? "pass: " + figures : "fail: " + problem;
  }
}
