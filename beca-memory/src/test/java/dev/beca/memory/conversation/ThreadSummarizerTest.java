package dev.beca.memory.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.Session;
import dev.beca.core.conversation.ThreadSummary;
import dev.beca.core.memory.SummaryResult;
import dev.beca.core.memory.ThreadSummarizer;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thread summaries through LangChain4j's real Ollama client against the loopback server. */
class ThreadSummarizerTest {

  @TempDir Path dir;
  private SqliteKnowledgeBase kb;
  private OllamaLoopbackServer ollama;
  private Session session;
  private long thread;

  @BeforeEach
  void setUp() {
    kb = SqliteKnowledgeBase.builder().dataDirectory(dir).withoutEmbeddings().open();
    ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
    session = kb.sessions().create("");
    thread = kb.threads().create("billing").id();
    kb.messages()
        .append(
            NewMessage.user(session.id(), "We move billing to Postgres. Keep the API.")
                .inThread(thread));
    kb.messages()
        .append(
            NewMessage.assistant(session.id(), "Agreed: Flyway for the schema.").inThread(thread));
  }

  @AfterEach
  void tearDown() {
    ollama.close();
    kb.close();
  }

  private ThreadSummarizer summarizer(String url) {
    return ThreadSummarizer.builder()
        .threads(kb.threads())
        .models(new LoopbackModels(url, "llama3.2"))
        .build();
  }

  @Test
  void modelSummaryIsStoredAndThenUpdatedIncrementally() {
    ollama.enqueue(OllamaReply.text("Billing moves to ", "Postgres with Flyway."));
    SummaryResult first = summarizer(ollama.baseUrl()).summarize(thread);

    assertThat(first.summary().kind()).isEqualTo(ThreadSummary.Kind.MODEL);
    assertThat(first.summary().content()).isEqualTo("Billing moves to Postgres with Flyway.");
    assertThat(first.newMessages()).isEqualTo(2);
    assertThat(kb.threads().summary(thread)).contains(first.summary());
    assertThat(ollama.lastChatRequest().lastUserText()).contains("We move billing to Postgres");

    // Nothing new: no model call.
    int calls = ollama.chatRequests().size();
    assertThat(summarizer(ollama.baseUrl()).summarize(thread).newMessages()).isZero();
    assertThat(ollama.chatRequests()).hasSize(calls);

    kb.messages()
        .append(NewMessage.user(session.id(), "Also drop the SOAP endpoint.").inThread(thread));
    ollama.enqueue(OllamaReply.text("Billing to Postgres with Flyway; SOAP endpoint dropped."));
    SummaryResult second = summarizer(ollama.baseUrl()).summarize(thread);

    String prompt = ollama.lastChatRequest().lastUserText();
    assertThat(prompt)
        .contains("Summary so far:\nBilling moves to Postgres with Flyway.")
        .contains("Also drop the SOAP endpoint.")
        .doesNotContain("We move billing to Postgres");
    assertThat(second.newMessages()).isEqualTo(1);
    assertThat(second.summary().messageCount()).isEqualTo(3);
  }

  @Test
  void withoutAModelServerTheExtractiveFallbackIsStoredAndMarked() {
    SummaryResult result = summarizer(OllamaLoopbackServer.unusedLoopbackUrl()).summarize(thread);

    assertThat(result.summary().kind()).isEqualTo(ThreadSummary.Kind.EXTRACTIVE);
    assertThat(result.summary().content())
        .startsWith(ThreadSummarizer.EXTRACTIVE_MARK)
        .contains("user: We move billing to Postgres.");
    assertThat(result.fallbackReason()).isPresent();
    assertThat(kb.threads().summary(thread)).contains(result.summary());
  }

  @Test
  void modelErrorAlsoFallsBackWithTheReason() {
    ollama.enqueue(OllamaReply.httpError(500, "model crashed"));
    SummaryResult result = summarizer(ollama.baseUrl()).summarize(thread);

    assertThat(result.summary().kind()).isEqualTo(ThreadSummary.Kind.EXTRACTIVE);
    assertThat(result.fallbackReason().orElseThrow()).isNotBlank();
  }

  @Test
  void eachCallWaitsAsLongAsTheGatewaysReplyTimeoutAndNoLonger() {
    ollama.enqueue(OllamaReply.text("too late").withFirstTokenDelay(Duration.ofSeconds(8)));
    ThreadSummarizer impatient =
        ThreadSummarizer.builder()
            .threads(kb.threads())
            .models(new LoopbackModels(ollama.baseUrl(), "llama3.2", Duration.ofMillis(200)))
            .build();

    SummaryResult result = impatient.summarize(thread);

    assertThat(result.summary().kind()).isEqualTo(ThreadSummary.Kind.EXTRACTIVE);
    assertThat(result.fallbackReason().orElseThrow())
        .contains("did not finish its reply within 200 ms");
  }

  @Test
  void unknownOrEmptyThreadsAreClearErrors() {
    long empty = kb.threads().create("empty").id();
    assertThatThrownBy(() -> summarizer(ollama.baseUrl()).summarize(99_999))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> summarizer(ollama.baseUrl()).summarize(empty))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no messages");
  }
}
