package dev.beca.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ThreadStore} and {@link SessionExpiry} implementation must pass,
 * together with the message and session stores they share a backing store with.
 *
 * <p>Published in beca-core's test-jar; extend it and return fresh, empty stores.
 */
public abstract class ThreadStoresContract {

  /** The stores under test, sharing one backing store. */
  public record Stores(
      MessageStore messages, SessionStore sessions, ThreadStore threads, SessionExpiry expiry) {}

  /** The clock handed to the stores, at 2026-01-01T00:00:00Z at the start of each test. */
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private MessageStore messages;
  private SessionStore sessions;
  private ThreadStore threads;
  private SessionExpiry expiry;

  /**
   * Creates empty stores for one test.
   *
   * @param clock the clock the stores must stamp records with
   * @return the stores
   */
  protected abstract Stores createStores(MutableClock clock) throws Exception;

  @BeforeEach
  void createFreshStores() throws Exception {
    Stores stores = createStores(clock);
    messages = stores.messages();
    sessions = stores.sessions();
    threads = stores.threads();
    expiry = stores.expiry();
  }

  @Test
  void createdThreadIsFoundWithNoMessages() {
    ConversationThread thread = threads.create("  billing migration ");

    assertThat(thread.name()).isEqualTo("billing migration");
    assertThat(thread.messageCount()).isZero();
    assertThat(thread.createdAt()).isEqualTo(clock.instant());
    assertThat(threads.find(thread.id())).contains(thread);
    assertThat(threads.messages(thread.id())).isEmpty();
  }

  @Test
  void blankOrOverlongNamesAreRefused() {
    assertThatThrownBy(() -> threads.create(" ")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> threads.create("x".repeat(ThreadStore.MAX_NAME_CHARS + 1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(String.valueOf(ThreadStore.MAX_NAME_CHARS));
    assertThat(threads.list()).isEmpty();
  }

  @Test
  void namesWithControlCharactersAreRefusedOnCreateAndRename() {
    ConversationThread kept = threads.create("kept");
    for (String hostile :
        new String[] {"x\u001b]0;pwned\u0007", "a\nb", "tab\there", "del\u007f", "c1\u009b2J"}) {
      assertThatThrownBy(() -> threads.create(hostile))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("control character");
      assertThatThrownBy(() -> threads.rename(kept.id(), hostile))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("control character");
    }
    assertThat(threads.list()).extracting(ConversationThread::name).containsExactly("kept");
  }

  @Test
  void listShowsCountsAndLastActivityMostRecentFirst() {
    Session session = sessions.create("");
    ConversationThread older = threads.create("older");
    ConversationThread newer = threads.create("newer");
    clock.advance(Duration.ofMinutes(5));
    messages.append(NewMessage.user(session.id(), "one").inThread(older.id()));
    messages.append(NewMessage.user(session.id(), "two").inThread(older.id()));

    List<ConversationThread> list = threads.list();

    assertThat(list).extracting(ConversationThread::id).containsExactly(older.id(), newer.id());
    assertThat(list.get(0).messageCount()).isEqualTo(2);
    assertThat(list.get(0).lastActivityAt()).isEqualTo(clock.instant());
    assertThat(list.get(1).messageCount()).isZero();
  }

  @Test
  void renameKeepsMessages() {
    Session session = sessions.create("");
    ConversationThread thread = threads.create("old");
    messages.append(NewMessage.user(session.id(), "kept").inThread(thread.id()));

    ConversationThread renamed = threads.rename(thread.id(), "new");

    assertThat(renamed.name()).isEqualTo("new");
    assertThat(threads.messages(thread.id()))
        .extracting(ConversationMessage::content)
        .containsExactly("kept");
    assertThatThrownBy(() -> threads.rename(999_999, "x")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void appendingToUnknownThreadIsRefusedAndStoresNothing() {
    Session session = sessions.create("");

    assertThatThrownBy(
            () -> messages.append(NewMessage.user(session.id(), "lost?").inThread(424_242)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("424242");
    assertThat(messages.count(session.id())).isZero();
  }

  @Test
  void linkAndUnlinkMoveAMessageWithoutChangingIt() {
    Session session = sessions.create("");
    ConversationThread thread = threads.create("t");
    ConversationMessage loose = messages.append(NewMessage.user(session.id(), "file me"));

    threads.link(loose.id(), thread.id());
    assertThat(threads.messages(thread.id()))
        .extracting(ConversationMessage::id)
        .containsExactly(loose.id());
    assertThat(messages.find(loose.id()).orElseThrow().threadId())
        .isEqualTo(OptionalLong.of(thread.id()));

    threads.unlink(loose.id());
    assertThat(threads.messages(thread.id())).isEmpty();
    ConversationMessage after = messages.find(loose.id()).orElseThrow();
    assertThat(after.threadId()).isEmpty();
    assertThat(after.content()).isEqualTo("file me");
    assertThat(after.createdAt()).isEqualTo(loose.createdAt());
  }

  @Test
  void linkingUnknownMessageOrThreadIsRefused() {
    Session session = sessions.create("");
    ConversationThread thread = threads.create("t");
    ConversationMessage m = messages.append(NewMessage.user(session.id(), "x"));

    assertThatThrownBy(() -> threads.link(987_654, thread.id()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("987654");
    assertThatThrownBy(() -> threads.link(m.id(), 876_543))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("876543");
    assertThat(messages.find(m.id()).orElseThrow().threadId()).isEmpty();
  }

  @Test
  void fullThreadIsInBranchAwareConversationOrder() {
    Session session = sessions.create("");
    long t = threads.create("branches").id();
    ConversationMessage q = messages.append(NewMessage.user(session.id(), "q").inThread(t));
    ConversationMessage a1 =
        messages.append(NewMessage.assistant(session.id(), "a1").inThread(t).replyingTo(q.id()));
    ConversationMessage q2 =
        messages.append(NewMessage.user(session.id(), "q2").inThread(t).replyingTo(a1.id()));
    // A branch: the user goes back and asks differently after a1's question.
    ConversationMessage b =
        messages.append(NewMessage.user(session.id(), "branch").inThread(t).replyingTo(q.id()));
    ConversationMessage a2 =
        messages.append(NewMessage.assistant(session.id(), "a2").inThread(t).replyingTo(q2.id()));
    ConversationMessage b2 =
        messages.append(
            NewMessage.assistant(session.id(), "b-answer").inThread(t).replyingTo(b.id()));

    assertThat(threads.messages(t))
        .extracting(ConversationMessage::id)
        .containsExactly(q.id(), a1.id(), q2.id(), a2.id(), b.id(), b2.id());
    assertThat(threads.latest(t, 2))
        .extracting(ConversationMessage::id)
        .containsExactly(a2.id(), b2.id());
  }

  @Test
  void deletingAThreadDeletesItsMessagesOnly() {
    Session session = sessions.create("");
    long t = threads.create("doomed").id();
    ConversationMessage inside =
        messages.append(NewMessage.user(session.id(), "inside").inThread(t));
    ConversationMessage outsideReply =
        messages.append(NewMessage.assistant(session.id(), "outside").replyingTo(inside.id()));
    ConversationMessage other = messages.append(NewMessage.user(session.id(), "other"));

    assertThat(threads.delete(t)).isEqualTo(1);

    assertThat(threads.find(t)).isEmpty();
    assertThat(messages.find(inside.id())).isEmpty();
    assertThat(messages.find(other.id())).isPresent();
    ConversationMessage reply = messages.find(outsideReply.id()).orElseThrow();
    assertThat(reply.content()).isEqualTo("outside");
    assertThat(reply.parentId()).isEmpty();
    assertThatThrownBy(() -> threads.delete(t)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void summaryIsStoredReplacedAndDeletedWithItsThread() {
    Session session = sessions.create("");
    long t = threads.create("s").id();
    ConversationMessage m = messages.append(NewMessage.user(session.id(), "x").inThread(t));
    ThreadSummary first =
        new ThreadSummary(
            t, "first", ThreadSummary.Kind.EXTRACTIVE, "", m.id(), 1, clock.instant());
    ThreadSummary second =
        new ThreadSummary(
            t, "second", ThreadSummary.Kind.MODEL, "llama", m.id(), 1, clock.instant());

    threads.saveSummary(first);
    threads.saveSummary(second);

    assertThat(threads.summary(t)).contains(second);
    assertThatThrownBy(
            () ->
                threads.saveSummary(
                    new ThreadSummary(
                        777_777, "x", ThreadSummary.Kind.MODEL, "m", 1, 1, clock.instant())))
        .isInstanceOf(NotFoundException.class);
    threads.delete(t);
    assertThat(threads.summary(t)).isEmpty();
  }

  @Test
  void sessionUsesAThreadUntilSwitchedOrCleared() {
    Session session = sessions.create("");
    long t = threads.create("current").id();

    assertThat(threads.current(session.id())).isEmpty();
    threads.use(session.id(), OptionalLong.of(t));
    assertThat(threads.current(session.id())).hasValue(t);
    assertThatThrownBy(() -> threads.use(session.id(), OptionalLong.of(555_555)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> threads.use("no-such-session", OptionalLong.of(t)))
        .isInstanceOf(NotFoundException.class);
    threads.use(session.id(), OptionalLong.empty());
    assertThat(threads.current(session.id())).isEmpty();
  }

  @Test
  void expiringIdleSessionsRemovesLooseMessagesButKeepsThreadedOnes() {
    Session idle = sessions.create("idle");
    Session active = sessions.create("active");
    long t = threads.create("kept").id();
    ConversationMessage loose = messages.append(NewMessage.user(idle.id(), "working state"));
    ConversationMessage question =
        messages.append(NewMessage.user(idle.id(), "answered in a thread"));
    ConversationMessage threaded =
        messages.append(
            NewMessage.assistant(idle.id(), "kept").inThread(t).replyingTo(question.id()));
    threads.use(idle.id(), OptionalLong.of(t));
    clock.advance(Duration.ofHours(2));
    ConversationMessage fresh = messages.append(NewMessage.user(active.id(), "recent"));
    sessions.touch(active.id());

    List<String> expired = expiry.expireIdle(Duration.ofHours(1));

    assertThat(expired).containsExactly(idle.id());
    assertThat(messages.find(loose.id())).isEmpty();
    assertThat(messages.find(question.id())).as("a kept message answers it").isPresent();
    assertThat(messages.find(threaded.id())).isPresent();
    assertThat(messages.find(fresh.id())).isPresent();
    assertThat(threads.current(idle.id())).isEmpty();
    assertThat(sessions.find(idle.id())).isPresent();
    assertThat(expiry.expireIdle(Duration.ofHours(1))).as("already expired").isEmpty();
  }

  @Test
  void clearRemovesWorkingStateOfOneSession() {
    Session session = sessions.create("");
    long t = threads.create("t").id();
    messages.append(NewMessage.user(session.id(), "a"));
    messages.append(NewMessage.user(session.id(), "b"));
    ConversationMessage threaded = messages.append(NewMessage.user(session.id(), "c").inThread(t));

    assertThat(expiry.clear(session.id())).isEqualTo(2);

    assertThat(messages.recent(session.id(), 10))
        .containsExactly(messages.find(threaded.id()).orElseThrow());
    assertThatThrownBy(() -> expiry.clear("no-such-session")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void nonPositiveArgumentsAreRejected() {
    assertThatThrownBy(() -> threads.latest(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> expiry.expireIdle(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
