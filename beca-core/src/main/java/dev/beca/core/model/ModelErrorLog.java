package dev.beca.core.model;

import java.util.List;

/**
 * Where failures of model calls are recorded with what was done about them (retry, fallback, give
 * up), for the user to review later. Thread-safe; each record is committed before it returns.
 */
public interface ModelErrorLog {

  /**
   * Records a failure.
   *
   * @param server the configured server's name
   * @param model the model's name
   * @param errorClass the kind of failure
   * @param message what failed; stored as {@link #cut} makes it: URL credentials redacted, at most
   *     {@link #MAX_MESSAGE_CHARS} characters
   * @param action what BECA did about it
   * @return the stored entry
   */
  ModelErrorEntry record(
      String server, String model, String errorClass, String message, String action);

  /**
   * The latest entries, newest first.
   *
   * @param limit at most this many; at least 1
   * @return the entries
   */
  List<ModelErrorEntry> recent(int limit);

  /** The longest message stored, in characters. */
  int MAX_MESSAGE_CHARS = 2000;

  /**
   * A message as it may be stored: credentials of URLs in it {@linkplain UrlCredentials#redact
   * redacted}, cut to {@link #MAX_MESSAGE_CHARS}; every implementation stores this, never the
   * message as given.
   */
  static String cut(String message) {
    String text = message == null ? "" : UrlCredentials.redact(message);
    return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) : text;
  }
}
