package dev.beca.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.BecaException;
import dev.beca.core.ModelRequestException;
import dev.beca.core.ModelUnavailableException;
import dev.beca.core.NotFoundException;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ModelServer} implementation must pass, against a server (real or a
 * loopback fake) that has {@link #installedModel()} and answers chat with some text.
 */
public abstract class ModelServerContract {

  /** The server under test, pointed at a running server. */
  protected abstract ModelServer server();

  /** The server under test, pointed at an address where nothing listens. */
  protected abstract ModelServer unreachableServer();

  /** A model the running server has. */
  protected abstract String installedModel();

  private Object chat(ModelServer server, String model, List<String> tokens) throws Exception {
    CompletableFuture<Object> done = new CompletableFuture<>();
    server
        .streamingChatModel(model, ModelParameters.defaultsFor("", model))
        .chat(
            ChatRequest.builder().messages(UserMessage.from("Say hello")).build(),
            new StreamingChatResponseHandler() {
              @Override
              public void onPartialResponse(String partial) {
                tokens.add(partial);
              }

              @Override
              public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
              }

              @Override
              public void onError(Throwable error) {
                done.complete(error);
              }
            });
    return done.get(30, TimeUnit.SECONDS);
  }

  @Test
  void listsTheInstalledModelUnderItsServersName() {
    assertThat(server().models())
        .anySatisfy(
            m -> {
              assertThat(m.server()).isEqualTo(server().name());
              assertThat(m.name()).startsWith(installedModel());
            });
  }

  @Test
  void describesAnInstalledModelAndNotAMissingOne() {
    assertThat(server().model(installedModel()))
        .hasValueSatisfying(m -> assertThat(m.server()).isEqualTo(server().name()));
    assertThat(server().model("no-such-model-" + System.nanoTime())).isEmpty();
  }

  @Test
  void answersItsLivenessCheck() {
    assertThat(server().version()).isNotNull();
  }

  @Test
  void streamsAReplyWhoseTextIsThePieces() throws Exception {
    List<String> tokens = new CopyOnWriteArrayList<>();

    Object result = chat(server(), installedModel(), tokens);

    assertThat(result)
        .isInstanceOfSatisfying(
            ChatResponse.class,
            r -> {
              assertThat(r.aiMessage().text()).isNotBlank().isEqualTo(String.join("", tokens));
            });
  }

  @Test
  void aMissingModelIsReportedToTheHandlerAsANonRetriableBecaException() throws Exception {
    Object result = chat(server(), "no-such-model", new CopyOnWriteArrayList<>());

    assertThat(result).isInstanceOf(ModelRequestException.class);
  }

  @Test
  void anUnreachableServerIsRetriableForChatAndManagement() throws Exception {
    assertThatThrownBy(() -> unreachableServer().models())
        .isInstanceOf(ModelUnavailableException.class);
    assertThat(chat(unreachableServer(), installedModel(), new CopyOnWriteArrayList<>()))
        .isInstanceOfSatisfying(BecaException.class, e -> assertThat(e.isRetriable()).isTrue());
  }

  @Test
  void deletingAMissingModelIsRefusedClearly() {
    assertThatThrownBy(() -> server().delete("no-such-model"))
        .isInstanceOfAny(NotFoundException.class, ModelRequestException.class);
    if (!server().managesModels()) {
      assertThatThrownBy(() -> server().pull(installedModel(), p -> {}))
          .isInstanceOf(ModelRequestException.class);
    }
  }
}
