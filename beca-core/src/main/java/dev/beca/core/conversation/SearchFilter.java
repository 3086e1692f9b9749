package dev.beca.core.conversation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which messages a search looks at; every part is optional and they combine with AND.
 *
 * @param threadId only this thread
 * @param sessionId only this session
 * @param role only this role
 * @param from only messages stored at or after this time
 * @param until only messages stored before this time
 */
public record SearchFilter(
    OptionalLong threadId,
    Optional<String> sessionId,
    Optional<MessageRole> role,
    Optional<Instant> from,
    Optional<Instant> until) {

  /** Checks that no component is missing and the time range is not reversed. */
  public SearchFilter {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (from.isPresent() && until.isPresent() && until.get().isBefore(from.get())) {
      throw new dev.beca.core.InvalidInputException(
          "The time range ends (" + until.get() + ") before it starts (" + from.get() + ").",
          "Swap the two times.");
    }
  }

  /** No restriction. */
  public static SearchFilter all() {
    return new SearchFilter(
        OptionalLong.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Only the given thread. */
  public SearchFilter thread(long id) {
    return new SearchFilter(OptionalLong.of(id), sessionId, role, from, until);
  }

  /** Only the given session. */
  public SearchFilter session(String id) {
    return new SearchFilter(threadId, Optional.of(id), role, from, until);
  }

  /** Only the given role. */
  public SearchFilter role(MessageRole only) {
    return new SearchFilter(threadId, sessionId, Optional.of(only), from, until);
  }

  /** Only messages stored in {@code [start, end)}; either may be {@code null} for open. */
  public SearchFilter between(Instant start, Instant end) {
    return new SearchFilter(
        threadId, sessionId, role, Optional.ofNullable(start), Optional.ofNullable(end));
  }
}
