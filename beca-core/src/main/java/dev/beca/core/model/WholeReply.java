package dev.beca.core.model;

import dev.beca.core.BecaException;
import dev.beca.core.ModelUnavailableException;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One streaming call through a {@link ModelGateway}, waited for until the whole reply is in: the
 * way the assistant's turn and the thread summariser call a model. It waits as long as the
 * gateway's {@linkplain ModelGateway#replyTimeout() reply timeout} allows (plus {@link
 * ModelGateway#REPLY_GRACE}), the one setting for how long a reply may take, and reports every
 * failure as a {@link BecaException}.
 */
public final class WholeReply {

  private WholeReply() {}

  /**
   * Sends a request to a role's model and waits for the reply.
   *
   * @param models the gateway
   * @param model the role's model, as the gateway named it (for messages)
   * @param request the request
   * @param pieces receives each piece of the reply as it streams in, on the client's thread; none
   *     after the call has ended
   * @return the reply's text, empty when the model sent none
   * @throws BecaException when the call fails or the gateway does not end it in time
   */
  public static String text(
      ModelGateway models, ModelRef model, ChatRequest request, Consumer<String> pieces) {
    String text = message(models, model, request, pieces).text();
    return text == null ? "" : text;
  }

  /**
   * Sends a request to a role's model and waits for the reply's text, handing on the model's own
   * count of generated tokens as {@link #message(ModelGateway, ModelRef, ChatRequest, Consumer,
   * IntConsumer)} does.
   *
   * @param models the gateway
   * @param model the role's model, as the gateway named it (for messages)
   * @param request the request
   * @param pieces receives each piece of the reply as it streams in
   * @param outputTokens receives the model's count of generated tokens, when the response has one
   * @return the reply's text, empty when the model sent none
   * @throws BecaException when the call fails or the gateway does not end it in time
   */
  public static String text(
      ModelGateway models,
      ModelRef model,
      ChatRequest request,
      Consumer<String> pieces,
      IntConsumer outputTokens) {
    String text = message(models, model, request, pieces, outputTokens).text();
    return text == null ? "" : text;
  }

  /**
   * Sends a request to a role's model and waits for the whole message it answers with: its text and
   * the tool calls it asks for, if the request offered tools.
   *
   * @param models the gateway
   * @param model the role's model, as the gateway named it (for messages)
   * @param request the request
   * @param pieces receives each piece of the reply's text as it streams in, on the client's thread;
   *     none after the call has ended
   * @return the reply; an empty text when the model sent none
   * @throws BecaException when the call fails or the gateway does not end it in time
   */
  public static AiMessage message(
      ModelGateway models, ModelRef model, ChatRequest request, Consumer<String> pieces) {
    return message(models, model, request, pieces, count -> {});
  }

  /**
   * Sends a request to a role's model and waits for the whole message it answers with, and hands on
   * the model's own count of the tokens it generated when the response carries one (Ollama's {@code
   * eval_count}, an OpenAI-compatible server's {@code usage.completion_tokens}, as LangChain4j's
   * {@code TokenUsage.outputTokenCount}).
   *
   * @param models the gateway
   * @param model the role's model, as the gateway named it (for messages)
   * @param request the request
   * @param pieces receives each piece of the reply's text as it streams in, on the client's thread;
   *     none after the call has ended
   * @param outputTokens receives the model's count of generated tokens, once, before this method
   *     returns; not called when the response carries no count
   * @return the reply; an empty text when the model sent none
   * @throws BecaException when the call fails or the gateway does not end it in time
   */
  public static AiMessage message(
      ModelGateway models,
      ModelRef model,
      ChatRequest request,
      Consumer<String> pieces,
      IntConsumer outputTokens) {
    Objects.requireNonNull(pieces, "pieces");
    Objects.requireNonNull(outputTokens, "outputTokens");
    CompletableFuture<AiMessage> done = new CompletableFuture<>();
    StreamingChatResponseHandler handler =
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            if (!done.isDone()) {
              pieces.accept(partial);
            }
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            TokenUsage usage = response.tokenUsage();
            if (!done.isDone() && usage != null && usage.outputTokenCount() != null) {
              outputTokens.accept(usage.outputTokenCount());
            }
            AiMessage message = response.aiMessage();
            done.complete(message == null ? AiMessage.from("") : message);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        };
    java.time.Duration limit = models.replyTimeout().plus(ModelGateway.REPLY_GRACE);
    try {
      models.streamingChatModel(model.role()).chat(request, handler);
      return done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw translate(e.getCause(), model);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new ModelUnavailableException(
          "Model '"
              + model.name()
              + "' did not finish its reply within "
              + readable(models.replyTimeout())
              + ", and the model gateway did not end the call.",
          "Try again; if it repeats, check the model gateway in use.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelUnavailableException(
          "The reply of model '" + model.name() + "' was interrupted.", "Ask again.", e);
    } catch (RuntimeException e) {
      throw translate(e, model);
    }
  }

  private static String readable(java.time.Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  private static BecaException translate(Throwable error, ModelRef model) {
    return ModelFailures.translate(error, model, ServerAdvice.generic("the model server"));
  }
}
