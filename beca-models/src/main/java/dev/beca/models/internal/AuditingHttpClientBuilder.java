package dev.beca.models.internal;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.time.Duration;

/**
 * Wraps LangChain4j's HTTP client so that a streamed line the provider's client fails to process (a
 * malformed JSON line, above all) is counted on the call's {@link StreamAudit}. LangChain4j's
 * stream parsers catch such a failure, log it and go on with the next line; the wrapper sees it on
 * its way out and lets it continue, so the happy path costs nothing extra.
 */
public final class AuditingHttpClientBuilder implements HttpClientBuilder {

  private final HttpClientBuilder delegate;

  /**
   * Wraps a builder.
   *
   * @param delegate the real client's builder
   */
  public AuditingHttpClientBuilder(HttpClientBuilder delegate) {
    this.delegate = delegate;
  }

  @Override
  public Duration connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public HttpClientBuilder connectTimeout(Duration timeout) {
    delegate.connectTimeout(timeout);
    return this;
  }

  @Override
  public Duration readTimeout() {
    return delegate.readTimeout();
  }

  @Override
  public HttpClientBuilder readTimeout(Duration timeout) {
    delegate.readTimeout(timeout);
    return this;
  }

  @Override
  public HttpClient build() {
    HttpClient client = delegate.build();
    return new HttpClient() {
      @Override
      public SuccessfulHttpResponse execute(HttpRequest request) {
        return client.execute(request);
      }

      @Override
      public void execute(
          HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        StreamAudit audit = StreamAudit.current();
        client.execute(request, parser, audit == null ? listener : new Auditing(listener, audit));
      }
    };
  }

  private static final class Auditing implements ServerSentEventListener {
    private final ServerSentEventListener listener;
    private final StreamAudit audit;

    Auditing(ServerSentEventListener listener, StreamAudit audit) {
      this.listener = listener;
      this.audit = audit;
    }

    @Override
    public void onOpen(SuccessfulHttpResponse response) {
      listener.onOpen(response);
    }

    @Override
    public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
      try {
        listener.onEvent(event, context);
      } catch (RuntimeException e) {
        audit.malformedLine();
        throw e;
      }
    }

    @Override
    public void onEvent(ServerSentEvent event) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        audit.malformedLine();
        throw e;
      }
    }

    @Override
    public void onError(Throwable throwable) {
      listener.onError(throwable);
    }

    @Override
    public void onClose() {
      listener.onClose();
    }
  }
}
