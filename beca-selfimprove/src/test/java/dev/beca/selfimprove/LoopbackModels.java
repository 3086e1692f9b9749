package dev.beca.selfimprove;

import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.time.Duration;

/**
 * A {@link ModelGateway} on LangChain4j's real Ollama client, pointed at a loopback server. It does
 * not end calls itself: its reply timeout is only what it reports to callers.
 */
record LoopbackModels(String baseUrl, String modelName) implements ModelGateway {

  @Override
  public ModelRef model(ModelRole role) {
    return new ModelRef(role, modelName);
  }

  @Override
  public StreamingChatModel streamingChatModel(ModelRole role) {
    return OllamaStreamingChatModel.builder()
        .baseUrl(baseUrl)
        .modelName(modelName)
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public Duration replyTimeout() {
    return Duration.ofSeconds(10);
  }
}
