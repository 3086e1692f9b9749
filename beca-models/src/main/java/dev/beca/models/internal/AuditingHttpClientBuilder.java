package dev.beca.models.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.time.Duration;

/**
 * Wraps LangChain4j's HTTP client so every streamed event is checked to be JSON before the
 * provider parses it; a malformed one is counted on the call's {@link StreamAudit}.
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
      public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
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
      check(event);
      listener.onEvent(event, context);
    }

    @Override
    public void onEvent(ServerSentEvent event) {
      check(event);
      listener.onEvent(event);
    }

    private void check(ServerSentEvent event) {
      String data = event.data();
      if (data == null || data.isBlank() || data.strip().equals("[DONE]")) {
        return;
      }
      try {
        JsonNode node = ServerHttp.JSON.readTree(data);
        if (node == null || !node.isObject()) {
          audit.malformedLine();
        }
      } catch (IOException e) {
        audit.malformedLine();
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
