package dev.beca.core.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One scripted answer of the {@link OpenAiLoopbackServer} to {@code /v1/chat/completions}: text
 * chunks or a tool call, an HTTP error with OpenAI's error body, and faults (slow first token, slow
 * chunks, a connection dropped after some chunks). Immutable; the {@code with...} methods return
 * changed copies.
 *
 * @param chunks the content deltas, in order
 * @param toolName the function a tool call names, or {@code null} for a text reply
 * @param toolArguments the call's arguments as JSON text, streamed in two pieces
 * @param status the HTTP status; 200 for a normal reply
 * @param errorMessage the {@code error.message} of an error reply
 * @param errorCode the {@code error.code} of an error reply, e.g. {@code model_not_found}
 * @param firstTokenDelay wait before the headers are sent
 * @param chunkDelay wait before each chunk after the first
 * @param dropAfter chunks sent before the connection is cut without {@code [DONE]}; negative for
 *     none
 */
public record OpenAiReply(
    List<String> chunks,
    String toolName,
    String toolArguments,
    int status,
    String errorMessage,
    String errorCode,
    Duration firstTokenDelay,
    Duration chunkDelay,
    int dropAfter) {

  /** Checks the fields. */
  public OpenAiReply {
    chunks = List.copyOf(chunks);
    Objects.requireNonNull(firstTokenDelay, "firstTokenDelay");
    Objects.requireNonNull(chunkDelay, "chunkDelay");
  }

  /** A text reply streamed in the given chunks. */
  public static OpenAiReply text(String... chunks) {
    return new OpenAiReply(
        List.of(chunks), null, null, 200, null, null, Duration.ZERO, Duration.ZERO, -1);
  }

  /** A reply that calls one tool with the given JSON arguments. */
  public static OpenAiReply toolCall(String name, String argumentsJson) {
    return new OpenAiReply(
        List.of(), name, argumentsJson, 200, null, null, Duration.ZERO, Duration.ZERO, -1);
  }

  /** An HTTP error with OpenAI's error body. */
  public static OpenAiReply httpError(int status, String message, String code) {
    return new OpenAiReply(
        List.of(), null, null, status, message, code, Duration.ZERO, Duration.ZERO, -1);
  }

  /** This reply, after waiting before the headers. */
  public OpenAiReply withFirstTokenDelay(Duration delay) {
    return new OpenAiReply(
        chunks,
        toolName,
        toolArguments,
        status,
        errorMessage,
        errorCode,
        delay,
        chunkDelay,
        dropAfter);
  }

  /** This reply, waiting before each chunk after the first. */
  public OpenAiReply withChunkDelay(Duration delay) {
    return new OpenAiReply(
        chunks,
        toolName,
        toolArguments,
        status,
        errorMessage,
        errorCode,
        firstTokenDelay,
        delay,
        dropAfter);
  }

  /** This reply, with the connection cut after the given number of chunks. */
  public OpenAiReply withDroppedConnectionAfter(int sent) {
    return new OpenAiReply(
        chunks,
        toolName,
        toolArguments,
        status,
        errorMessage,
        errorCode,
        firstTokenDelay,
        chunkDelay,
        sent);
  }
}
