package dev.beca.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.ModelRequestException;
import dev.beca.core.ModelUnavailableException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.TimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Each kind of client failure becomes the BECA exception a user can act on. */
class ModelFailuresTest {

  private static final ModelRef MODEL = new ModelRef(ModelRole.GENERAL, "llama3.2");
  private static final ServerAdvice ADVICE =
      new ServerAdvice("http://localhost:11434", "Start the server.", "Pull the model.");

  private static BecaException translate(Throwable error) {
    return ModelFailures.translate(error, MODEL, ADVICE);
  }

  @Test
  void refusedConnectionDeepInTheCauseChainMeansNoServerAnswers() {
    BecaException failure =
        translate(new CompletionException(new IOException(new ConnectException("refused"))));

    assertThat(failure).isInstanceOf(ModelUnavailableException.class);
    assertThat(failure.isRetriable()).isTrue();
    assertThat(failure.getMessage())
        .isEqualTo("No model server answers at http://localhost:11434. Start the server.");
    assertThat(failure.getCause()).isInstanceOf(CompletionException.class);
  }

  @Test
  void credentialsInTheServerUrlOrTheClientsMessageAreRedacted() {
    ServerAdvice withCredentials =
        new ServerAdvice(
            "http://user:s3cret@gpu-box:11434", "Start the server.", "Pull the model.");

    BecaException refused =
        ModelFailures.translate(new ConnectException("refused"), MODEL, withCredentials);
    BecaException failed =
        ModelFailures.translate(
            new IllegalStateException("POST https://user:s3cret@gpu-box:11434/api/chat failed"),
            MODEL,
            ADVICE);

    assertThat(refused.getMessage())
        .isEqualTo("No model server answers at http://***@gpu-box:11434. Start the server.");
    assertThat(failed.getMessage())
        .contains("https://***@gpu-box:11434/api/chat")
        .doesNotContain("s3cret");
  }

  @Test
  void timeoutIsRetriable() {
    BecaException failure = translate(new TimeoutException("read timed out"));

    assertThat(failure).isInstanceOf(ModelUnavailableException.class);
    assertThat(failure.getMessage()).contains("did not answer in time", "'llama3.2'");
  }

  @Test
  void missingModelIsNotRetriableAndSaysWhatToDo() {
    for (Throwable error :
        new Throwable[] {
          new ModelNotFoundException("nope"), new HttpException(404, "{\"error\":\"x\"}")
        }) {
      BecaException failure = translate(error);

      assertThat(failure).isInstanceOf(ModelRequestException.class);
      assertThat(failure.isRetriable()).isFalse();
      assertThat(failure.problem()).contains("has no model 'llama3.2'");
      assertThat(failure.remedy()).isEqualTo("Pull the model.");
    }
  }

  @Test
  void badRequestIsNotRetriableAndQuotesTheServer() {
    BecaException failure =
        translate(new InvalidRequestException("llama3.2 does not support tools"));

    assertThat(failure).isInstanceOf(ModelRequestException.class);
    assertThat(failure.getMessage()).contains("does not support tools");
  }

  @Test
  void serverErrorsAndRateLimitsAreRetriable() {
    assertThat(translate(new HttpException(500, "boom")))
        .isInstanceOf(ModelUnavailableException.class);
    assertThat(translate(new HttpException(503, "loading")))
        .isInstanceOf(ModelUnavailableException.class);
    assertThat(translate(new HttpException(429, "slow down")))
        .isInstanceOf(ModelUnavailableException.class);
    assertThat(translate(new HttpException(401, "who?"))).isInstanceOf(ModelRequestException.class);
  }

  @Test
  void brokenStreamIsRetriable() {
    BecaException failure = translate(new RuntimeException(new IOException("connection reset")));

    assertThat(failure).isInstanceOf(ModelUnavailableException.class);
    assertThat(failure.getMessage()).contains("broke while model 'llama3.2' was answering");
  }

  @Test
  void becaExceptionsPassThroughUnchanged() {
    InvalidInputException original = new InvalidInputException("bad", "fix it");
    assertThat(translate(original)).isSameAs(original);
  }

  @Test
  void longServerMessagesAreCutToOneLine() {
    BecaException failure =
        translate(new HttpException(500, "line one\nline two " + "x".repeat(500)));

    assertThat(failure.getMessage()).doesNotContain("\n").contains("line one line two");
    assertThat(failure.getMessage().length()).isLessThan(400);
  }
}
