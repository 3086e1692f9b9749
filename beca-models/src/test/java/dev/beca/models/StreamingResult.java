package dev.beca.models;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** What one streaming call delivered: the pieces and the response or the error. */
record StreamingResult(List<String> tokens, ChatResponse response, Throwable error) {

  static StreamingResult call(StreamingChatModel model, String text) throws Exception {
    return call(model, ChatRequest.builder().messages(UserMessage.from(text)).build());
  }

  static StreamingResult call(StreamingChatModel model, ChatRequest request) throws Exception {
    List<String> tokens = new CopyOnWriteArrayList<>();
    CompletableFuture<StreamingResult> done = new CompletableFuture<>();
    model.chat(
        request,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            tokens.add(partial);
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(new StreamingResult(tokens, response, null));
          }

          @Override
          public void onError(Throwable error) {
            done.complete(new StreamingResult(tokens, null, error));
          }
        });
    return done.get(30, TimeUnit.SECONDS);
  }
}
