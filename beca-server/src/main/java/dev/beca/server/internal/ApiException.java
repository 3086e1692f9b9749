package dev.beca.server.internal;

import java.util.Objects;

/** A refusal of a request, answered as {@code {"code","problem","remedy"}} with its HTTP status. */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String problem;
  private final String remedy;

  /**
   * Creates a refusal.
   *
   * @param status the HTTP status
   * @param code a stable machine-readable code, e.g. {@code invalid_json}
   * @param problem what is wrong, one sentence
   * @param remedy what to do, one sentence
   */
  public ApiException(int status, String code, String problem, String remedy) {
    super(problem);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.problem = Objects.requireNonNull(problem, "problem");
    this.remedy = Objects.requireNonNull(remedy, "remedy");
  }

  /** The HTTP status. */
  public int status() {
    return status;
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
