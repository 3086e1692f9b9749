package dev.beca.core.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextToolCallsTest {

  private static final Set<String> OFFERED = Set.of("read_file", "list_files");

  @Test
  void aWholeReplyCallIsFound() {
    var found =
        TextToolCalls.find("{\"name\":\"read_file\",\"arguments\":{\"path\":\"a\"}}", OFFERED, "t");

    assertThat(found)
        .hasValueSatisfying(
            f -> {
              assertThat(f.prose()).isEmpty();
              assertThat(f.calls())
                  .extracting(ToolExecutionRequest::name)
                  .containsExactly("read_file");
              assertThat(f.calls().get(0).arguments()).isEqualTo("{\"path\":\"a\"}");
            });
  }

  @Test
  void argumentsGivenAsAJsonStringAndOpenAiShapeAreAccepted() {
    var found =
        TextToolCalls.find(
            "{\"type\":\"function\",\"function\":{\"name\":\"read_file\",\"arguments\":\"{\\\"path\\\":\\\"b\\\"}\"}}",
            OFFERED,
            "t");

    assertThat(found.orElseThrow().calls().get(0).arguments()).isEqualTo("{\"path\":\"b\"}");
  }

  @Test
  void anArrayOfCallsGivesEveryCallInOrder() {
    var found =
        TextToolCalls.find(
            "[{\"name\":\"list_files\",\"parameters\":{}},{\"tool\":\"read_file\",\"args\":{\"path\":\"c\"}}]",
            OFFERED,
            "t");

    assertThat(found.orElseThrow().calls())
        .extracting(ToolExecutionRequest::name)
        .containsExactly("list_files", "read_file");
    assertThat(found.orElseThrow().calls())
        .extracting(ToolExecutionRequest::id)
        .doesNotHaveDuplicates();
  }

  @Test
  void oneFencedCallWithProseKeepsTheProse() {
    var found =
        TextToolCalls.find(
            "I will read it.\n```json\n{\"name\": \"read_file\", \"arguments\": {\"path\": \"d\"}}\n```",
            OFFERED,
            "t");

    assertThat(found.orElseThrow().prose()).isEqualTo("I will read it.");
  }

  @Test
  void jsonOfAnUnofferedToolOrPlainDataOrSeveralBlocksIsText() {
    assertThat(TextToolCalls.find("{\"name\":\"rm\",\"arguments\":{}}", OFFERED, "t")).isEmpty();
    assertThat(TextToolCalls.find("{\"id\": 3}", OFFERED, "t")).isEmpty();
    assertThat(
            TextToolCalls.find(
                "[{\"name\":\"read_file\",\"arguments\":{}},{\"name\":\"rm\",\"arguments\":{}}]",
                OFFERED,
                "t"))
        .isEmpty();
    assertThat(
            TextToolCalls.find(
                "Like this:\n```json\n{\"name\":\"read_file\",\"arguments\":{}}\n```\nor\n```json\n{}\n```",
                OFFERED,
                "t"))
        .isEmpty();
    assertThat(TextToolCalls.find("{not json", OFFERED, "t")).isEmpty();
  }
}
