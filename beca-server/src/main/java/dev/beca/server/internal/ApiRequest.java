package dev.beca.server.internal;

import dev.beca.core.access.ApiToken;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** A request that passed the gate: its caller, and checked access to its path, query and body. */
public final class ApiRequest {

  /** Session ids and other opaque names in paths: no separators, no dots alone, bounded. */
  private static final Pattern OPAQUE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,17}");

  private final Context ctx;
  private final Optional<ApiToken> caller;
  private final long maxBodyBytes;

  ApiRequest(Context ctx, Optional<ApiToken> caller, long maxBodyBytes) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.caller = Objects.requireNonNull(caller, "caller");
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Javalin's context, for actions that write their own answer (streams). */
  public Context ctx() {
    return ctx;
  }

  /** The token that made the request; empty on a public route. */
  public Optional<ApiToken> caller() {
    return caller;
  }

  /**
   * The body, read strictly into a record.
   *
   * @throws ApiException 413 when it is larger than the limit, 400 when it is not that record
   */
  public <T> T body(Class<T> type) {
    return Json.read(bodyBytes(), type);
  }

  private byte[] bodyBytes() {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBodyBytes) {
      throw tooLarge();
    }
    try (InputStream in = ctx.bodyInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      long total = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > maxBodyBytes) {
          throw tooLarge();
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw ApiException.badRequest(
          "unreadable_body", "The request body could not be read.", "Send the request again.");
    }
  }

  private ApiException tooLarge() {
    // The rest of the body stays unread, so the connection cannot carry another request.
    ctx.header("Connection", "close");
    return new ApiException(
        413,
        "body_too_large",
        "The request body is larger than " + maxBodyBytes + " bytes.",
        "Send a smaller body; a chat message may have at most 1,000,000 characters.");
  }

  /**
   * An opaque id from the path (a session id): letters, digits, {@code .}, {@code _}, {@code -}, at
   * most 128 characters, never a path of its own.
   */
  public String pathId(String name) {
    String value = ctx.pathParam(name);
    if (!OPAQUE_ID.matcher(value).matches() || value.contains("..")) {
      throw ApiException.badRequest(
          "invalid_id",
          "The " + name + " in the path is not a valid id.",
          "Use an id as the list endpoints return it (letters, digits, '.', '_', '-').");
    }
    return value;
  }

  /**
   * A name from the path (a benchmark's or a token's name): at most 200 characters, no control
   * character, no {@code /} or {@code \\}, not {@code .} or {@code ..}.
   */
  public String pathName(String name) {
    String value = ctx.pathParam(name);
    boolean bad =
        value.isEmpty()
            || value.length() > 200
            || value.equals(".")
            || value.equals("..")
            || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '/' || c == '\\');
    if (bad) {
      throw ApiException.badRequest(
          "invalid_name",
          "The " + name + " in the path is not a valid name.",
          "Use a name as the list endpoints return it.");
    }
    return value;
  }

  /** A positive number from the path (a thread id). */
  public long pathNumber(String name) {
    String value = ctx.pathParam(name);
    if (!NUMBER.matcher(value).matches()) {
      throw ApiException.badRequest(
          "invalid_id",
          "The " + name + " in the path must be a positive number.",
          "Use an id as the list endpoints return it.");
    }
    return Long.parseLong(value);
  }

  /** An optional text query parameter, at most 10,000 characters. */
  public Optional<String> query(String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    if (value.length() > 10_000) {
      throw ApiException.badRequest(
          "invalid_query", "The parameter " + name + " is too long.", "Shorten it.");
    }
    return Optional.of(value);
  }

  /** An integer query parameter within bounds, or the default. */
  public int queryInt(String name, int defaultValue, int min, int max) {
    Optional<String> value = query(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(value.get());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "invalid_query",
        "The parameter " + name + " must be a whole number from " + min + " to " + max + ".",
        "Leave it out for " + defaultValue + ".");
  }
}
