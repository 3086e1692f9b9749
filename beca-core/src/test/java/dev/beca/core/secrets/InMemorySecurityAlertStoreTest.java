package dev.beca.core.secrets;

import dev.beca.core.conversation.MutableClock;

/** The in-memory test double holds to the same contract as real stores. */
class InMemorySecurityAlertStoreTest extends SecurityAlertStoreContract {

  @Override
  protected SecurityAlertStore createStore(MutableClock clock) {
    return new InMemorySecurityAlertStore(clock);
  }
}
