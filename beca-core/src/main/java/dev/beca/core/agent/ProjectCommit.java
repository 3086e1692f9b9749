package dev.beca.core.agent;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One commit of the project's history.
 *
 * @param id the full commit id (40 hex digits for git)
 * @param message the whole commit message, trailers included
 * @param trailers the trailers of the message's last paragraph ({@code Key: value}); for a key
 *     given twice, the last value
 * @param author the author as {@code Name <email>}
 * @param time when it was committed
 */
public record ProjectCommit(
    String id, String message, Map<String, String> trailers, String author, Instant time) {

  /** Checks and copies the components. */
  public ProjectCommit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(message, "message");
    trailers = Map.copyOf(trailers);
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(time, "time");
  }

  /** The first line of the message. */
  public String subject() {
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }

  /** The first seven characters of the id, as git shows it. */
  public String shortId() {
    return id.length() <= 7 ? id : id.substring(0, 7);
  }

  /** The value of a trailer, if the message has it. */
  public Optional<String> trailer(String key) {
    return Optional.ofNullable(trailers.get(key));
  }
}
