package dev.beca.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.conversation.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The in-memory stores hold to the same contract as the SQLite ones. */
class InMemoryModelStoresTest extends ModelStoresContract {

  @Override
  protected Stores createStores(MutableClock clock) {
    return new Stores(new InMemoryModelVersionStore(clock), new InMemoryModelErrorLog(clock));
  }

  @Test
  void theErrorLogKeepsOnlyTheLatestEntriesItHasRoomFor() {
    InMemoryModelErrorLog log = new InMemoryModelErrorLog(new MutableClock(Instant.EPOCH), 2);
    log.record("s", "m", "E", "first", "retried");
    log.record("s", "m", "E", "second", "retried");
    log.record("s", "m", "E", "third", "gave up");

    assertThat(log.recent(10))
        .extracting(ModelErrorEntry::message)
        .containsExactly("third", "second");
    assertThat(log.recent(10).get(0).id()).isEqualTo(3);
    assertThatThrownBy(() -> new InMemoryModelErrorLog(new MutableClock(Instant.EPOCH), 0))
        .hasMessageContaining("capacity");
  }
}
