package dev.beca.core.learning;

import dev.beca.core.conversation.MutableClock;

/** The in-memory reference store passes the contract, which shows the contract is satisfiable. */
class InMemoryLessonStoreTest extends LessonStoreContract {

  @Override
  protected LessonStore createStore(MutableClock clock) {
    return new InMemoryLessonStore(clock);
  }
}
