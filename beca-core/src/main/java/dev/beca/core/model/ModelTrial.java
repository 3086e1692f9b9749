package dev.beca.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * What trying a model for a role with a short prompt found ({@link ModelControl#test}).
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
public record ModelTrial(
    String server,
    String model,
    ModelRole role,
    boolean passed,
    Duration timeToFirstToken,
    double tokensPerSecond,
    String reply,
    String problem) {

  /** Checks that no component is missing. */
  public ModelTrial {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
    reply = Objects.requireNonNullElse(reply, "");
    problem = Objects.requireNonNullElse(problem, "");
  }
}
