package dev.beca.core.model;

import dev.beca.core.BecaException;
import dev.beca.core.ModelRequestException;
import dev.beca.core.ModelUnavailableException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Translates errors of LangChain4j chat models into BECA's exception hierarchy.
 *
 * <p>Connection failures, timeouts, dropped streams and server errors become {@link
 * ModelUnavailableException} (retriable); a missing model, an invalid request or a refused
 * credential become {@link ModelRequestException} (not retriable). The client's error is kept as
 * the cause for the log; the message is one line a user can act on, with any credentials of a URL
 * {@linkplain UrlCredentials redacted}.
 */
public final class ModelFailures {

  private ModelFailures() {}

  /**
   * Translates an error raised by (or reported to the handler of) a chat model.
   *
   * @param error the client's error; a {@link BecaException} is returned unchanged
   * @param model the model that was called
   * @param advice what to tell the user for this kind of server
   * @return the matching BECA exception, never {@code null}
   */
  public static BecaException translate(Throwable error, ModelRef model, ServerAdvice advice) {
    if (error instanceof BecaException beca) {
      return beca;
    }
    String url = advice.serverUrl();
    if (has(error, ConnectException.class)
        || has(error, UnresolvedModelServerException.class)
        || has(error, UnknownHostException.class)
        || has(error, NoRouteToHostException.class)) {
      return new ModelUnavailableException(
          "No model server answers at " + url + ".", advice.whenUnreachable(), error);
    }
    if (has(error, TimeoutException.class)
        || has(error, SocketTimeoutException.class)
        || has(error, java.util.concurrent.TimeoutException.class)) {
      return new ModelUnavailableException(
          "The model server at "
              + url
              + " did not answer in time for model '"
              + model.name()
              + "'.",
          "Check that the server is not overloaded, or raise the timeout.",
          error);
    }
    Integer status = httpStatus(error);
    if (has(error, ModelNotFoundException.class) || Integer.valueOf(404).equals(status)) {
      return new ModelRequestException(
          "The model server at " + url + " has no model '" + model.name() + "'.",
          advice.whenModelMissing(),
          error);
    }
    if (has(error, AuthenticationException.class)
        || Integer.valueOf(401).equals(status)
        || Integer.valueOf(403).equals(status)) {
      return new ModelRequestException(
          "The model server at " + url + " refused BECA's credentials.",
          "Check the API key configured for this server.",
          error);
    }
    if (has(error, InvalidRequestException.class)
        || (status != null && status >= 400 && status < 500 && status != 429)) {
      return new ModelRequestException(
          "The model server at "
              + url
              + " refused the request for model '"
              + model.name()
              + "': "
              + serverMessage(error)
              + ".",
          "Check that the model supports what was asked (tools, images, context length).",
          error);
    }
    if (has(error, RateLimitException.class)
        || has(error, InternalServerException.class)
        || (status != null && (status >= 500 || status == 429))) {
      return new ModelUnavailableException(
          "The model server at "
              + url
              + " failed while answering with model '"
              + model.name()
              + "': "
              + serverMessage(error)
              + ".",
          "Try again; if it persists, look at the server's log.",
          error);
    }
    if (has(error, IOException.class)) {
      return new ModelUnavailableException(
          "The connection to the model server at "
              + url
              + " broke while model '"
              + model.name()
              + "' was answering.",
          "Try again; check the server if it keeps happening.",
          error);
    }
    return new ModelUnavailableException(
        "The model call to "
            + url
            + " with model '"
            + model.name()
            + "' failed: "
            + serverMessage(error)
            + ".",
        "Try again; if it persists, see the log file for details.",
        error);
  }

  private static boolean has(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static Integer httpStatus(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof HttpException http) {
        return http.statusCode();
      }
    }
    return null;
  }

  /** The most specific message in the chain, cut to one short line. */
  private static String serverMessage(Throwable error) {
    String message = null;
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
        if (t instanceof HttpException) {
          break;
        }
      }
    }
    if (message == null) {
      return error.getClass().getSimpleName();
    }
    String oneLine = UrlCredentials.redact(message.replaceAll("\\s+", " ").strip());
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
  }
}
