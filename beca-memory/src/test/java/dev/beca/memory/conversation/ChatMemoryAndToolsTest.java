package dev.beca.memory.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.MessageRole;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.Session;
import dev.beca.core.memory.ConversationTools;
import dev.beca.core.memory.HistoryChatMemoryStore;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LangChain4j chat memory store and agent tools, driven by LangChain4j's own AI Services. */
class ChatMemoryAndToolsTest {

  interface Helper {
    String chat(String text);
  }

  @TempDir Path dir;
  private SqliteKnowledgeBase kb;
  private OllamaLoopbackServer ollama;
  private Session session;

  @BeforeEach
  void setUp() {
    kb = SqliteKnowledgeBase.builder().dataDirectory(dir).withoutEmbeddings().open();
    ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
    session = kb.sessions().create("");
  }

  @AfterEach
  void tearDown() {
    ollama.close();
    kb.close();
  }

  private OllamaChatModel model() {
    return OllamaChatModel.builder().baseUrl(ollama.baseUrl()).modelName("llama3.2").build();
  }

  @Test
  void aiServiceRemembersThroughAppendOnlyHistoryOfAThread() {
    long thread = kb.threads().create("memory").id();
    HistoryChatMemoryStore store =
        new HistoryChatMemoryStore(kb.messages(), kb.threads(), session.id(), 3);
    Helper helper =
        AiServices.builder(Helper.class)
            .chatModel(model())
            .chatMemory(
                MessageWindowChatMemory.builder()
                    .id(thread)
                    .maxMessages(3)
                    .chatMemoryStore(store)
                    .build())
            .build();

    helper.chat("first");
    helper.chat("second");
    helper.chat("third");

    // Every message is stored once, in order, although the window holds only 3.
    assertThat(kb.threads().messages(thread))
        .extracting(ConversationMessage::content)
        .containsExactly("first", "echo: first", "second", "echo: second", "third", "echo: third");
    assertThat(ollama.lastChatRequest().messages("user"))
        .extracting(m -> m.content())
        .contains("third");

    store.deleteMessages(thread);
    assertThat(store.getMessages(thread)).isEmpty();
    assertThat(kb.threads().messages(thread)).as("history is never deleted").hasSize(6);
  }

  @Test
  void memoryShowsTheSystemMessageAndSummaryFirstAndKeysSessionsByTheirId() {
    HistoryChatMemoryStore store =
        new HistoryChatMemoryStore(kb.messages(), kb.threads(), session.id(), 10);
    store.updateMessages(
        session.id(), List.of(SystemMessage.from("Be brief."), UserMessage.from("hello")));

    List<ChatMessage> messages = store.getMessages(session.id());

    assertThat(messages)
        .containsExactly(SystemMessage.from("Be brief."), UserMessage.from("hello"));
    assertThat(kb.messages().recent(session.id(), 10))
        .extracting(ConversationMessage::role)
        .containsExactly(MessageRole.USER);
  }

  @Test
  void toolSpecificationsAreGeneratedForEveryTool() {
    List<ToolSpecification> specs =
        ToolSpecifications.toolSpecificationsFrom(new ConversationTools(kb.threads(), kb.search()));

    assertThat(specs)
        .extracting(ToolSpecification::name)
        .containsExactlyInAnyOrder("createThread", "linkMessage", "viewThread", "searchHistory");
    assertThat(specs).allSatisfy(s -> assertThat(s.description()).isNotBlank());
  }

  @Test
  void toolInvocationsWorkThroughLangChain4jsExecutor() throws Exception {
    ConversationTools tools = new ConversationTools(kb.threads(), kb.search());
    ConversationMessage m =
        kb.messages().append(NewMessage.user(session.id(), "the gradle daemon keeps dying"));

    String created = execute(tools, "createThread", "{\"name\":\"builds\"}");
    long thread = kb.threads().list().get(0).id();
    String linked =
        execute(tools, "linkMessage", "{\"messageId\":" + m.id() + ",\"threadId\":" + thread + "}");
    String viewed = execute(tools, "viewThread", "{\"threadId\":" + thread + "}");
    String found = execute(tools, "searchHistory", "{\"query\":\"gradle daemon\",\"threadId\":0}");
    String failed = execute(tools, "viewThread", "{\"threadId\":424242}");

    assertThat(created).isEqualTo("Created thread " + thread + " 'builds'.");
    assertThat(linked).contains("is now in thread " + thread);
    assertThat(viewed).contains("#" + m.id() + " user: the gradle daemon keeps dying");
    assertThat(found).contains("#" + m.id());
    assertThat(failed).startsWith("Error: There is no thread 424242");
  }

  @Test
  void aModelCallsTheToolsThroughAnAiService() {
    ConversationTools tools = new ConversationTools(kb.threads(), kb.search());
    ollama.enqueue(
        OllamaReply.toolCall("createThread", "{\"name\":\"from the model\"}"),
        OllamaReply.text("Done."));
    Helper helper = AiServices.builder(Helper.class).chatModel(model()).tools(tools).build();

    assertThat(helper.chat("make a thread")).isEqualTo("Done.");
    assertThat(kb.threads().list()).extracting(t -> t.name()).containsExactly("from the model");
  }

  private static String execute(Object tools, String name, String arguments) {
    Method method =
        java.util.Arrays.stream(tools.getClass().getMethods())
            .filter(m -> m.getName().equals(name))
            .findFirst()
            .orElseThrow();
    ToolExecutionRequest request =
        ToolExecutionRequest.builder().id("1").name(name).arguments(arguments).build();
    return new DefaultToolExecutor(tools, method).execute(request, "memory");
  }
}
