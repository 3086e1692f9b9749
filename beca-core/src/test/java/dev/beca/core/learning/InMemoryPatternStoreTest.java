package dev.beca.core.learning;

import dev.beca.core.conversation.MutableClock;

/** The reference in-memory store passes the contract. */
class InMemoryPatternStoreTest extends PatternStoreContract {

  @Override
  protected PatternStore createStore(MutableClock clock) {
    return new InMemoryPatternStore(clock);
  }
}
