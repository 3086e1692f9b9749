package dev.beca.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MessageStore} and {@link SessionStore} implementation must pass.
 *
 * <p>Extend it in the implementation's tests and return fresh, empty stores that share one backing
 * store and use the given clock. Published in beca-core's test-jar so that a user's own store
 * (PostgreSQL, a remote service) is held to the same rules as the stock SQLite one.
 */
public abstract class ConversationStoresContract {

  /** A message store and the session store it checks sessions against. */
  public record Stores(MessageStore messages, SessionStore sessions) {}

  /** The clock handed to the stores, at 2026-01-01T00:00:00Z at the start of each test. */
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private MessageStore messages;
  private SessionStore sessions;

  /**
   * Creates empty stores for one test.
   *
   * @param clock the clock the stores must stamp records with
   * @return the stores
   */
  protected abstract Stores createStores(MutableClock clock) throws Exception;

  /**
   * A thread id that the message store accepts. Stores that check thread references (the SQLite
   * store does) override this to create a real thread.
   */
  protected long existingThreadId() {
    return 7;
  }

  @BeforeEach
  void createFreshStores() throws Exception {
    Stores stores = createStores(clock);
    messages = stores.messages();
    sessions = stores.sessions();
  }

  @Test
  void createdSessionCanBeFoundWithItsTitleAndTimes() {
    Session created = sessions.create("refactoring");

    assertThat(sessions.find(created.id())).contains(created);
    assertThat(created.title()).isEqualTo("refactoring");
    assertThat(created.createdAt()).isEqualTo(clock.instant());
    assertThat(created.lastActiveAt()).isEqualTo(clock.instant());
  }

  @Test
  void sessionTitlesWithControlCharactersAreRefused() {
    for (String hostile : new String[] {"x\u001b[2J", "two\nlines", "\u0007", "c1\u0085"}) {
      assertThatThrownBy(() -> sessions.create(hostile))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("control character");
    }
    assertThat(sessions.recent(10)).isEmpty();
    assertThat(sessions.create("plain title, \u00e9t\u00e9 \u2713").title())
        .isEqualTo("plain title, \u00e9t\u00e9 \u2713");
  }

  @Test
  void sessionsGetDistinctIds() {
    assertThat(sessions.create("a").id()).isNotEqualTo(sessions.create("a").id());
  }

  @Test
  void unknownSessionIsNotFound() {
    assertThat(sessions.find("no-such-session")).isEmpty();
    assertThatThrownBy(() -> sessions.touch("no-such-session"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no-such-session");
  }

  @Test
  void touchMovesLastActivityAndRecentListsMostRecentFirst() {
    Session first = sessions.create("first");
    clock.advance(Duration.ofMinutes(1));
    Session second = sessions.create("second");
    clock.advance(Duration.ofMinutes(1));

    sessions.touch(first.id());

    assertThat(sessions.find(first.id()).orElseThrow().lastActiveAt()).isEqualTo(clock.instant());
    assertThat(sessions.recent(10))
        .extracting(Session::id)
        .containsExactly(first.id(), second.id());
    assertThat(sessions.recent(1)).extracting(Session::id).containsExactly(first.id());
  }

  @Test
  void toolsUsedAndSuccessAreStoredAsGiven() {
    Session session = sessions.create("tools");
    ConversationMessage tool =
        messages.append(
            NewMessage.assistant(session.id(), "searched")
                .withTools("[{\"name\":\"search\"}]", false));
    ConversationMessage broken =
        messages.append(NewMessage.assistant(session.id(), "cut of").failed());
    ConversationMessage plain = messages.append(NewMessage.user(session.id(), "fine"));

    assertThat(messages.find(tool.id()).orElseThrow().toolsJson())
        .hasValue("[{\"name\":\"search\"}]");
    assertThat(messages.find(tool.id()).orElseThrow().success()).isFalse();
    assertThat(messages.find(broken.id()).orElseThrow().success()).isFalse();
    assertThat(messages.find(broken.id()).orElseThrow().toolsJson()).isEmpty();
    assertThat(messages.find(plain.id()).orElseThrow().success()).isTrue();
  }

  @Test
  void appendedMessageGetsIdAndTimeAndCanBeFound() {
    Session session = sessions.create("");

    ConversationMessage stored = messages.append(NewMessage.user(session.id(), "Hello"));

    assertThat(stored.id()).isPositive();
    assertThat(stored.createdAt()).isEqualTo(clock.instant());
    assertThat(stored.role()).isEqualTo(MessageRole.USER);
    assertThat(stored.threadId()).isEmpty();
    assertThat(stored.parentId()).isEmpty();
    assertThat(messages.find(stored.id())).contains(stored);
  }

  @Test
  void idsIncreaseInAppendOrder() {
    Session session = sessions.create("");
    long previous = 0;
    for (int i = 0; i < 5; i++) {
      long id = messages.append(NewMessage.user(session.id(), "m" + i)).id();
      assertThat(id).isGreaterThan(previous);
      previous = id;
    }
  }

  @Test
  void threadAndParentAreKept() {
    Session session = sessions.create("");
    long thread = existingThreadId();
    ConversationMessage question =
        messages.append(NewMessage.user(session.id(), "Q").inThread(thread));

    ConversationMessage answer =
        messages.append(
            NewMessage.assistant(session.id(), "A").inThread(thread).replyingTo(question.id()));

    ConversationMessage found = messages.find(answer.id()).orElseThrow();
    assertThat(found.threadId()).isEqualTo(OptionalLong.of(thread));
    assertThat(found.parentId()).isEqualTo(OptionalLong.of(question.id()));
    assertThat(found.role()).isEqualTo(MessageRole.ASSISTANT);
  }

  @Test
  void contentIsStoredExactly() {
    Session session = sessions.create("");
    String tricky =
        "line 1\nline 2\r\n\ttab 'single' \"double\" ; DROP TABLE messages; -- \u00e9\u4e2d\uD83D\uDE80 \\0"
            + "x".repeat(100_000);

    ConversationMessage stored = messages.append(NewMessage.user(session.id(), tricky));

    assertThat(messages.find(stored.id()).orElseThrow().content()).isEqualTo(tricky);
  }

  @Test
  void secretsAreRedactedBeforeStorage() {
    Session session = sessions.create("");
    String token = "ghp_" + "Zq8Xw2Ld7Rt5Nb3Kc9Vm1Hs6Jf4Gp0Ay2UeA";
    String key =
        "-----BEGIN RSA PRIVATE KEY-----\n"
            + "MIIEowIBAAKCAQEA1c7Jt0l3v9Qk2Xz8Wq4Rr5Tt6Yy7Uu8Ii9Oo0Pp1Aa2Ss3Dd\n"
            + "4Ff5Gg6Hh7Jj8Kk9Ll0Zz1Xx2Cc3Vv4Bb5Nn6Mm7Qq8Ww9Ee0Rr1Tt2Yy3Uu4Ii\n"
            + "-----END RSA PRIVATE KEY-----";

    ConversationMessage stored =
        messages.append(NewMessage.user(session.id(), "my token " + token + "\n" + key));

    String kept = messages.find(stored.id()).orElseThrow().content();
    assertThat(kept)
        .doesNotContain(token)
        .doesNotContain("MIIEowIBAAKCAQEA1c7Jt0l3v9Qk")
        .contains("ghp_****");
    assertThat(messages.recent(session.id(), 1).get(0).content()).isEqualTo(kept);
  }

  @Test
  void aPrivateKeyCutBeforeItsEndLineIsRedactedToo() {
    Session session = sessions.create("");
    String partial =
        "-----BEGIN OPENSSH PRIVATE KEY-----\n"
            + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
            + "QyNTUxOQAAACBv8Qz3Xk7Lw2Rt9Np4Hs6Vb1Mc5Jd8Ge0Ky3Fu7Wq2AAAAJgV3q5zFd6u";

    ConversationMessage stored = messages.append(NewMessage.user(session.id(), partial));

    assertThat(messages.find(stored.id()).orElseThrow().content())
        .doesNotContain("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ")
        .doesNotContain("QyNTUxOQAAACBv8Qz3Xk7Lw2Rt9Np4Hs6Vb1Mc5Jd8Ge0Ky3Fu7Wq2");
  }

  @Test
  void emptyReplyContentIsAllowed() {
    Session session = sessions.create("");
    ConversationMessage stored = messages.append(NewMessage.assistant(session.id(), ""));
    assertThat(messages.find(stored.id()).orElseThrow().content()).isEmpty();
  }

  @Test
  void oversizedContentIsRejectedBeforeReachingTheStore() {
    Session session = sessions.create("");
    String huge = "x".repeat(NewMessage.MAX_CONTENT_CHARS + 1);

    assertThatThrownBy(() -> messages.append(NewMessage.user(session.id(), huge)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(String.valueOf(NewMessage.MAX_CONTENT_CHARS));
    assertThat(messages.count(session.id())).isZero();
  }

  @Test
  void appendToUnknownSessionIsRefusedAndStoresNothing() {
    assertThatThrownBy(() -> messages.append(NewMessage.user("no-such-session", "lost?")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no-such-session");
    assertThat(messages.count("no-such-session")).isZero();
  }

  @Test
  void appendWithUnknownParentIsRefusedAndStoresNothing() {
    Session session = sessions.create("");

    assertThatThrownBy(
            () -> messages.append(NewMessage.assistant(session.id(), "orphan").replyingTo(999_999)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("999999");
    assertThat(messages.count(session.id())).isZero();
  }

  @Test
  void recentReturnsTheLatestMessagesOldestFirst() {
    Session session = sessions.create("");
    List<Long> ids = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      ids.add(messages.append(NewMessage.user(session.id(), "m" + i)).id());
    }

    assertThat(messages.recent(session.id(), 3))
        .extracting(ConversationMessage::content)
        .containsExactly("m3", "m4", "m5");
    assertThat(messages.recent(session.id(), 100))
        .extracting(ConversationMessage::id)
        .containsExactlyElementsOf(ids);
  }

  @Test
  void sessionsDoNotSeeEachOthersMessages() {
    Session a = sessions.create("a");
    Session b = sessions.create("b");
    messages.append(NewMessage.user(a.id(), "for a"));
    messages.append(NewMessage.user(b.id(), "for b"));
    messages.append(NewMessage.user(a.id(), "for a again"));

    assertThat(messages.recent(a.id(), 10))
        .extracting(ConversationMessage::content)
        .containsExactly("for a", "for a again");
    assertThat(messages.count(a.id())).isEqualTo(2);
    assertThat(messages.count(b.id())).isEqualTo(1);
  }

  @Test
  void unknownSessionHasNoMessages() {
    assertThat(messages.recent("no-such-session", 10)).isEmpty();
    assertThat(messages.count("no-such-session")).isZero();
    assertThat(messages.find(123_456_789)).isEmpty();
  }

  @Test
  void nonPositiveLimitsAreRejected() {
    assertThatThrownBy(() -> messages.recent("s", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sessions.recent(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentAppendsAreAllStoredWithDistinctIds() throws Exception {
    Session session = sessions.create("");
    int writers = 4;
    int perWriter = 50;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    Set<Long> ids = ConcurrentHashMap.newKeySet();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perWriter; i++) {
                    ids.add(messages.append(NewMessage.user(session.id(), writer + ":" + i)).id());
                    messages.recent(session.id(), 5);
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(ids).hasSize(writers * perWriter);
    assertThat(messages.count(session.id())).isEqualTo(writers * perWriter);
  }
}
