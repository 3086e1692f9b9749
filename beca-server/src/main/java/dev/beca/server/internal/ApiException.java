package dev.beca.server.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A refusal of a request, answered as {@code {"code","problem","remedy"}} with its HTTP status. */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String problem;
  private final String remedy;
  private final transient Duration retryAfter;

  /**
   * Creates a refusal.
   *
   * @param status the HTTP status
   * @param code a stable machine-readable code, e.g. {@code invalid_json}
   * @param problem what is wrong, one sentence
   * @param remedy what to do, one sentence
   */
  public ApiException(int status, String code, String problem, String remedy) {
    this(status, code, problem, remedy, null);
  }

  /**
   * Creates a refusal that tells the client when to try again ({@code Retry-After}).
   *
   * @param status the HTTP status, e.g. 429
   * @param code a stable machine-readable code
   * @param problem what is wrong, one sentence
   * @param remedy what to do, one sentence
   * @param retryAfter the wait, or {@code null} for none
   */
  public ApiException(int status, String code, String problem, String remedy, Duration retryAfter) {
    super(problem);
    this.retryAfter = retryAfter;
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.problem = Objects.requireNonNull(problem, "problem");
    this.remedy = Objects.requireNonNull(remedy, "remedy");
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** How long the client should wait before trying again, when the refusal says. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The error as the JSON body says it. */
  public ApiError error() {
    return new ApiError(code, problem, remedy);
  }

  /**
   * The body of every error response.
   *
   * @param code a stable machine-readable code
   * @param problem what is wrong
   * @param remedy what to do
   */
  public record ApiError(String code, String problem, String remedy) {}

  /** 400 with the given code. */
  public static ApiException badRequest(String code, String problem, String remedy) {
    return new ApiException(400, code, problem, remedy);
  }
}
