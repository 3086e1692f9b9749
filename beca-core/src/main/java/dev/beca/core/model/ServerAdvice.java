package dev.beca.core.model;

import java.util.Objects;

/**
 * What a provider tells the user when its server fails, used by {@link ModelFailures}.
 *
 * @param serverUrl the server's base URL, as configured; credentials in it are {@linkplain
 *     UrlCredentials redacted}
 * @param whenUnreachable what to do when nothing answers there (start it, point BECA elsewhere)
 * @param whenModelMissing what to do when the server does not have the model (pull it, pick
 *     another)
 */
public record ServerAdvice(String serverUrl, String whenUnreachable, String whenModelMissing) {

  /** Checks that no component is missing. */
  public ServerAdvice {
    serverUrl = UrlCredentials.redact(Objects.requireNonNull(serverUrl, "serverUrl"));
    Objects.requireNonNull(whenUnreachable, "whenUnreachable");
    Objects.requireNonNull(whenModelMissing, "whenModelMissing");
  }

  /** Generic advice for a server of which nothing more is known. */
  public static ServerAdvice generic(String serverUrl) {
    return new ServerAdvice(
        serverUrl,
        "Check that the model server is running and that BECA points at it.",
        "Install the model on the server or configure another one.");
  }
}
