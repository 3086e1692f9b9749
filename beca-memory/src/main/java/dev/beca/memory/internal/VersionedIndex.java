package dev.beca.memory.internal;

import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * An in-memory index of the lessons kept at the database's lesson version: this store's own writes
 * update it in place, and it is built again only when the database's version moved past it (a write
 * of another process, or one that could not be applied in place). One build at a time; searches
 * that find it current take no lock.
 *
 * @param <T> the index
 */
final class VersionedIndex<T> {

  private final ToLongFunction<T> versionOf;
  private final Object buildLock = new Object();
  private volatile T current;

  /**
   * Creates an empty holder; the first {@link #at} builds.
   *
   * @param versionOf the version an index stands at
   */
  VersionedIndex(ToLongFunction<T> versionOf) {
    this.versionOf = versionOf;
  }

  /** The index as it stands, or null before the first build or after {@link #forget()}. */
  T current() {
    return current;
  }

  /** Drops the index: the next {@link #at} builds. */
  void forget() {
    current = null;
  }

  /**
   * The index at {@code version}, built when the one held stands elsewhere.
   *
   * @param version the version the caller read
   * @param databaseVersion reads the version again, under the build lock
   * @param build builds the index at the version it is given
   * @return the current index
   */
  T at(long version, LongSupplier databaseVersion, LongFunction<T> build) {
    T held = current;
    if (held != null && versionOf.applyAsLong(held) == version) {
      return held;
    }
    synchronized (buildLock) {
      held = current;
      if (held != null && versionOf.applyAsLong(held) == version) {
        return held;
      }
      // A write of this store may have moved the index past the version the caller read: then
      // the index is up to date, not stale.
      long now = databaseVersion.getAsLong();
      if (held != null && versionOf.applyAsLong(held) == now) {
        return held;
      }
      T built = build.apply(now);
      current = built;
      return built;
    }
  }
}
