package dev.beca.app.internal;

import dev.beca.core.assistant.Assistant;
import dev.beca.core.memory.ContextAssembler;
import dev.beca.core.model.ModelGateway;
import dev.beca.core.secrets.SecretScanner;

/**
 * The one way the app builds its conversational assistant, for {@code beca chat} and {@code beca
 * serve} alike: context assembly over the session's thread, the relevant history and the relevant
 * lessons within the token budget, every model call through the role gateway, secrets redacted in
 * what is shown. The callers add what differs (chat: the tools and its message recorder).
 */
final class AssistantWiring {

  private AssistantWiring() {}

  /**
   * The assistant over a knowledge base.
   *
   * @param knowledgeBase the stores
   * @param gateway the role gateway
   * @param contextTokens the token budget of each turn's context
   * @return the assistant
   */
  static Assistant conversational(
      KnowledgeBase knowledgeBase, ModelGateway gateway, int contextTokens) {
    ContextAssembler context =
        ContextAssembler.builder()
            .messages(knowledgeBase.messages())
            .threads(knowledgeBase.threads())
            .search(knowledgeBase.search())
            .lessons(knowledgeBase.lessons())
            .build();
    return Assistant.builder()
        .messages(knowledgeBase.messages())
        .sessions(knowledgeBase.sessions())
        .models(gateway)
        .context(context)
        .tokenBudget(contextTokens)
        .redactShown(SecretScanner.standard())
        .build();
  }
}
