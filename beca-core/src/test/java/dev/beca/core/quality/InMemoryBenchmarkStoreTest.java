package dev.beca.core.quality;

import dev.beca.core.conversation.MutableClock;

/** The reference in-memory store passes the contract. */
class InMemoryBenchmarkStoreTest extends BenchmarkStoreContract {

  @Override
  protected BenchmarkStore createStore(MutableClock clock) {
    return new InMemoryBenchmarkStore(clock);
  }
}
