package dev.beca.server.internal;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request it refuses before BECA's routes see it: an ambiguous or
 * malformed URI, a bad header) in BECA's shape {@code {"code","problem","remedy"}}, never an HTML
 * page or a stack trace.
 */
public final class JsonErrorPages extends ErrorHandler {

  /** Installs the pages on a server. */
  public static void install(Server server) {
    server.setErrorHandler(new JsonErrorPages());
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Route.JSON);
    response.write(true, ByteBuffer.wrap(body(code)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Route.JSON));
    return ByteBuffer.wrap(body(status));
  }

  private static byte[] body(int code) {
    String reason = HttpStatus.getMessage(code);
    return Json.write(
        new ApiException.ApiError(
            "http_" + code,
            "The server refused the request: " + code + " " + reason + ".",
            code == 400
                ? "Check the URL (no encoded '/', '\\\\' or '..' in a path) and the headers."
                : "See the endpoints in GET /openapi.json."));
  }
}
