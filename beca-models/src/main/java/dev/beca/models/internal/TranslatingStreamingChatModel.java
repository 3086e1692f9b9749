package dev.beca.models.internal;

import dev.beca.core.model.ModelFailures;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ServerAdvice;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Wraps a provider's streaming model so that every error reaches the handler as a BECA exception
 * with advice for that server, whether the client throws it or reports it.
 */
public final class TranslatingStreamingChatModel implements StreamingChatModel {

  private final StreamingChatModel delegate;
  private final ModelRef model;
  private final ServerAdvice advice;

  /**
   * Wraps a model.
   *
   * @param delegate the provider's model
   * @param model which model it is, for messages
   * @param advice what to tell the user when its server fails
   */
  public TranslatingStreamingChatModel(
      StreamingChatModel delegate, ModelRef model, ServerAdvice advice) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.model = Objects.requireNonNull(model, "model");
    this.advice = Objects.requireNonNull(advice, "advice");
  }

  @Override
  public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
    StreamingChatResponseHandler translating = new TranslatingHandler(handler);
    try {
      delegate.chat(request, translating);
    } catch (RuntimeException e) {
      handler.onError(ModelFailures.translate(e, model, advice));
    }
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return delegate.defaultRequestParameters();
  }

  @Override
  public List<ChatModelListener> listeners() {
    return delegate.listeners();
  }

  @Override
  public ModelProvider provider() {
    return delegate.provider();
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return delegate.supportedCapabilities();
  }

  /** Passes everything through, translating errors on the way. */
  private final class TranslatingHandler implements StreamingChatResponseHandler {
    private final StreamingChatResponseHandler handler;

    TranslatingHandler(StreamingChatResponseHandler handler) {
      this.handler = handler;
    }

    @Override
    public void onPartialResponse(String partialResponse) {
      handler.onPartialResponse(partialResponse);
    }

    // Passed on with its context, whose streaming handle lets a caller cancel the stream.
    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
      handler.onPartialResponse(partialResponse, context);
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking) {
      handler.onPartialThinking(partialThinking);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall) {
      handler.onPartialToolCall(partialToolCall);
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall completeToolCall) {
      handler.onCompleteToolCall(completeToolCall);
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
      handler.onCompleteResponse(completeResponse);
    }

    @Override
    public void onError(Throwable error) {
      handler.onError(ModelFailures.translate(error, model, advice));
    }
  }
}
