package dev.beca.core.model;

import dev.langchain4j.model.chat.StreamingChatModel;
import java.time.Duration;

/**
 * Where the assistant gets its chat models from, by role.
 *
 * <p>Implementations decide which server and model play each role. The models they return report
 * failures to {@code onError} as {@link dev.beca.core.BecaException}s (use {@link ModelFailures} to
 * translate client errors), so callers can tell the user what happened and what to do.
 *
 * <p>A gateway owns the one reply timeout: every call it starts ends, with the reply or an error,
 * within {@link #replyTimeout()}. Callers that wait for a whole reply (the assistant's turn, the
 * thread summariser) wait that long plus {@link #REPLY_GRACE}, so the gateway's own error, which it
 * has logged and whose stream it has closed, is the one the user sees.
 */
public interface ModelGateway {

  /**
   * How much longer than {@link #replyTimeout()} a caller waits for a call to end before it gives
   * up on the gateway; only a gateway that breaks its promise is ever cut off by it.
   */
  Duration REPLY_GRACE = Duration.ofSeconds(2);

  /**
   * The model that currently plays a role.
   *
   * @param role the role
   * @return its reference
   */
  ModelRef model(ModelRole role);

  /**
   * A streaming chat model for a role.
   *
   * @param role the role
   * @return a model ready to call; cheap to call repeatedly
   */
  StreamingChatModel streamingChatModel(ModelRole role);

  /**
   * The longest one call may take, from the request to the last piece of the reply, retries and
   * fallbacks included; the gateway ends a call that runs longer with a {@link
   * dev.beca.core.ModelUnavailableException}.
   *
   * @return a positive duration
   */
  Duration replyTimeout();
}
