package dev.beca.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Validation of messages before they reach any store. */
class NewMessageTest {

  @Test
  void factoriesAndWithersSetRoleThreadAndParent() {
    NewMessage message = NewMessage.assistant("s", "text").inThread(3).replyingTo(9);

    assertThat(message.role()).isEqualTo(MessageRole.ASSISTANT);
    assertThat(message.threadId()).isEqualTo(OptionalLong.of(3));
    assertThat(message.parentId()).isEqualTo(OptionalLong.of(9));
    assertThat(NewMessage.user("s", "q").role()).isEqualTo(MessageRole.USER);
  }

  @Test
  void blankSessionIdIsRejected() {
    assertThatThrownBy(() -> NewMessage.user(" ", "hi"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("session id");
  }

  @Test
  void missingContentIsRejected() {
    assertThatThrownBy(() -> NewMessage.user("s", null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("content");
  }

  @Test
  void contentAtTheLimitIsAcceptedAndOneMoreCharacterIsNot() {
    assertThat(NewMessage.user("s", "x".repeat(NewMessage.MAX_CONTENT_CHARS)).content())
        .hasSize(NewMessage.MAX_CONTENT_CHARS);
    assertThatThrownBy(() -> NewMessage.user("s", "x".repeat(NewMessage.MAX_CONTENT_CHARS + 1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1000001 characters");
  }
}
