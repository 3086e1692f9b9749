package dev.beca.core.model;

import dev.beca.core.conversation.MutableClock;

/** The in-memory stores hold to the same contract as the SQLite ones. */
class InMemoryModelStoresTest extends ModelStoresContract {

  @Override
  protected Stores createStores(MutableClock clock) {
    InMemoryModelStores stores = new InMemoryModelStores(clock);
    return new Stores(stores, stores);
  }
}
