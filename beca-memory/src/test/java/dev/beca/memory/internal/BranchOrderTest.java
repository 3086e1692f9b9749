package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.MessageRole;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The reading order of a thread: each message followed by its replies, depth first. */
class BranchOrderTest {

  private static ConversationMessage m(long id, Long parent) {
    return new ConversationMessage(
        id,
        "s",
        MessageRole.USER,
        "m" + id,
        Instant.EPOCH,
        OptionalLong.of(1),
        parent == null ? OptionalLong.empty() : OptionalLong.of(parent));
  }

  private static List<Long> order(ConversationMessage... rows) {
    return SqliteThreadStore.branchOrder(List.of(rows)).stream()
        .map(ConversationMessage::id)
        .toList();
  }

  @Test
  void aLinearConversationKeepsItsOrderWhetherParentsAreInsideOrOutsideTheThread() {
    assertThat(order(m(1, null), m(2, 1L), m(3, 2L), m(7, 3L))).containsExactly(1L, 2L, 3L, 7L);
    assertThat(order(m(4, 2L), m(5, 4L), m(9, null), m(10, 9L))).containsExactly(4L, 5L, 9L, 10L);
  }

  @Test
  void aBranchIsReadAfterTheRepliesOfTheBranchBeforeIt() {
    // 1 <- 2 <- 3, and 4 answers 1 again (a branch), 5 continues 3.
    assertThat(order(m(1, null), m(2, 1L), m(3, 2L), m(4, 1L), m(5, 3L)))
        .containsExactly(1L, 2L, 3L, 5L, 4L);
    // A branch off the message before the previous one.
    assertThat(order(m(1, null), m(2, 1L), m(3, 1L))).containsExactly(1L, 2L, 3L);
    assertThat(order(m(1, null), m(2, 1L), m(3, 1L), m(4, 2L))).containsExactly(1L, 2L, 4L, 3L);
  }
}
